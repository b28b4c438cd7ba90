package e2e

// The CI guide's pipeline, run step by step as its workflows say, with the fake gateway
// standing in for the real one: plan, an approval, the apply of the saved plan stopped because
// the funds dropped in between, the stale plan after a top-up, a new plan and its apply.

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-version"
	"go.yaml.in/yaml/v3"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
	"github.com/smsgateway/terraform-provider-gateway/internal/devtools/clis"
	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
	"github.com/smsgateway/terraform-provider-gateway/internal/secret/secrettest"
)

// The keys of the pipeline's two accounts, as CI secrets hold them: others than the examples'
// own rehearsal keys, which the repository holds and the search for keys would find, and of
// random characters, as real keys are: a word of a key (marketing) would be found wherever the
// configuration names it, as the gateway's own echo of a run of the key.
const (
	marketingKey = "mk-Qz81-Wp2x"
	alertsKey    = "al-Vn5r-Tb4c"
)

// pipeline is one CI system's file of the guide, reduced to what the test runs: the shell
// lines of each job, in order, and where its artifacts go.
type pipeline struct {
	name string
	jobs map[string]pipelineJob
}

type pipelineJob struct {
	needs    []string
	dir      string            // the working directory of its shell lines, in the repository
	env      map[string]string // its environment, CI expressions resolved
	steps    []pipelineStep
	cliPin   string // the CLI version its setup step or image installs
	approval string // how a person approves it: "environment sms-campaign" or "manual"
	schedule bool   // it runs in the scheduled (morning) pipeline, and only there
	warnExit int    // the exit status the CI system shows as a warning, not a failure (GitLab's allow_failure)
}

type pipelineStep struct {
	run      string            // a shell script, or
	upload   [2]string         // an artifact's name and path, or
	download [2]string         // an artifact's name and the directory it goes to
	env      map[string]string // the step's own environment
}

var secretExpr = regexp.MustCompile(`^\$\{\{ *secrets\.([A-Z_]+) *\}\}$`)

