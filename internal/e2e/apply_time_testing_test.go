package e2e

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
	"github.com/smsgateway/terraform-provider-gateway/internal/devtools/clis"
)

var fakegatewayBuild = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "fakegateway-")
	if err != nil {
		return "", err
	}
	out, err := exec.Command("go", "build", "-o", filepath.Join(dir, clis.Exe("fakegateway")), "../cmd/fakegateway").CombinedOutput() //nolint:gosec // the repository's own command
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

// runGuideScript runs a shell script of the guides in dir, with the CLI under test on PATH as
// the name the guides use, and the fake gateway command beside it. Whatever it starts is
// killed with it, and the test fails when the script left anything running.
func runGuideScript(t *testing.T, dir, script string, env ...string) (string, error) {
	t.Helper()
	tools, err := fakegatewayBuild()
	if err != nil {
		t.Fatal(err)
	}
	bin := t.TempDir()
	for _, name := range []string{"terraform", "tofu"} { // the guides say terraform; tofu answers to it too
		commandAs(t, acctest.CLI(), bin, name)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "-e", "-c", script)
	cmd.Dir = dir
	cmd.Env = append(cleanEnv(), "PATH="+strings.Join([]string{bin, tools, os.Getenv("PATH")}, string(os.PathListSeparator)),
		"CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
	cmd.Env = append(cmd.Env, env...)
	ownGroup(cmd) // the fake it starts goes with it
	cmd.WaitDelay = 10 * time.Second
	out, err := cmd.CombinedOutput()
	if groupLeft(cmd) {
		t.Errorf("the script left a process running:\n%s", script)
	}
	_ = killGroup(cmd)
	return string(out), err
}

// The testing guide's tests of the CI guide's configuration run as the guide says, word for
// word, in the repository the pipeline runs, with its lock file (made by the other CLI): they
// pass, and each gate loosened, or read at plan time only, fails the first run it holds (the
// CLI skips the runs after a failed one).
func TestCIConfigurationTests(t *testing.T) {
	t.Parallel()
	acctest.SkipUnless(t, acctest.EphemeralResources)
	script := guideCommands(t, examplesDir("ci", "sms", "tests", "funds_gate.tftest.hcl"))
	for _, tc := range []struct {
		name    string
		replace [][2]string // edits of main.tf that break a gate
		fails   string      // the run that must then fail
	}{
		{name: "as written"},
		{name: "marketing gate loosened",
			replace: [][2]string{{"ephemeral.gateway_balance.marketing.affordable_messages >= var.campaign_size", "ephemeral.gateway_balance.marketing.affordable_messages >= 0"}},
			fails:   "a_campaign_too_big_stops_the_plan"},
		{name: "alerts gate loosened",
			replace: [][2]string{{"ephemeral.gateway_balance.alerts.affordable_messages >= var.alerts_per_day * 2", "ephemeral.gateway_balance.alerts.affordable_messages >= 0"}},
			fails:   "too_few_alerts_stop_the_plan"},
		{name: "read at plan time only", replace: [][2]string{
			{`ephemeral "gateway_balance" "marketing" {`, `data "gateway_balance" "marketing_at_plan" {`},
			{"ephemeral.gateway_balance.marketing.", "data.gateway_balance.marketing_at_plan."}},
			fails: "spent_before_the_apply_stops_the_apply"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := newRunner(t)
			dir := filepath.Join(r.repo, "infra", "sms")
			main := filepath.Join(dir, "main.tf")
			b, err := os.ReadFile(main)
			if err != nil {
				t.Fatal(err)
			}
			text := string(b)
			for _, edit := range tc.replace {
				if !strings.Contains(text, edit[0]) {
					t.Fatalf("main.tf no longer holds %q", edit[0])
				}
				text = strings.ReplaceAll(text, edit[0], edit[1])
			}
			if err := os.WriteFile(main, []byte(text), 0o600); err != nil {
				t.Fatal(err)
			}
			out, err := runGuideScript(t, dir, acctest.CLIName()+" init -input=false -lockfile=readonly\n"+script, "TF_CLI_CONFIG_FILE="+r.cliConfig)
			t.Logf("%s", out)
			folded := acctest.FoldSpaces(ansiEscape.ReplaceAllString(out, ""))
			if tc.fails == "" {
				if err != nil || !strings.Contains(folded, "4 passed, 0 failed") {
					t.Fatalf("the guide's tests did not all pass: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(folded, "Missing expected failure") {
				t.Fatalf("a loosened gate passed the guide's tests, or they failed in another way: %v", err)
			}
			failed := regexp.MustCompile(`run "([a-z_]+)"\.\.\. fail`).FindAllStringSubmatch(folded, -1)
			if len(failed) != 1 || failed[0][1] != tc.fails {
				t.Fatalf("the failed runs are %v, want %s alone", failed, tc.fails)
			}
		})
	}
}
