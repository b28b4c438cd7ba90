package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Each test copies the repository's workflows into a temporary directory, plants one
// violation, and runs the check as `make check` does: it must fail, and say where
// and what to fix.

// fakeSHA stands for a commit in planted steps: these tests read no action.
var fakeSHA = strings.Repeat("0", 40)

func TestRepositoryWorkflowsPass(t *testing.T) {
	t.Parallel()
	status, stdout, stderr := check(t, workflowsCopy(t))
	if status != 0 || stderr != "" {
		t.Fatalf("the repository's own workflows fail (status %d):\n%s", status, stderr)
	}
	if !strings.Contains(stdout, "uses: pinned to commits") {
		t.Fatalf("stdout = %q", stdout)
	}
}

func TestUnpinnedUsesFails(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct{ uses, want string }{
		"a tag": {"actions/checkout@v7",
			"uses: actions/checkout@v7 is not pinned: whoever controls the action can move a tag or branch to other code; " +
				"pin the release's full 40-hex commit SHA, the release in a comment: actions/checkout@<commit SHA> # vX.Y.Z"},
		"a branch":    {"actions/checkout@main", "uses: actions/checkout@main is not pinned"},
		"a short SHA": {"actions/checkout@3d3c42e # v7.0.1", "uses: actions/checkout@3d3c42e is not pinned"},
		"no version": {"actions/checkout@" + fakeSHA, "uses: actions/checkout@" + fakeSHA +
			" has no version comment; add the release that commit is, as `# vX.Y.Z`, so that readers and Dependabot know it"},
		"an image by tag": {"docker://alpine:3.20 # v3.20", "uses: docker://alpine:3.20 names an image by a tag, which can be moved; pin its digest"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dir := workflowsCopy(t)
			file := plant(t, dir, "test.yml", "- uses: actions/checkout@", "- uses: "+tc.uses+"\n      - uses: actions/checkout@")
			expectFailure(t, dir, file, "- uses: "+tc.uses, tc.want)
		})
	}
}

func TestPinnedUsesPass(t *testing.T) {
	t.Parallel()
	dir := workflowsCopy(t)
	plant(t, dir, "test.yml", "- uses: actions/checkout@", "- uses: ./.github/actions/local\n"+
		"      - uses: docker://alpine@sha256:"+strings.Repeat("a", 64)+"\n"+
		"      - uses: actions/checkout@")
	if status, _, stderr := check(t, dir); status != 0 {
		t.Fatalf("a local action and an image by digest were refused:\n%s", stderr)
	}
}

func TestUsesCheckedInEveryYAMLFile(t *testing.T) {
	t.Parallel()
	dir := workflowsCopy(t)
	file := filepath.Join(dir, "examples", "ci", "github-actions.yml")
	write(t, file, "on: push\npermissions: {}\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n")
	expectFailure(t, dir, file, "- uses: actions/checkout@v4", "uses: actions/checkout@v4 is not pinned")
}

func TestMissingPermissionsFails(t *testing.T) {
	t.Parallel()
	dir := workflowsCopy(t)
	file := plant(t, dir, "test.yml", "\npermissions:\n  contents: read\n", "\n")
	expectFailure(t, dir, file, "name: test", "the workflow has no top-level `permissions:`, so its token gets the repository's default "+
		"(possibly write-all); add `permissions: {}` (or `contents: read`) at the top and grant each job only what it needs")
}

func TestReleaseCacheFails(t *testing.T) {
	t.Parallel()
	const want = "; a release builds from the tag alone, since a cache can be written by any run and Go trusts its build cache"
	for name, tc := range map[string]struct{ old, planted, at, want string }{
		"setup-go told to cache": {"cache: false", "cache: true", "uses: actions/setup-go@",
			`release job "release" restores the Go module and build cache: actions/setup-go caches unless told not to; set ` + "`cache: false`" + want},
		"setup-go by default": {"          cache: false\n", "", "uses: actions/setup-go@",
			`release job "release" restores the Go module and build cache`},
		"actions/cache": {"      - name: The modules are", "      - uses: actions/cache@" + fakeSHA + " # v5.0.5\n      - name: The modules are",
			"uses: actions/cache@", `release job "release" restores a cache with actions/cache; remove the step` + want},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dir := workflowsCopy(t)
			file := plant(t, dir, "release.yml", tc.old, tc.planted)
			expectFailure(t, dir, file, tc.at, tc.want)
		})
	}
}

