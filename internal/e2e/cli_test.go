// Package e2e runs the built provider binary under the real Terraform or OpenTofu CLI, as
// users run it, for what in-process acceptance tests cannot show: warnings in the CLI's
// output, one provider process per provider configuration (aliases), and a saved plan applied
// later by another process.
package e2e

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
	"github.com/smsgateway/terraform-provider-gateway/internal/devtools/clis"
)

var pluginDir string // holds the provider binary built by TestMain

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	if os.Getenv("TF_ACC") == "" {
		fmt.Println("e2e: TF_ACC is not set; these tests need a Terraform or OpenTofu CLI")
		return m.Run() // each test skips
	}
	if acctest.CLI() == "" {
		fmt.Fprintln(os.Stderr, "e2e: set TF_ACC_TERRAFORM_PATH or put terraform on PATH")
		return 1
	}
	dir, err := os.MkdirTemp("", "gateway-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	pluginDir = dir
	build := exec.Command("go", "build", "-o", filepath.Join(dir, clis.Exe("terraform-provider-gateway")), "../..")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "e2e: building the provider: %v\n%s", err, out)
		return 1
	}
	return m.Run()
}

// cliResult is what one CLI command printed and how it ended.
type cliResult struct {
	output string // stdout and stderr, without colour
	err    error
}

// workDir is a new directory holding a copy of src, or config written as main.tf.
func workDir(t *testing.T, src, config string) string {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("TF_ACC is not set")
	}
	work := t.TempDir()
	if src != "" {
		if err := os.CopyFS(work, os.DirFS(src)); err != nil {
			t.Fatal(err)
		}
	}
	if config != "" {
		if err := os.WriteFile(filepath.Join(work, "main.tf"), []byte(config), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return work
}

// planDir copies a configuration directory and plans it.
func planDir(t *testing.T, src string, env map[string]string) cliResult {
	t.Helper()
	return cli(t, workDir(t, src, ""), env, "plan")
}

// planConfig writes config to a new directory and plans it.
func planConfig(t *testing.T, config string, env map[string]string) cliResult {
	t.Helper()
	return cli(t, workDir(t, "", config), env, "plan")
}

// cli runs one CLI command in work with the provider built by TestMain (through
// dev_overrides), a CLI configuration of its own, and env on top of a clean environment.
func cli(t *testing.T, work string, env map[string]string, args ...string) cliResult {
	t.Helper()
	cliConfig := filepath.Join(work, ".cli.tfrc")
	override := devOverrides()
	if err := os.WriteFile(cliConfig, []byte(override), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	command := args[0]
	switch command {
	case "plan", "apply":
		args = append([]string{command, "-input=false", "-no-color", "-lock=false"}, args[1:]...)
	case "show", "test":
		args = append([]string{command, "-no-color"}, args[1:]...)
	}
	cmd := exec.CommandContext(ctx, acctest.CLI(), args...) //nolint:gosec // the CLI under test
	cmd.Dir = work
	cmd.Env = append(cleanEnv(), "TF_CLI_CONFIG_FILE="+cliConfig, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return cliResult{output: out.String(), err: err}
}

// devOverrides is a CLI configuration that runs the provider built by TestMain under the name
// every example gives it: smsgateway/gateway (each CLI's own registry) and the name with
// Terraform's registry written out.
func devOverrides() string {
	return fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"smsgateway/gateway\" = %q\n    \"registry.terraform.io/smsgateway/gateway\" = %q\n  }\n  direct {}\n}\n",
		pluginDir, pluginDir)
}

// commandAs makes target runnable as name from dir, as the guides and workflows call it (with
// its .exe on Windows).
func commandAs(t *testing.T, target, dir, name string) {
	t.Helper()
	if err := clis.Link(target, filepath.Join(dir, clis.Exe(name))); err != nil {
		t.Fatal(err)
	}
}

// cleanEnv is this process' environment without the variables that would change what the
// CLI or the provider does (the test sets those it wants).
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "TF_") || strings.HasPrefix(name, "GATEWAY_") {
			continue
		}
		env = append(env, kv)
	}
	return env
}

func examplesDir(parts ...string) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(append([]string{filepath.Dir(file), "..", "..", "examples"}, parts...)...)
}
