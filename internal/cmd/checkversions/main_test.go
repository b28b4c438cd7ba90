package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// repo writes a repository whose files agree with a list of two CLIs, with edits applied, and
// commits nothing but adds every file (git ls-files reads the index).
func repo(t *testing.T, edits map[string]string) string {
	t.Helper()
	root := t.TempDir()
	files := map[string]string{
		"scripts/tested-clis.txt":        "# the list\nterraform 1.16.4\ntofu 1.12.6\n",
		".github/workflows/test.yml":     "matrix:\n  - { cli: terraform, version: 1.16.4 }\n  - { cli: opentofu, version: 1.12.6 }\n",
		"templates/index.md.tmpl":        "# Provider\n\n## Tested versions\n\nTerraform 1.16.4 and OpenTofu 1.12.6.\n",
		"README.md":                      "Runs on terraform-1.16.4 and tofu-1.12.6.\n",
		"DESIGN.md":                      "Measured on Terraform\n1.16.4.\n",
		"RELEASING.md":                   "Nothing.\n",
		"examples/ci/github-actions.yml": "terraform_version: 1.16.4\ntofu_version: 1.12.6\n",
	}
	for name, text := range edits {
		files[name] = text
	}
	for name, text := range files {
		path := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{{"init", "-q"}, {"add", "."}} {
		cmd := exec.Command("git", args...)
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	return root
}

func TestCheck(t *testing.T) {
	t.Parallel()
	if problems, err := check(repo(t, nil)); err != nil || len(problems) != 0 {
		t.Fatalf("a repository that agrees: %v %v", problems, err)
	}
	for name, tc := range map[string]struct {
		file, text, want string
	}{
		"the matrix leaves a CLI out": {".github/workflows/test.yml", "matrix:\n  - { cli: terraform, version: 1.16.4 }\n", "acceptance matrix names"},
		"the docs name another":       {"templates/index.md.tmpl", "## Tested versions\n\nTerraform 1.16.4 and OpenTofu 1.12.5.\n", "Tested versions section names"},
		"prose names an untested one": {"DESIGN.md", "Seen on Terraform 1.16.4, 1.9.0\nand 1.16.4.\n", "DESIGN.md names terraform 1.9.0"},
		"a make name of another":      {"README.md", "Runs on tofu-1.9.9.\n", "README.md names tofu-1.9.9"},
		"a workflow's make name of another": {".github/workflows/test.yml", "matrix:\n  - { cli: terraform, version: 1.16.4 }\n  - { cli: opentofu, version: 1.12.6 }\nenv:\n  CLIS: terraform-1.16.3\n",
			".github/workflows/test.yml names terraform-1.16.3"},
		"a pin of another":    {"examples/ci/github-actions.yml", "terraform_version: 1.9.0\n", "pins terraform 1.9.0"},
		"an image of another": {"examples/ci/github-actions.yml", "image: hashicorp/terraform:1.9.1\n", "pins terraform 1.9.1"},
	} {
		problems, err := check(repo(t, map[string]string{tc.file: tc.text}))
		if err != nil || !strings.Contains(strings.Join(problems, "\n"), tc.want) {
			t.Errorf("%s: problems %v (%v), want one saying %q", name, problems, err, tc.want)
		}
	}
}
