package acctest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// NotApplicable starts the message of every test skipped because the CLI under test lacks a
// feature: gotestsum lists them among the skipped.
const NotApplicable = "not applicable:"

// Feature is a CLI feature some tests need, with the first Terraform and OpenTofu releases
// that have it (the two number their releases separately).
type Feature struct {
	Name      string
	Terraform string
	OpenTofu  string
}

// Features the tests use.
var (
	Functions          = Feature{"provider-defined functions", "1.8.0", "1.7.0"}
	TestingFramework   = Feature{"terraform test with mock_provider and override_data", "1.7.0", "1.8.0"}
	EphemeralResources = Feature{"ephemeral resources", "1.10.0", "1.11.0"}
	EphemeralVariables = Feature{"ephemeral variables", "1.10.0", "1.11.0"}
)

// CLI is the Terraform or OpenTofu binary the tests run: TF_ACC_TERRAFORM_PATH, else
// terraform on PATH.
func CLI() string {
	if path := os.Getenv("TF_ACC_TERRAFORM_PATH"); path != "" {
		return path
	}
	path, _ := exec.LookPath("terraform")
	return path
}

// TestedCLIs are the paths of every CLI make test runs (TF_ACC_TESTED_CLIS, which
// make testacc sets), for the tests that use a second one beside the CLI under test.
func TestedCLIs() []string {
	return strings.Fields(os.Getenv("TF_ACC_TESTED_CLIS"))
}

// CLIName is the command the CLI under test is known by: terraform or tofu.
func CLIName() string {
	if IsOpenTofu() {
		return "tofu"
	}
	return "terraform"
}

// IsOpenTofu reports whether the CLI under test is OpenTofu.
func IsOpenTofu() bool {
	return os.Getenv("TF_ACC_PROVIDER_HOST") == "registry.opentofu.org" || strings.Contains(filepath.Base(CLI()), "tofu")
}

var cliVersion = sync.OnceValues(func() (*version.Version, error) {
	cmd := exec.Command(CLI(), "version", "-json")         //nolint:gosec // the CLI the tests were told to run
	cmd.Env = append(os.Environ(), "CHECKPOINT_DISABLE=1") // no update check: it can stall offline
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%s version -json: %w", CLI(), err)
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &v); err != nil {
		return nil, err
	}
	return version.NewVersion(v.Version)
})

// missing says why the CLI under test lacks f, or "" when it has it.
func missing(f Feature, cli *version.Version) string {
	name, first := "Terraform", f.Terraform
	if IsOpenTofu() {
		name, first = "OpenTofu", f.OpenTofu
	}
	if cli.Core().LessThan(version.Must(version.NewVersion(first))) {
		return fmt.Sprintf("%s %s needs %s %s or later, this is %s", NotApplicable, f.Name, name, first, cli)
	}
	return ""
}

// SkipUnless skips the test, as not applicable, when the CLI under test lacks f.
func SkipUnless(tb testing.TB, f Feature) {
	tb.Helper()
	v, err := cliVersion()
	if err != nil {
		tb.Fatal(err)
	}
	if why := missing(f, v); why != "" {
		tb.Skip(why)
	}
}

// Needs is SkipUnless for resource.TestCase's TerraformVersionChecks.
func Needs(f Feature) tfversion.TerraformVersionCheck { return featureCheck(f) }

type featureCheck Feature

func (f featureCheck) CheckTerraformVersion(_ context.Context, req tfversion.CheckTerraformVersionRequest, resp *tfversion.CheckTerraformVersionResponse) {
	resp.Skip = missing(Feature(f), req.TerraformVersion)
}
