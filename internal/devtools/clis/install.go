package clis

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
)

// Install makes the CLI available as c.Path(bin): kept when it is there and reports its
// version; else linked (copied on Windows, where links need a privilege) from one on PATH at
// exactly that version, as setup-terraform and setup-opentofu install them on hosted CI; else
// built from the Go module proxy.
//
// What vouches for a built CLI's source: `go mod download` checks the CLI's module against the
// Go checksum database, a public append-only log of every module version's hash, so a proxy
// that served this machine other code than everyone else gets is caught; the build then runs
// with -mod=readonly, so each dependency must match the go.sum that came inside that module.
// Hence the refusal to build with GOSUMDB=off. A CLI found on PATH is trusted as it is.
func Install(bin string, c CLI, log io.Writer) error {
	out := c.Path(bin)
	if Reports(out, c.Version) {
		return nil
	}
	if err := os.MkdirAll(bin, 0o755); err != nil {
		return err
	}
	_ = os.Remove(out)
	if found := onPath(c, bin); found != "" {
		if err := Link(found, out); err != nil {
			return err
		}
	} else if err := build(c, out, log); err != nil {
		return fmt.Errorf("building %s: %w", c, err)
	}
	if !Reports(out, c.Version) {
		return fmt.Errorf("%s does not report version %s", out, c.Version)
	}
	return nil
}

// LinkTerraform makes bin/terraform the given CLI: what tfplugindocs and `terraform fmt` run.
func LinkTerraform(bin string, c CLI) error {
	to := filepath.Join(bin, Exe("terraform"))
	_ = os.Remove(to)
	if runtime.GOOS != "windows" {
		return os.Symlink(Exe(c.String()), to) // beside it
	}
	return Link(c.Path(bin), to)
}

var versionLine = regexp.MustCompile(`^(Terraform|OpenTofu) v([0-9][^\s]*?)(-dev)?$`)

// Reports says whether the binary runs and calls itself that version (a source build calls
// itself X.Y.Z-dev).
func Reports(path, version string) bool {
	cmd := exec.Command(path, "version") //nolint:gosec // a CLI the list names
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+os.DevNull, "CHECKPOINT_DISABLE=1")
	out, err := cmd.Output()
	if err != nil {
		return false
	}
	first, _, _ := strings.Cut(string(out), "\n")
	m := versionLine.FindStringSubmatch(strings.TrimSpace(first))
	return m != nil && m[2] == version
}

// onPath is a binary of the CLI's name and version on PATH outside bin, or "".
func onPath(c CLI, bin string) string {
	absBin, _ := filepath.Abs(bin)
	for _, dir := range filepath.SplitList(os.Getenv("PATH")) {
		if abs, _ := filepath.Abs(dir); abs == absBin {
			continue
		}
		candidate, err := filepath.Abs(filepath.Join(dir, Exe(c.Name)))
		if err != nil {
			continue
		}
		if info, err := os.Stat(candidate); err == nil && !info.IsDir() && Reports(candidate, c.Version) {
			return candidate
		}
	}
	return ""
}

// Link makes to run from: a symbolic link, or a copy where links are not to be had (Windows,
// where a link needs a privilege).
func Link(from, to string) error {
	if runtime.GOOS != "windows" {
		if err := os.Symlink(from, to); err == nil {
			return nil
		}
	}
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o755) //nolint:gosec // an executable
}

// build builds the CLI from its module's source, as the module proxy serves it.
func build(c CLI, out string, log io.Writer) error {
	if sumdb, _ := exec.Command("go", "env", "GOSUMDB").Output(); strings.TrimSpace(string(sumdb)) == "off" {
		return errors.New("GOSUMDB=off: refusing to build a CLI that no checksum database vouches for; unset it")
	}
	fmt.Fprintf(log, "clis: building %s from the module proxy (2-5 minutes)\n", c)
	work, err := os.MkdirTemp("", "clis-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	module, pkg := "github.com/hashicorp/terraform", "."
	if c.Name == "tofu" {
		module, pkg = "github.com/opentofu/opentofu", "./cmd/tofu"
	}
	if err := sourceOf(module, c.Version, work); err != nil {
		return err
	}
	if c.Name == "terraform" {
		if err := patchTerraform(work); err != nil {
			return err
		}
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	// http2legacy: under Go 1.27, golang.org/x/net/http2 (from v0.54) becomes a wrapper of the
	// standard library's HTTP/2 without the names grpc v1.79 still uses (OpenTofu 1.12.6's);
	// the tag keeps the package as it was.
	cmd := exec.Command("go", "build", "-mod=readonly", "-buildvcs=false", "-tags=http2legacy", "-o", abs, pkg)
	cmd.Dir, cmd.Stdout, cmd.Stderr = work, log, log
	return cmd.Run()
}

// sourceOf copies the module's source out of the module cache into dir, writable, so that the
// build can patch it without touching this repository's go.mod.
func sourceOf(module, version, dir string) error {
	cmd := exec.Command("go", "mod", "download", "-json", module+"@v"+version)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("go mod download %s@v%s: %w", module, version, err)
	}
	var info struct{ Dir string }
	if err := json.Unmarshal(out, &info); err != nil || info.Dir == "" {
		return fmt.Errorf("%s v%s is not in the module cache", module, version)
	}
	return os.CopyFS(dir, os.DirFS(info.Dir)) // the module cache's files are read-only; the copies are not
}
