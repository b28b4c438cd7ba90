// Command testacc runs every acceptance test (internal/provider TestAcc*) and every end-to-end
// test (internal/e2e) through each CLI of scripts/tested-clis.txt, or those CLIS names
// ("terraform-1.16.4 tofu-1.12.6"), each built when missing, with gotestsum, whose summary
// counts them: `make testacc`. A test that needs a feature the CLI lacks is skipped, its
// message starting "not applicable:". TESTRUN narrows the tests (-run), TESTARGS adds go test
// flags.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/smsgateway/terraform-provider-gateway/internal/devtools/clis"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "testacc:", err)
		os.Exit(1)
	}
}

func run() error {
	bin, err := filepath.Abs(filepath.Join(".tools", "bin"))
	if err != nil {
		return err
	}
	list, err := clis.Tested(".")
	if err != nil {
		return err
	}
	wanted := list
	if names := strings.Fields(os.Getenv("CLIS")); len(names) > 0 {
		if wanted, err = clis.ParseAll(names); err != nil {
			return err
		}
	}
	for _, c := range wanted {
		if err := clis.Install(bin, c, os.Stderr); err != nil {
			return err
		}
	}
	if err := needJQ(); err != nil {
		return err
	}
	// The CLIs must not read the caller's CLI configuration: one that names a missing file makes
	// OpenTofu print a warning where the test framework reads its version, and no test starts.
	work, err := os.MkdirTemp("", "testacc-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	emptyConfig := filepath.Join(work, "empty.tfrc")
	if err := os.WriteFile(emptyConfig, nil, 0o600); err != nil {
		return err
	}
	// Every tested CLI that is there, for the tests that use a second one (a lock file made
	// with one CLI and used by the other).
	var tested []string
	for _, c := range list {
		if _, err := os.Stat(c.Path(bin)); err == nil {
			tested = append(tested, c.Path(bin))
		}
	}

	failed := []string{}
	for _, c := range wanted {
		env := append(os.Environ(), "TF_ACC=1", "TF_ACC_TERRAFORM_PATH="+c.Path(bin), "TF_CLI_CONFIG_FILE="+emptyConfig,
			"CHECKPOINT_DISABLE=1", "TF_ACC_TESTED_CLIS="+strings.Join(tested, " "))
		if c.Name == "tofu" {
			env = append(env, "TF_ACC_PROVIDER_HOST=registry.opentofu.org")
		}
		fmt.Printf("==> acceptance and e2e tests on %s (%s)\n", c, versionLine(c.Path(bin), env))
		for _, pkg := range []struct{ path, run string }{{"./internal/provider/", "^TestAcc"}, {"./internal/e2e/", "^Test"}} {
			run := pkg.run
			if r := os.Getenv("TESTRUN"); r != "" {
				run = r
			}
			args := append([]string{"tool", "-modfile=tools/go.mod", "gotestsum", "--format", "pkgname-and-test-fails", "--",
				"-count=1", "-timeout", "10m", "-run", run}, strings.Fields(os.Getenv("TESTARGS"))...)
			cmd := exec.Command("go", append(args, pkg.path)...) //nolint:gosec // the repository's own tests
			cmd.Env, cmd.Stdout, cmd.Stderr = env, os.Stdout, os.Stderr
			if err := cmd.Run(); err != nil {
				failed = append(failed, c.String()+" "+pkg.path)
			}
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("tests failed: %s", strings.Join(failed, ", "))
	}
	return nil
}

// versionLine is the first line the CLI prints of its version.
func versionLine(cli string, env []string) string {
	cmd := exec.Command(cli, "version") //nolint:gosec // a CLI of the list
	cmd.Env = env
	out, _ := cmd.Output()
	first, _, _ := strings.Cut(string(out), "\n")
	return strings.TrimSpace(first)
}
