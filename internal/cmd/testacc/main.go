// Command testacc runs every acceptance test (internal/provider TestAcc*) and every end-to-end
// test (internal/e2e) through each CLI of scripts/tested-clis.txt, or those CLIS names
// ("terraform-1.16.4 tofu-1.12.6"), and prints a count line for each and one for all:
// `make testacc`.
//
//	terraform-1.16.4: 150 passed, 0 failed, 0 skipped
//
// A test that needs a feature the CLI lacks is counted apart as not applicable; any other
// skip fails the run (with TF_ACC set nothing has a reason to skip). TESTRUN narrows the
// tests (-run), TESTARGS adds go test flags.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/smsgateway/terraform-provider-gateway/internal/devtools/clis"
	"github.com/smsgateway/terraform-provider-gateway/internal/devtools/testreport"
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

	var total testreport.Counts
	failed := false
	for _, c := range wanted {
		env := append(os.Environ(), "TF_ACC=1", "TF_ACC_TERRAFORM_PATH="+c.Path(bin), "TF_CLI_CONFIG_FILE="+emptyConfig,
			"CHECKPOINT_DISABLE=1", "TF_ACC_TESTED_CLIS="+strings.Join(tested, " "))
		if c.Name == "tofu" {
			env = append(env, "TF_ACC_PROVIDER_HOST=registry.opentofu.org")
		}
		fmt.Printf("==> acceptance and e2e tests on %s (%s)\n", c, versionLine(c.Path(bin), env))
		counts, err := testCLI(c.String(), env)
		if err != nil {
			return err
		}
		failed = failed || !counts.OK()
		total.Passed += counts.Passed
		total.Failed += counts.Failed
		total.Skipped += counts.Skipped
	}
	fmt.Printf("acceptance on %d CLIs, in all:\nacceptance: %d passed, %d failed, %d skipped\n", len(wanted), total.Passed, total.Failed, total.Skipped)
	if failed {
		return errors.New("some tests failed or were skipped")
	}
	return nil
}

// testCLI runs both packages' tests on one CLI and counts them as one run.
func testCLI(name string, env []string) (testreport.Counts, error) {
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		var err error
		for _, pkg := range []struct{ path, run string }{{"./internal/provider/", "^TestAcc"}, {"./internal/e2e/", "^Test"}} {
			run := pkg.run
			if r := os.Getenv("TESTRUN"); r != "" {
				run = r
			}
			args := append([]string{"test", "-json", "-count=1", "-timeout", "10m", "-run", run}, strings.Fields(os.Getenv("TESTARGS"))...)
			cmd := exec.Command("go", append(args, pkg.path)...) //nolint:gosec // the repository's own tests
			cmd.Env, cmd.Stdout, cmd.Stderr = env, pw, pw
			if e := cmd.Run(); e != nil {
				var exit *exec.ExitError
				if !errors.As(e, &exit) { // a failing test exits 1: the report counts it
					err = e
				}
			}
		}
		pw.Close()
		done <- err
	}()
	counts, err := testreport.Report(pr, os.Stdout, name)
	_, _ = io.Copy(io.Discard, pr)
	if goErr := <-done; goErr != nil {
		return counts, goErr
	}
	return counts, err
}

// versionLine is the first line the CLI prints of its version.
func versionLine(cli string, env []string) string {
	cmd := exec.Command(cli, "version") //nolint:gosec // a CLI of the list
	cmd.Env = env
	out, _ := cmd.Output()
	first, _, _ := strings.Cut(string(out), "\n")
	return strings.TrimSpace(first)
}
