// Command platforms checks the tree on the platforms the release builds (.goreleaser.yml):
//
//	go run ./internal/cmd/platforms vet all|GOOS/GOARCH,…  # go vet, tests included, for every
//	                                      # GOOS/GOARCH built, or those listed: `make platforms`
//	go run ./internal/cmd/platforms unit  # the unit tier on linux/386 natively and on linux/arm64
//	                                      # and linux/arm under qemu-user: the weekly platforms workflow
//
// vet compiles every package and its tests, so code that does not build for a platform (a
// syscall field one lacks, an int64 where it has an int32) fails here, on any machine. unit
// runs what 32-bit int and another architecture can change: counts, sizes, durations.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

func main() {
	vet := len(os.Args) == 3 && os.Args[1] == "vet"
	if !vet && (len(os.Args) != 2 || os.Args[1] != "unit") {
		fmt.Fprintln(os.Stderr, "usage: platforms vet all|GOOS/GOARCH,… | platforms unit")
		os.Exit(2)
	}
	var err error
	if vet {
		err = vetAll(os.Args[2])
	} else {
		err = unitAll()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "platforms:", err)
		os.Exit(1)
	}
}

// platform is one GOOS/GOARCH pair.
type platform struct{ goos, goarch string }

func (p platform) String() string { return p.goos + "/" + p.goarch }

// released are the platforms .goreleaser.yml builds: its goos × goarch, less its ignores.
func released() ([]platform, error) {
	b, err := os.ReadFile(".goreleaser.yml")
	if err != nil {
		return nil, err
	}
	var cfg struct {
		Builds []struct {
			Goos   []string `yaml:"goos"`
			Goarch []string `yaml:"goarch"`
			Ignore []struct {
				Goos   string `yaml:"goos"`
				Goarch string `yaml:"goarch"`
			} `yaml:"ignore"`
		} `yaml:"builds"`
	}
	if err := yaml.Unmarshal(b, &cfg); err != nil {
		return nil, err
	}
	var list []platform
	for _, build := range cfg.Builds {
		for _, goos := range build.Goos {
			for _, goarch := range build.Goarch {
				ignored := slices.ContainsFunc(build.Ignore, func(i struct {
					Goos   string `yaml:"goos"`
					Goarch string `yaml:"goarch"`
				}) bool {
					return i.Goos == goos && i.Goarch == goarch
				})
				if !ignored {
					list = append(list, platform{goos, goarch})
				}
			}
		}
	}
	// goreleaser builds the pairs Go has a port for (no darwin/arm): so does this.
	ports, err := exec.Command("go", "tool", "dist", "list").Output()
	if err != nil {
		return nil, err
	}
	list = slices.DeleteFunc(list, func(p platform) bool { return !slices.Contains(strings.Fields(string(ports)), p.String()) })
	if len(list) == 0 {
		return nil, errors.New(".goreleaser.yml builds no platform this command can read")
	}
	return list, nil
}

// vetAll vets the released platforms, or those of a comma-separated list, each of which must
// be released.
func vetAll(which string) error {
	list, err := released()
	if err != nil {
		return err
	}
	if which != "all" {
		var chosen []platform
		for _, name := range strings.Split(which, ",") {
			i := slices.IndexFunc(list, func(p platform) bool { return p.String() == name })
			if i < 0 {
				return fmt.Errorf("%s is not a platform .goreleaser.yml builds", name)
			}
			chosen = append(chosen, list[i])
		}
		list = chosen
	}
	var failed []string
	for _, p := range list {
		start := time.Now()
		cmd := exec.Command("go", "vet", "./...")
		cmd.Env = append(os.Environ(), "GOOS="+p.goos, "GOARCH="+p.goarch, "CGO_ENABLED=0")
		out, err := cmd.CombinedOutput()
		if err != nil {
			failed = append(failed, p.String())
			fmt.Printf("    FAIL %-14s\n%s", p, indent(string(out)))
			continue
		}
		fmt.Printf("    ok   %-14s %s\n", p, time.Since(start).Round(100*time.Millisecond))
	}
	fmt.Printf("platforms: go vet on %d release platforms, %d failed\n", len(list), len(failed))
	if len(failed) > 0 {
		return fmt.Errorf("go vet fails on %s", strings.Join(failed, ", "))
	}
	return nil
}

// unitPackages are the unit tier's packages (the provider's protocol and docs tests among them).
var unitPackages = [][]string{
	{"./internal/gateway/...", "./internal/secret/...", "./internal/lazyregexp/...", "./internal/cmd/...", "./internal/devtools/..."},
	{"-run", "^(TestProtocol|TestDocs)", "./internal/provider/"},
}

func unitAll() error {
	if runtime.GOOS != "linux" || runtime.GOARCH != "amd64" {
		return fmt.Errorf("the unit tier for other architectures runs on linux/amd64, not %s/%s", runtime.GOOS, runtime.GOARCH)
	}
	emulators := map[string]string{"arm64": "qemu-aarch64", "arm": "qemu-arm"}
	if err := needQEMU(emulators); err != nil {
		return err
	}
	var failed []string
	for _, arch := range []string{"386", "arm64", "arm"} {
		start := time.Now()
		ok := true
		for _, pkgs := range unitPackages {
			args := []string{"test", "-count=1"}
			if emu := emulators[arch]; emu != "" {
				args = append(args, "-exec", emu)
			}
			cmd := exec.Command("go", append(args, pkgs...)...)
			cmd.Env = append(os.Environ(), "GOARCH="+arch, "CGO_ENABLED=0")
			if arch == "arm" {
				cmd.Env = append(cmd.Env, "GOARM=7")
			}
			cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
			if err := cmd.Run(); err != nil {
				ok = false
			}
		}
		fmt.Printf("platforms: unit tier on linux/%s: %s in %s\n", arch, map[bool]string{true: "ok", false: "FAILED"}[ok], time.Since(start).Round(time.Second))
		if !ok {
			failed = append(failed, "linux/"+arch)
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("the unit tier fails on %s", strings.Join(failed, ", "))
	}
	return nil
}

// needQEMU makes sure the user-mode emulators are on PATH, installing Debian's qemu-user when
// run as root with apt-get (the CI machines); anywhere else the error says what to install.
func needQEMU(emulators map[string]string) error {
	missing := false
	for _, emu := range emulators {
		if _, err := exec.LookPath(emu); err != nil {
			missing = true
		}
	}
	if !missing {
		return nil
	}
	if _, err := exec.LookPath("apt-get"); err == nil && os.Geteuid() == 0 {
		cmd := exec.Command("apt-get", "install", "-y", "-q", "qemu-user")
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err == nil {
			return nil
		}
	}
	return errors.New("the arm64 and arm tiers run under qemu-aarch64 and qemu-arm: install qemu-user (apt-get install qemu-user)")
}

func indent(s string) string {
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		b.WriteString("         " + line + "\n")
	}
	return b.String()
}