func TestCacheOutsideReleasesPasses(t *testing.T) {
	t.Parallel()
	dir := workflowsCopy(t)
	content, err := os.ReadFile(filepath.Join(dir, ".github", "workflows", "test.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(content), "cache: true") {
		t.Fatal("test.yml no longer caches: this test proves nothing")
	}
	plant(t, dir, "release.yml", "    environment: release\n", "")
	plant(t, dir, "release.yml", `tags: ["v*"]`, "branches: [main]")
	plant(t, dir, "release.yml", "cache: false", "cache: true")
	if status, _, stderr := check(t, dir); status != 0 {
		t.Fatalf("a job that is no release was refused its cache:\n%s", stderr)
	}
}

func TestReleaseEnvironmentMakesAReleaseJob(t *testing.T) {
	t.Parallel()
	dir := workflowsCopy(t)
	file := plant(t, dir, "release.yml", `tags: ["v*"]`, "branches: [main]")
	plant(t, dir, "release.yml", "cache: false", "cache: true")
	expectFailure(t, dir, file, "uses: actions/setup-go@", `release job "release" restores the Go module and build cache`)
}

func TestExpressionInRunFails(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct{ planted, at string }{
		"one line": {`      - run: echo "${{ github.head_ref }}"`, `echo "${{ github.head_ref }}"`},
		"a block":  {"      - run: |\n          echo start\n          echo \"${{ github.head_ref }}\"", `          echo "${{ github.head_ref }}"`},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dir := workflowsCopy(t)
			file := plant(t, dir, "test.yml", "      - run: make check", tc.planted+"\n      - run: make check")
			expectFailure(t, dir, file, tc.at, "run: holds ${{ github.head_ref }}, which Actions pastes into the script before the shell "+
				"reads it (script injection); set it in the step's env: (NAME: ${{ github.head_ref }}) and write \"$NAME\" in the script")
		})
	}
}

func TestUnreadableYAMLFails(t *testing.T) {
	t.Parallel()
	dir := workflowsCopy(t)
	file := plant(t, dir, "test.yml", "jobs:\n", "jobs:\n  - [\n")
	expectFailure(t, dir, file, "", "does not parse as YAML, so it cannot be checked")
}

// workflowsCopy copies the repository's .github directory into a temporary repository.
func workflowsCopy(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	source := filepath.Join("..", "..", "..", ".github", "workflows")
	entries, err := os.ReadDir(source)
	if err != nil {
		t.Fatal(err)
	}
	for _, entry := range entries {
		content, err := os.ReadFile(filepath.Join(source, entry.Name()))
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(dir, ".github", "workflows", entry.Name()), string(content))
	}
	return dir
}

// plant replaces the first old in a copied workflow with planted and returns the file's path.
func plant(t *testing.T, dir, workflow, old, planted string) string {
	t.Helper()
	file := filepath.Join(dir, ".github", "workflows", workflow)
	content, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(content), old) {
		t.Fatalf("%s no longer holds %q: plant the violation elsewhere", workflow, old)
	}
	write(t, file, strings.Replace(string(content), old, planted, 1))
	return file
}

func write(t *testing.T, file, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(file), 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// check runs the command on dir as `make check` would.
func check(t *testing.T, dir string) (status int, stdout, stderr string) {
	t.Helper()
	var out, errs bytes.Buffer
	status = run([]string{"-root", dir}, &out, &errs)
	return status, out.String(), errs.String()
}

// expectFailure runs the check and wants exit status 1 and a finding that names the file, the
// line of the first line holding at (the first line when at is ""), and message.
func expectFailure(t *testing.T, dir, file, at, message string) {
	t.Helper()
	status, _, stderr := check(t, dir)
	if status != 1 {
		t.Fatalf("status %d, want 1; stderr:\n%s", status, stderr)
	}
	rel, err := filepath.Rel(dir, file)
	if err != nil {
		t.Fatal(err)
	}
	content, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	line := 1 // where a finding about the whole file points
	for i, text := range strings.Split(string(content), "\n") {
		if at != "" && strings.Contains(text, at) {
			line = i + 1
			break
		}
	}
	want := filepath.ToSlash(rel) + ":" + strconv.Itoa(line) + ": " + message
	if !strings.Contains(stderr, want) {
		t.Fatalf("stderr does not say\n  %s\nstderr:\n%s", want, stderr)
	}
}
