// Package clis is the project's list of tested Terraform and OpenTofu CLIs
// (scripts/tested-clis.txt) and how each is made available in a directory of tools: found on
// PATH at exactly its version, or built from the Go module proxy. The commands that make runs
// use it, so that nothing of it needs a shell.
package clis

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/hashicorp/go-version"
)

// ListFile is the one list of tested CLIs, relative to the repository's root.
const ListFile = "scripts/tested-clis.txt"

// CLI is one tested CLI: terraform or tofu, at a version.
type CLI struct {
	Name    string // "terraform" or "tofu"
	Version string // such as "1.16.4"
}

// String is the CLI as make and the test reports name it: terraform-1.16.4.
func (c CLI) String() string { return c.Name + "-" + c.Version }

// Parse reads a CLI written as terraform-1.16.4.
func Parse(s string) (CLI, error) {
	name, v, ok := strings.Cut(s, "-")
	if !ok || (name != "terraform" && name != "tofu") {
		return CLI{}, fmt.Errorf("%q is not a CLI: write terraform-X.Y.Z or tofu-X.Y.Z", s)
	}
	if _, err := version.NewVersion(v); err != nil {
		return CLI{}, fmt.Errorf("%q: %w", s, err)
	}
	return CLI{Name: name, Version: v}, nil
}

// ParseAll reads each of names with Parse.
func ParseAll(names []string) ([]CLI, error) {
	var list []CLI
	for _, name := range names {
		c, err := Parse(name)
		if err != nil {
			return nil, err
		}
		list = append(list, c)
	}
	return list, nil
}

// Tested reads the list: one "NAME VERSION" a line, # comments and blank lines left out.
func Tested(root string) ([]CLI, error) {
	f, err := os.Open(filepath.Join(root, ListFile))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var list []CLI
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) != 2 {
			return nil, fmt.Errorf("%s: %q is not NAME VERSION", ListFile, line)
		}
		c, err := Parse(fields[0] + "-" + fields[1])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", ListFile, err)
		}
		list = append(list, c)
	}
	return list, sc.Err()
}

// Newest is the newest CLI of the list with that name, and false when there is none.
func Newest(list []CLI, name string) (CLI, bool) {
	var newest CLI
	found := false
	for _, c := range list {
		if c.Name == name && (!found || version.Must(version.NewVersion(c.Version)).GreaterThan(version.Must(version.NewVersion(newest.Version)))) {
			newest, found = c, true
		}
	}
	return newest, found
}

// Exe is a command's file name on this system: with .exe on Windows, which runs nothing else.
func Exe(name string) string {
	if runtime.GOOS == "windows" {
		return name + ".exe"
	}
	return name
}

// Path is where the CLI lives in the directory of tools.
func (c CLI) Path(bin string) string { return filepath.Join(bin, Exe(c.String())) }
