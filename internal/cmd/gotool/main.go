// Command gotool go-installs PACKAGE@VERSION into a directory of tools unless that version is
// already there (recorded beside the binary), so that tools are pinned and cached:
//
//	go run ./internal/cmd/gotool -bin .tools/bin github.com/rhysd/actionlint/cmd/actionlint v1.7.12
//
// `go install PACKAGE@VERSION` checks the module against the Go checksum database, which is why
// GOSUMDB=off is refused: the release job builds goreleaser and syft this way.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/smsgateway/terraform-provider-gateway/internal/devtools/clis"
)

func main() {
	bin := flag.String("bin", ".tools/bin", "the directory of tools")
	flag.Parse()
	if flag.NArg() != 2 {
		fmt.Fprintln(os.Stderr, "usage: gotool -bin DIR PACKAGE VERSION")
		os.Exit(2)
	}
	if err := install(*bin, flag.Arg(0), flag.Arg(1)); err != nil {
		fmt.Fprintln(os.Stderr, "gotool:", err)
		os.Exit(1)
	}
}

var majorSuffix = regexp.MustCompile(`^v[0-9]+$`)

func install(bin, pkg, version string) error {
	if sumdb, _ := exec.Command("go", "env", "GOSUMDB").Output(); strings.TrimSpace(string(sumdb)) == "off" {
		return fmt.Errorf("GOSUMDB=off: refusing to build %s that no checksum database vouches for; unset it", pkg)
	}
	name := path.Base(pkg)
	if majorSuffix.MatchString(name) { // go names a binary after the path before a major version suffix
		name = path.Base(path.Dir(pkg))
	}
	abs, err := filepath.Abs(bin)
	if err != nil {
		return err
	}
	stamp := filepath.Join(abs, "."+name+".version")
	if recorded, err := os.ReadFile(stamp); err == nil && strings.TrimSpace(string(recorded)) == version {
		if _, err := os.Stat(filepath.Join(abs, clis.Exe(name))); err == nil {
			return nil
		}
	}
	fmt.Fprintf(os.Stderr, "gotool: building %s %s\n", name, version)
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return err
	}
	cmd := exec.Command("go", "install", pkg+"@"+version)
	cmd.Env = append(os.Environ(), "GOBIN="+abs, "GOFLAGS=-buildvcs=false")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return errors.Join(fmt.Errorf("go install %s@%s", pkg, version), err)
	}
	return os.WriteFile(stamp, []byte(version+"\n"), 0o600)
}
