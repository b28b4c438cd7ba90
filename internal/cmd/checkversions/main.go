// Command checkversions fails when anything names a tested CLI version that
// scripts/tested-clis.txt does not list, or leaves one out: the workflow's acceptance matrix
// and the "Tested versions" section of the registry docs must name exactly the list; every
// other version the docs, README.md, DESIGN.md, the CI examples and the workflows name must be
// on it. The list is what `make test` runs: part of `make check`.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/smsgateway/terraform-provider-gateway/internal/devtools/clis"
)

func main() {
	problems, err := check(".")
	if err != nil {
		fmt.Fprintln(os.Stderr, "check-versions:", err)
		os.Exit(1)
	}
	for _, p := range problems {
		fmt.Fprintln(os.Stderr, "check-versions: "+p)
	}
	if len(problems) > 0 {
		os.Exit(1)
	}
	list, _ := clis.Tested(".")
	var names []string
	for _, c := range list {
		names = append(names, c.Name+" "+c.Version)
	}
	fmt.Println("check-versions: the workflow, the docs and the CI examples name exactly: " + strings.Join(names, ", "))
}

var (
	matrixEntry = regexp.MustCompile(`\{ *cli: *(terraform|opentofu) *, *version: *"?([0-9.]+)"? *\}`)
	docsVersion = regexp.MustCompile(`(Terraform|OpenTofu) ([0-9]+\.[0-9]+\.[0-9]+)`)
	// "Terraform 1.16.4", "OpenTofu v1.12.6", "terraform 1.5.7", and each version of a list such
	// as "Terraform 1.5.7 and 1.16.4", even one a line break splits.
	proseVersions = regexp.MustCompile(`(?i)(terraform|opentofu|tofu) v?[0-9]+\.[0-9]+\.[0-9]+((,|,? and|,? or)\s+v?[0-9]+\.[0-9]+\.[0-9]+)*`)
	dashed        = regexp.MustCompile(`\b(terraform|tofu)-([0-9]+\.[0-9]+\.[0-9]+)`)
	pinned        = regexp.MustCompile(`(terraform_version|tofu_version|TOFU_VERSION): *"?([0-9]+\.[0-9]+\.[0-9]+)|hashicorp/(terraform):([0-9]+\.[0-9]+\.[0-9]+)`)
	aVersion      = regexp.MustCompile(`[0-9]+\.[0-9]+\.[0-9]+`)
)

// check returns what disagrees with the list, one sentence each.
func check(root string) ([]string, error) {
	list, err := clis.Tested(root)
	if err != nil {
		return nil, err
	}
	listed := map[string]bool{}
	var want []string
	for _, c := range list {
		listed[c.Name+" "+c.Version] = true
		want = append(want, c.Name+" "+c.Version)
	}
	slices.Sort(want)
	var problems []string
	exactly := func(what string, found []string) {
		slices.Sort(found)
		found = slices.Compact(found)
		if !slices.Equal(found, want) {
			problems = append(problems, fmt.Sprintf("%s names %v, not exactly %s's %v", what, found, clis.ListFile, want))
		}
	}
	read := func(path string) string {
		b, err := os.ReadFile(filepath.Join(root, path))
		if err != nil {
			problems = append(problems, err.Error())
		}
		return string(b)
	}

	var matrix []string
	for _, m := range matrixEntry.FindAllStringSubmatch(read(".github/workflows/test.yml"), -1) {
		matrix = append(matrix, strings.Replace(m[1], "opentofu", "tofu", 1)+" "+m[2])
	}
	exactly(".github/workflows/test.yml's acceptance matrix", matrix)

	index := read("templates/index.md.tmpl")
	section := ""
	if i := strings.Index(index, "## Tested versions"); i >= 0 {
		section = index[i:]
		if j := strings.Index(section[3:], "\n## "); j >= 0 {
			section = section[:j+3]
		}
	}
	var docs []string
	for _, m := range docsVersion.FindAllStringSubmatch(section, -1) {
		docs = append(docs, cliName(m[1])+" "+m[2])
	}
	exactly("templates/index.md.tmpl's Tested versions section", docs)

	files, err := gitFiles(root, "templates", "README.md", "DESIGN.md", "RELEASING.md", "examples", ".github/workflows")
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		text := strings.Join(strings.Fields(read(f)), " ")
		for _, named := range proseVersions.FindAllString(text, -1) {
			cli := cliName(strings.Fields(named)[0])
			for _, v := range aVersion.FindAllString(named, -1) {
				if !listed[cli+" "+v] {
					problems = append(problems, fmt.Sprintf("%s names %s %s (in %q), which make test does not run", f, cli, v, named))
				}
			}
		}
		if strings.HasPrefix(f, "examples") {
			continue // their pins are read below
		}
		for _, m := range dashed.FindAllStringSubmatch(read(f), -1) {
			if !listed[m[1]+" "+m[2]] {
				problems = append(problems, fmt.Sprintf("%s names %s, which make test does not run", f, m[0]))
			}
		}
	}

	// Every CLI version pinned elsewhere (the CI examples, the workflows' other jobs) is a
	// tested version of that CLI. Only X.Y.Z is read: `latest` (.github/workflows/latest-clis.yml,
	// the weekly early warning) pins nothing, so it is deliberately not a version this list must hold.
	yamls, err := filepath.Glob(filepath.Join(root, "examples", "ci", "*.yml"))
	if err != nil {
		return nil, err
	}
	workflows, err := filepath.Glob(filepath.Join(root, ".github", "workflows", "*.yml"))
	if err != nil {
		return nil, err
	}
	for _, path := range append(yamls, workflows...) {
		rel, _ := filepath.Rel(root, path)
		for _, m := range pinned.FindAllStringSubmatch(read(rel), -1) {
			setting, v := m[1], m[2]
			if m[3] != "" {
				setting, v = "hashicorp/"+m[3], m[4]
			}
			cli := "tofu"
			if strings.Contains(setting, "terraform") {
				cli = "terraform"
			}
			if !listed[cli+" "+v] {
				problems = append(problems, fmt.Sprintf("%s pins %s %s (%s), which make test does not run", rel, cli, v, setting))
			}
		}
	}
	return problems, nil
}

func cliName(word string) string {
	if strings.EqualFold(word, "terraform") {
		return "terraform"
	}
	return "tofu"
}

// gitFiles lists the files git tracks under the given paths.
func gitFiles(root string, paths ...string) ([]string, error) {
	cmd := exec.Command("git", append([]string{"ls-files", "--"}, paths...)...)
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git ls-files: %w", err)
	}
	return strings.Fields(string(out)), nil
}
