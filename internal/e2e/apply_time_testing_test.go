package e2e

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
)

var fakegatewayBuild = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "fakegateway-")
	if err != nil {
		return "", err
	}
	out, err := exec.Command("go", "build", "-o", filepath.Join(dir, "fakegateway"), "../cmd/fakegateway").CombinedOutput() //nolint:gosec // the repository's own command
	if err != nil {
		return "", &buildError{out: string(out), err: err}
	}
	return dir, nil
})

type buildError struct {
	out string
	err error
}

func (e *buildError) Error() string { return e.err.Error() + "\n" + e.out }

// ansiEscape is a terminal colour sequence: the guide's commands run without -no-color.
var ansiEscape = regexp.MustCompile("\x1b\\[[0-9;]*m")

// guideCommands are the shell lines a file's comment gives, indented after a "#" and three
// spaces, as the guide shows them.
func guideCommands(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, line := range strings.Split(string(b), "\n") {
		if cmd, ok := strings.CutPrefix(line, "#   "); ok {
			lines = append(lines, cmd)
		}
	}
	if len(lines) == 0 {
		t.Fatalf("%s shows no commands", path)
	}
	return strings.Join(lines, "\n")
}

// The testing guide's apply-time tests run as the guide says, word for word, with the real
// provider against the fake gateway started beside them: they pass, and a gate loosened to let
// too little through fails them.
func TestApplyTimeTestingGuide(t *testing.T) {
	t.Parallel()
	acctest.SkipUnless(t, acctest.EphemeralResources)
	tools, err := fakegatewayBuild()
	if err != nil {
		t.Fatal(err)
	}
	bin := t.TempDir()
	if err := os.Symlink(acctest.CLI(), filepath.Join(bin, "terraform")); err != nil { // the guide says terraform; tofu answers to it too
		t.Fatal(err)
	}
	src := examplesDir("testing", "apply-time")
	script := guideCommands(t, filepath.Join(src, "tests", "apply_gate.tftest.hcl"))
	for _, tc := range []struct {
		name    string
		replace [][2]string // edits of main.tf that break the gate
		fails   string      // the run that must then fail
	}{
		{name: "as written"},
		{name: "gate loosened", replace: [][2]string{{"ephemeral.gateway_balance.funds.balance >= var.campaign_budget", "ephemeral.gateway_balance.funds.balance >= 0"}},
			fails: "too_little_stops_the_plan"},
		{name: "read at plan time only", replace: [][2]string{
			{`ephemeral "gateway_balance" "funds" {}`, `data "gateway_balance" "funds" {}`},
			{"ephemeral.gateway_balance.funds.balance", "data.gateway_balance.funds.balance"}},
			fails: "spent_before_the_apply_stops_the_apply"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			work := workDir(t, src, "")
			main := filepath.Join(work, "main.tf")
			b, err := os.ReadFile(main)
			if err != nil {
				t.Fatal(err)
			}
			text := string(b)
			for _, r := range tc.replace {
				if !strings.Contains(text, r[0]) {
					t.Fatalf("main.tf no longer holds %q", r[0])
				}
				text = strings.ReplaceAll(text, r[0], r[1])
			}
			if err := os.WriteFile(main, []byte(text), 0o600); err != nil {
				t.Fatal(err)
			}
			cliConfig := filepath.Join(work, ".cli.tfrc")
			override := "provider_installation {\n  dev_overrides {\n    \"smsgateway/gateway\" = \"" + pluginDir + "\"\n  }\n  direct {}\n}\n"
			if err := os.WriteFile(cliConfig, []byte(override), 0o600); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, "bash", "-e", "-c", script)
			cmd.Dir = work
			cmd.Env = append(cleanEnv(), "PATH="+bin+":"+tools+":"+os.Getenv("PATH"), "TF_CLI_CONFIG_FILE="+cliConfig, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
			cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // the fake it starts goes with it
			cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
			cmd.WaitDelay = 10 * time.Second
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			err = cmd.Run()
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			t.Logf("%s", out.String())
			folded := acctest.FoldSpaces(ansiEscape.ReplaceAllString(out.String(), ""))
			if tc.fails == "" {
				if err != nil || !strings.Contains(folded, "3 passed, 0 failed") {
					t.Fatalf("the guide's apply-time tests did not all pass: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(folded, `run "`+tc.fails+`"... fail`) || !strings.Contains(folded, "Missing expected failure") {
				t.Fatalf("a broken gate passed the guide's apply-time tests, or failed in another way: %v", err)
			}
		})
	}
}