// githubPipeline reads examples/ci/github-actions.yml.
func githubPipeline(t *testing.T, secrets map[string]string) pipeline {
	t.Helper()
	var wf struct {
		Env  map[string]string `yaml:"env"`
		Jobs map[string]struct {
			Needs       any    `yaml:"needs"`
			If          string `yaml:"if"`
			Environment string `yaml:"environment"`
			Defaults    struct {
				Run struct {
					WorkingDirectory string `yaml:"working-directory"`
				} `yaml:"run"`
			} `yaml:"defaults"`
			Env   map[string]string `yaml:"env"`
			Steps []struct {
				Uses string            `yaml:"uses"`
				Run  string            `yaml:"run"`
				With map[string]string `yaml:"with"`
				Env  map[string]string `yaml:"env"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	readYAML(t, examplesDir("ci", "github-actions.yml"), &wf)
	p := pipeline{name: "GitHub Actions", jobs: map[string]pipelineJob{}}
	for name, j := range wf.Jobs {
		job := pipelineJob{needs: asList(j.Needs), dir: j.Defaults.Run.WorkingDirectory, env: resolve(t, j.Env, secrets)}
		switch j.If {
		case "github.event_name == 'schedule'":
			job.schedule = true
		case "", "github.event_name != 'schedule'":
		default:
			t.Fatalf("job %s runs if %s, a condition this test does not know", name, j.If)
		}
		if j.Environment != "" {
			job.approval = "environment " + j.Environment
		}
		for _, s := range j.Steps {
			action, _, _ := strings.Cut(s.Uses, "@")
			switch {
			case s.Run != "":
				job.steps = append(job.steps, pipelineStep{run: s.Run, env: resolve(t, s.Env, secrets)})
			case action == "actions/checkout":
			case action == "hashicorp/setup-terraform":
				job.cliPin = "terraform-" + s.With["terraform_version"]
			case action == "opentofu/setup-opentofu":
				job.cliPin = "tofu-" + s.With["tofu_version"]
			case action == "actions/upload-artifact":
				job.steps = append(job.steps, pipelineStep{upload: [2]string{s.With["name"], s.With["path"]}})
			case action == "actions/download-artifact":
				job.steps = append(job.steps, pipelineStep{download: [2]string{s.With["name"], s.With["path"]}})
			default:
				t.Fatalf("job %s uses %s, which this test cannot stand in for", name, s.Uses)
			}
		}
		p.jobs[name] = job
	}
	return p
}

// gitlabPipeline reads examples/ci/gitlab-ci.yml. A job's before_script installs its CLI, as
// GitHub's setup steps do: the test provides the CLI instead.
func gitlabPipeline(t *testing.T, secrets map[string]string) pipeline {
	t.Helper()
	var file map[string]yaml.Node
	readYAML(t, examplesDir("ci", "gitlab-ci.yml"), &file)
	type gitlabJob struct {
		Extends   any               `yaml:"extends"`
		Needs     []string          `yaml:"needs"`
		Image     any               `yaml:"image"`
		Variables map[string]string `yaml:"variables"`
		Script    []string          `yaml:"script"`
		Rules     []struct {
			If   string `yaml:"if"`
			When string `yaml:"when"`
		} `yaml:"rules"`
		AllowFailure any `yaml:"allow_failure"`
		Artifacts    struct {
			Paths []string `yaml:"paths"`
		} `yaml:"artifacts"`
	}
	decode := func(name string) gitlabJob {
		var j gitlabJob
		node := file[name]
		if err := node.Decode(&j); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return j
	}
	var global map[string]string
	if node, ok := file["variables"]; ok {
		if err := node.Decode(&global); err != nil {
			t.Fatal(err)
		}
	}
	p := pipeline{name: "GitLab CI", jobs: map[string]pipelineJob{}}
	for name := range file {
		if strings.HasPrefix(name, ".") || slicesContains([]string{"stages", "workflow", "variables", "default"}, name) {
			continue
		}
		j := decode(name)
		env := map[string]string{}
		for k, v := range global {
			env[k] = v
		}
		image, rules, allowFailure := j.Image, j.Rules, j.AllowFailure
		for _, name := range asList(j.Extends) {
			base := decode(name)
			for k, v := range base.Variables {
				env[k] = v
			}
			if image == nil {
				image = base.Image
			}
			if rules == nil {
				rules = base.Rules
			}
			if allowFailure == nil {
				allowFailure = base.AllowFailure
			}
		}
		for k, v := range j.Variables {
			env[k] = v
		}
		job := pipelineJob{needs: j.Needs, env: env}
		switch img := image.(type) {
		case map[string]any:
			job.cliPin = cliOfImage(fmt.Sprint(img["name"]))
		case string:
			job.cliPin = cliOfImage(img)
		}
		if v, ok := env["TOFU_VERSION"]; ok {
			job.cliPin = "tofu-" + v
		}
		for _, r := range rules {
			switch {
			case r.When == "manual":
				job.approval = "manual"
			case r.If == `$CI_PIPELINE_SOURCE == "schedule"` && r.When == "":
				job.schedule = true
			}
		}
		if af, ok := allowFailure.(map[string]any); ok {
			if codes, ok := af["exit_codes"].([]any); ok && len(codes) == 1 {
				job.warnExit, _ = codes[0].(int)
			}
		}
		for _, n := range j.Needs {
			for _, path := range decode(n).Artifacts.Paths {
				job.steps = append(job.steps, pipelineStep{download: [2]string{n, path}})
			}
		}
		job.steps = append(job.steps, pipelineStep{run: strings.Join(j.Script, "\n")})
		for _, path := range j.Artifacts.Paths {
			job.steps = append(job.steps, pipelineStep{upload: [2]string{name, path}})
		}
		p.jobs[name] = job
	}
	// The key variables are the project's CI/CD variables.
	for _, job := range p.jobs {
		for k, v := range secrets {
			job.env[k] = v
		}
	}
	return p
}

func cliOfImage(image string) string {
	if v, ok := strings.CutPrefix(image, "hashicorp/terraform:"); ok {
		return "terraform-" + strings.TrimSpace(strings.Split(v, "@")[0])
	}
	return ""
}

func readYAML(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func asList(needs any) []string {
	switch n := needs.(type) {
	case string:
		return []string{n}
	case []any:
		var out []string
		for _, x := range n {
			out = append(out, fmt.Sprint(x))
		}
		return out
	}
	return nil
}

func slicesContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// resolve replaces the secrets a workflow's env names with the test's values; any other CI
// expression fails the test, since the test would not know what it stands for.
func resolve(t *testing.T, env, secrets map[string]string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for k, v := range env {
		if m := secretExpr.FindStringSubmatch(v); m != nil {
			secret, ok := secrets[m[1]]
			if !ok {
				t.Fatalf("the workflow reads the secret %s, which the test does not know", m[1])
			}
			v = secret
		} else if strings.Contains(v, "${{") {
			t.Fatalf("the workflow sets %s=%s, an expression the test cannot resolve", k, v)
		}
		out[k] = v
	}
	return out
}

// chain is the pipeline's jobs for the CLI under test: the plan, its apply, and the morning alarm.
func (p pipeline) chain(t *testing.T) (plan, apply, alarm pipelineJob) {
	t.Helper()
	suffix := "terraform"
	if acctest.IsOpenTofu() {
		suffix = "opentofu"
	}
	plan, okPlan := p.jobs["plan-"+suffix]
	apply, okApply := p.jobs["apply-"+suffix]
	alarm, okAlarm := p.jobs["alarm-"+suffix]
	if !okPlan || !okApply || !okAlarm {
		t.Fatalf("%s has no plan-%s, apply-%s and alarm-%s jobs", p.name, suffix, suffix, suffix)
	}
	if !slicesContains(apply.needs, "plan-"+suffix) || apply.approval == "" {
		t.Fatalf("%s: apply-%s must need plan-%s and wait for a person's approval", p.name, suffix, suffix)
	}
	if plan.schedule || apply.schedule || !alarm.schedule {
		t.Fatalf("%s: the morning schedule must run alarm-%s and nothing else of the chain", p.name, suffix)
	}
	return plan, apply, alarm
}

// Each chain stands alone: deleting the other CLI's jobs leaves no job needing a missing one.
func TestCIChainsStandAlone(t *testing.T) {
	t.Parallel()
	secrets := map[string]string{"GATEWAY_API_KEY_MARKETING": marketingKey, "GATEWAY_API_KEY_ALERTS": alertsKey}
	for _, p := range []pipeline{githubPipeline(t, secrets), gitlabPipeline(t, secrets)} {
		for _, keep := range []string{"terraform", "opentofu"} {
			for name, job := range p.jobs {
				if !strings.HasSuffix(name, keep) {
					continue
				}
				for _, need := range job.needs {
					if !strings.HasSuffix(need, keep) {
						t.Errorf("%s: %s needs %s, which goes when the other CLI's jobs are deleted", p.name, name, need)
					}
				}
			}
		}
	}
}

// runner runs a pipeline's jobs in one repository, as fresh checkouts of it: between jobs only
// the committed files, the state (the backend's stand-in) and the artifacts survive.
type runner struct {
	t         *testing.T
	repo      string // the repository's checkout
	artifacts string
	path      string // PATH with the CLI under test, named as the workflows call it
	cliConfig string
	gateway   *gatewaytest.Gateway
}

// requestsPerKey counts the balance requests the fake has seen for each key.
func (r *runner) requestsPerKey() map[string]int {
	counts := map[string]int{}
	for _, req := range r.gateway.Requests() {
		if req.Command == "balance" {
			counts[req.Key]++
		}
	}
	return counts
}

// phase runs a job that is one phase (a plan, an apply) and fails the test unless it asked for
// the marketing and the alerts accounts' balances exactly as many times as want says.
func (r *runner) phase(name string, job pipelineJob, want [2]int) (string, error) {
	r.t.Helper()
	before := r.requestsPerKey()
	out, err := r.job(name, job)
	after := r.requestsPerKey()
	for i, key := range []string{marketingKey, alertsKey} {
		if n := after[key] - before[key]; n != want[i] {
			r.t.Fatalf("the %s job asked for a balance %d times with %s, want %d:\n%s", name, n, key, want[i], out)
		}
	}
	return out, err
}

func (r *runner) job(name string, job pipelineJob) (string, error) {
	r.t.Helper()
	dir := filepath.Join(r.repo, job.dir)
	for _, leftover := range []string{".terraform", "campaign.tfplan", "alarm.tfplan"} { // a fresh checkout
		if err := os.RemoveAll(filepath.Join(r.repo, "infra", "sms", leftover)); err != nil {
			r.t.Fatal(err)
		}
	}
	var log strings.Builder
	for _, step := range job.steps {
		switch {
		case step.upload[0] != "":
			copyFile(r.t, filepath.Join(r.repo, step.upload[1]), filepath.Join(r.artifacts, step.upload[0], filepath.Base(step.upload[1])))
		case step.download[0] != "":
			src := filepath.Join(r.artifacts, step.download[0])
			entries, err := os.ReadDir(src)
			if err != nil {
				return log.String(), fmt.Errorf("artifact %s: %w", step.download[0], err)
			}
			to := filepath.Join(r.repo, step.download[1])
			if filepath.Ext(to) != "" { // GitLab names the file, GitHub the directory
				to = filepath.Dir(to)
			}
			for _, e := range entries {
				copyFile(r.t, filepath.Join(src, e.Name()), filepath.Join(to, e.Name()))
			}
		default:
			out, err := r.shell(dir, step.run, job.env, step.env)
			r.assertNoKey("the "+name+" job's log", out)
			log.WriteString(out)
			if err != nil {
				return log.String(), fmt.Errorf("job %s: %w", name, err)
			}
		}
	}
	return log.String(), nil
}

func (r *runner) shell(dir, script string, envs ...map[string]string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "-e", "-c", script)
	cmd.Dir = dir
	cmd.Env = append(cleanEnv(), "PATH="+r.path, "TF_CLI_CONFIG_FILE="+r.cliConfig, "CHECKPOINT_DISABLE=1", "CI_PROJECT_DIR="+r.repo)
	for _, env := range envs {
		for k, v := range env {
			if k == "GATEWAY_ENDPOINT" {
				v = r.gateway.URL // the fake stands in for the real gateway
			}
			cmd.Env = append(cmd.Env, k+"="+v)
		}
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// newRunner makes the repository (the guide's configuration as infra/sms/, with a lock file
// made at a desk), a provider mirror standing in for the registry, and the CLI on PATH. The
// desk runs the other CLI (Terraform at desks, OpenTofu in CI, or the other way round) when
// make test has it: one lock file serves both.
func newRunner(t *testing.T) *runner {
	t.Helper()
	r := &runner{t: t, repo: filepath.Join(t.TempDir(), "repo"), artifacts: t.TempDir()}
	if err := os.CopyFS(filepath.Join(r.repo, "infra", "sms"), os.DirFS(examplesDir("ci", "sms"))); err != nil {
		t.Fatal(err)
	}

	mirror := providerMirror(t)
	r.cliConfig = filepath.Join(t.TempDir(), "mirror.tfrc")
	if err := os.WriteFile(r.cliConfig, []byte(fmt.Sprintf("provider_installation {\n  filesystem_mirror {\n    path = %q\n  }\n}\n", mirror)), 0o600); err != nil {
		t.Fatal(err)
	}
	bin := t.TempDir()
	commandAs(t, acctest.CLI(), bin, acctest.CLIName())
	r.path = bin + string(os.PathListSeparator) + os.Getenv("PATH")

	// At a desk, once: the lock file the jobs' init -lockfile=readonly holds them to.
	desk := deskCLI(t)
	if out, err := r.shell(filepath.Join(r.repo, "infra", "sms"), desk+" providers lock -fs-mirror="+shellQuote(mirror)+" -platform="+runtime.GOOS+"_"+runtime.GOARCH); err != nil {
		t.Fatalf("providers lock with %s: %v\n%s", desk, err, out)
	}
	r.gateway = gatewaytest.Start(t)
	r.gateway.JSON = true
	return r
}

// shellQuote quotes a path for bash.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// providerMirror is a directory of the built provider laid out as a filesystem mirror of both
// registries, standing in for them.
func providerMirror(t *testing.T) string {
	t.Helper()
	mirror := t.TempDir()
	for _, host := range []string{"registry.terraform.io", "registry.opentofu.org"} {
		to := filepath.Join(mirror, host, "smsgateway", "gateway", "0.1.0", runtime.GOOS+"_"+runtime.GOARCH, clis.Exe("terraform-provider-gateway_v0.1.0"))
		copyFile(t, filepath.Join(pluginDir, clis.Exe("terraform-provider-gateway")), to)
		if err := os.Chmod(to, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return mirror
}

// deskCLI is the CLI that makes the lock file at a desk: the newest tested release of the
// other CLI than the one under test, when make test built it (TF_ACC_TESTED_CLIS), or else the
// CLI under test.
func deskCLI(t *testing.T) string {
	t.Helper()
	want := "tofu-"
	if acctest.IsOpenTofu() {
		want = "terraform-"
	}
	var desk string
	for _, cli := range acctest.TestedCLIs() {
		if base := filepath.Base(cli); strings.HasPrefix(base, want) && (desk == "" || newerCLI(base, filepath.Base(desk))) {
			desk = cli
		}
	}
	if desk == "" {
		t.Logf("no %s* in TF_ACC_TESTED_CLIS: the lock file is made with the CLI under test", want)
		return acctest.CLI()
	}
	return desk
}

// newerCLI compares two CLIs of one kind named as terraform-1.16.4.
func newerCLI(a, b string) bool {
	va := version.Must(version.NewVersion(a[strings.Index(a, "-")+1:]))
	vb := version.Must(version.NewVersion(b[strings.Index(b, "-")+1:]))
	return va.GreaterThan(vb)
}

// exitStatus is the exit status of a job that failed, 0 for one that passed.
func exitStatus(err error) int {
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit):
		return exit.ExitCode()
	}
	return -1
}

// The guide's pipeline, on GitHub Actions and on GitLab CI, for the CLI under test, with a
// lock file made at a desk by the other CLI: a plan, an approved apply stopped because the
// funds dropped in between, the stale plan, a new plan and its apply; and the morning alarm at
// each level.
func TestCIPipeline(t *testing.T) {
	t.Parallel()
	acctest.SkipUnless(t, acctest.EphemeralResources)
	secrets := map[string]string{"GATEWAY_API_KEY_MARKETING": marketingKey, "GATEWAY_API_KEY_ALERTS": alertsKey}
	for _, p := range []pipeline{githubPipeline(t, secrets), gitlabPipeline(t, secrets)} {
		t.Run(p.name, func(t *testing.T) {
			t.Parallel()
			plan, apply, alarm := p.chain(t)
			if plan.cliPin != apply.cliPin || plan.cliPin != alarm.cliPin {
				t.Fatalf("the plan job installs %s, the apply job %s, the alarm %s: a saved plan applies only with the version that made it",
					plan.cliPin, apply.cliPin, alarm.cliPin)
			}
			// The examples pin the tested CLI. A newer release that make test does not run yet (the
			// weekly latest-CLIs workflow) runs the same pipeline without failing on the pin.
			if cli := filepath.Base(acctest.CLI()); plan.cliPin != cli {
				if isTestedCLI(t, cli) {
					t.Fatalf("the jobs install %s; this test runs %s: pin the CI examples to the tested CLI", plan.cliPin, cli)
				}
				t.Logf("the jobs install %s; %s, which scripts/tested-clis.txt does not list, runs them", plan.cliPin, cli)
			}
			r := newRunner(t)
			g := r.gateway
			g.SetPrice("380", "0.5", "UAH")
			// 1000 pays for 2000 campaign messages at 0.5; 2000 for 4000 alerts, more than a week's 2800.
			g.SetAccount(marketingKey, "1000")
			g.SetAccount(alertsKey, "2000")

			// The plan reads both accounts for the alarm's levels, and the new campaign's budget
			// asks the marketing account afresh.
			if out, err := r.phase("plan", plan, [2]int{2, 1}); err != nil {
				t.Fatalf("the plan with enough funds failed: %v\n%s", err, out)
			}
			// A person approves; meanwhile the day's campaigns spend the money. The apply's budget
			// asks again, and stops before the campaign.
			g.SetAccount(marketingKey, "10")
			out, err := r.phase("apply", apply, [2]int{1, 0})
			if err == nil {
				t.Fatalf("the approved plan applied on funds that no longer cover it:\n%s", out)
			}
			assertDocumented(t, "guides/ci-funds-gate.md.tmpl", "Error: Funds do not cover the work", out)

			// Topped up, the same plan cannot be applied: it is stale.
			g.SetAccount(marketingKey, "1000")
			out, err = r.phase("apply", apply, [2]int{0, 0})
			if err == nil {
				t.Fatalf("the stopped plan applied after the top-up:\n%s", out)
			}
			assertDocumented(t, "guides/ci-funds-gate.md.tmpl", "Error: Saved plan is stale", out)
			// Plan again, approve again, apply.
			if out, err := r.phase("plan", plan, [2]int{2, 1}); err != nil {
				t.Fatalf("the new plan failed: %v\n%s", err, out)
			}
			if out, err := r.phase("apply", apply, [2]int{2, 0}); err != nil || !strings.Contains(out, "Apply complete!") {
				t.Fatalf("the new plan did not apply: %v\n%s", err, out)
			}

			// The morning alarm, after the campaign ran and spent: a status of its own at each
			// level, read from the plan, not its prose; the budget of a campaign that ran asks nothing.
			for _, level := range []struct {
				name              string
				marketing, alerts string
				status            int
			}{
				{"every account above its warning level", "1000", "2000", 0},
				{"marketing below its warning level of two campaigns", "400", "2000", 3},
				{"alerts below their gate of two days", "1000", "300", 1},
			} {
				g.SetAccount(marketingKey, level.marketing)
				g.SetAccount(alertsKey, level.alerts)
				out, err := r.phase("alarm", alarm, [2]int{1, 1})
				if got := exitStatus(err); got != level.status {
					t.Fatalf("the alarm with %s ended with status %d, want %d:\n%s", level.name, got, level.status, out)
				}
				if level.status == 3 && alarm.warnExit != 0 && alarm.warnExit != 3 {
					t.Fatalf("%s shows status %d as a warning, not the alarm's 3", p.name, alarm.warnExit)
				}
			}
			if p.name == "GitLab CI" && alarm.warnExit != 3 {
				t.Fatalf("GitLab CI must show the alarm's status 3 as a warning (allow_failure: exit_codes: [3]), not a failure")
			}
			for _, r := range g.Requests() {
				if r.Key != marketingKey && r.Key != alertsKey {
					t.Errorf("a request with an unknown key: %+v", r)
				}
			}
			r.assertNoKeyInFiles(r.repo, r.artifacts)
		})
	}
}

// isTestedCLI reports whether scripts/tested-clis.txt, the CLIs make test runs, lists cli
// (written as terraform-1.16.4).
func isTestedCLI(t *testing.T, cli string) bool {
	t.Helper()
	list, err := clis.Tested(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return slices.ContainsFunc(list, func(c clis.CLI) bool { return c.String() == cli })
}

// assertNoKey fails when text shows either account's key, in any form.
func (r *runner) assertNoKey(what, text string) {
	r.t.Helper()
	for _, key := range []string{marketingKey, alertsKey} {
		secrettest.AssertNoKey(r.t, what, text, key)
	}
}

// assertNoKeyInFiles fails when a file the pipeline left (the state, a saved plan and its
// artifact, the lock file) holds a key. A saved plan is a zip archive: each of its files is
// searched as it is inside, not as the compressed bytes, where a key would not show.
// .terraform holds the provider binaries and nothing the pipeline wrote.
func (r *runner) assertNoKeyInFiles(dirs ...string) {
	r.t.Helper()
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				return err
			case d.IsDir() && d.Name() == ".terraform":
				return filepath.SkipDir
			case d.IsDir():
				return nil
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			r.assertNoKey(path, string(data))
			archive, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				return nil //nolint:nilerr // not a zip archive: searched whole above
			}
			for _, f := range archive.File {
				member, err := f.Open()
				if err != nil {
					return err
				}
				content, err := io.ReadAll(member)
				member.Close()
				if err != nil {
					return err
				}
				r.assertNoKey(path+" ("+f.Name+")", string(content))
			}
			return nil
		})
		if err != nil {
			r.t.Fatal(err)
		}
	}
}
