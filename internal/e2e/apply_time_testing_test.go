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
// pass, and the budget loosened (half the messages, a price of next to nothing) fails the
// first run, which holds what it counts.
func TestCIConfigurationTests(t *testing.T) {
	t.Parallel()
	acctest.SkipUnless(t, acctest.EphemeralResources) // the newest CLIs, which the pipeline pins
	script := guideCommands(t, examplesDir("ci", "sms", "tests", "funds_gate.tftest.hcl"))
	for _, tc := range []struct {
		name    string
		replace [][2]string // edits of main.tf that break a gate
		fails   string      // the run that must then fail
	}{
		{name: "as written"},
		{name: "half the campaign budgeted",
			replace: [][2]string{{"messages      = var.campaign_size", "messages      = floor(var.campaign_size / 2)"}},
			fails:   "the_campaign_is_budgeted_whole"},
		{name: "the campaign priced at next to nothing",
			replace: [][2]string{{"message_price = data.gateway_sms_price.campaign.message_price", "message_price = 0.0001"}},
			fails:   "the_campaign_is_budgeted_whole"},
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
				if err != nil || !strings.Contains(folded, "2 passed, 0 failed") {
					t.Fatalf("the guide's tests did not all pass: %v", err)
				}
				return
			}
			failed := regexp.MustCompile(`run "([a-z_]+)"\.\.\. fail`).FindAllStringSubmatch(folded, -1)
			if err == nil || len(failed) == 0 || failed[0][1] != tc.fails {
				t.Fatalf("a loosened budget passed the guide's tests, or failed in another run than %s: %v %v", tc.fails, err, failed)
			}
		})
	}
}
