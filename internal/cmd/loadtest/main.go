// Command loadtest runs many `terraform plan`s at once through the real CLI, each reading one
// account's balance with the built provider (through dev_overrides, default settings unless a
// row says otherwise), against a fake gateway that throttles past a rate: what a monorepo's CI
// does when it plans every workspace at once. It prints a Markdown table, a row per burst:
// how many plans read the balance, the failures by their diagnostic's summary, the requests
// the gateway saw, and the wall time. `scripts/loadtest.sh`; not part of `make test`.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"maps"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
)

const (
	apiKey  = "loadtest-key"
	balance = "31.1683"
)

func main() {
	cli := flag.String("cli", "terraform", "the Terraform or OpenTofu binary")
	provider := flag.String("provider", "", "the provider binary (built by scripts/loadtest.sh)")
	rowsFlag := flag.String("rows", "30@5,60@10,30@5:max_retries=10,100@10",
		"bursts as PLANS@RATE (requests a second the gateway serves), with :ARGUMENT=VALUE for the provider block")
	flag.Parse()
	if *provider == "" {
		log.Fatal("loadtest: -provider is required")
	}
	rows, err := parseRows(*rowsFlag)
	if err != nil {
		log.Fatalf("loadtest: -rows: %v", err)
	}
	work, err := os.MkdirTemp("", "gateway-loadtest-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(work)
	cliConfig := filepath.Join(work, "cli.tfrc")
	override := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"smsgateway/gateway\" = %q\n  }\n  direct {}\n}\n", filepath.Dir(*provider))
	if err := os.WriteFile(cliConfig, []byte(override), 0o600); err != nil {
		log.Fatal(err)
	}

	fmt.Printf("CLI: %s; provider: %s\n\n", cliVersion(*cli), *provider)
	fmt.Println("| plans at once | gateway limit | provider block | plans that read the balance | failures | requests | requests per plan | wall |")
	fmt.Println("|---:|---:|---|---:|---|---:|---:|---:|")
	for i, r := range rows {
		res, err := r.run(*cli, cliConfig, filepath.Join(work, fmt.Sprintf("row%d", i)))
		if err != nil {
			log.Fatalf("loadtest: %s: %v", r, err)
		}
		fmt.Printf("| %d | %g/s | %s | %d | %s | %d | %.2f | %.1f s |\n", r.plans, r.rate, r.settingsText(), res.read, res.failuresText(),
			res.requests, float64(res.requests)/float64(r.plans), res.wall.Seconds())
	}
}

// row is one burst: plans at once against a gateway serving rate requests a second.
type row struct {
	plans    int
	rate     float64
	settings []string // provider block arguments, such as max_retries = 10
}

func (r row) String() string { return fmt.Sprintf("%d@%g", r.plans, r.rate) }

func (r row) settingsText() string {
	if len(r.settings) == 0 {
		return "defaults"
	}
	return "`" + strings.Join(r.settings, "`, `") + "`"
}

type result struct {
	read     int
	failures map[string]int // by diagnostic summary
	requests int
	wall     time.Duration
}

func (r result) failuresText() string {
	if len(r.failures) == 0 {
		return "none"
	}
	var parts []string
	for _, summary := range slices.Sorted(maps.Keys(r.failures)) {
		parts = append(parts, fmt.Sprintf("%d × %s", r.failures[summary], summary))
	}
	return strings.Join(parts, "; ")
}

// run starts a throttled fake, writes one configuration per plan and plans them all at once.
func (r row) run(cli, cliConfig, dir string) (result, error) {
	g := gatewaytest.New()
	g.SetAccount(apiKey, balance)
	throttle := gatewaytest.NewThrottle(g, r.rate, max(1, int(r.rate)))
	srv := httptest.NewServer(throttle)
	defer srv.Close()

	config := fmt.Sprintf(`terraform {
  required_providers {
    gateway = { source = "smsgateway/gateway" }
  }
}

provider "gateway" {
%s}

data "gateway_balance" "current" {}

output "balance" {
  value = data.gateway_balance.current.balance
}
`, indented(r.settings))
	dirs := make([]string, r.plans)
	for i := range dirs {
		dirs[i] = filepath.Join(dir, strconv.Itoa(i))
		if err := os.MkdirAll(dirs[i], 0o750); err != nil {
			return result{}, err
		}
		if err := os.WriteFile(filepath.Join(dirs[i], "main.tf"), []byte(config), 0o600); err != nil {
			return result{}, err
		}
	}

	env := append(cleanEnv(), "TF_CLI_CONFIG_FILE="+cliConfig, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1",
		"GATEWAY_ENDPOINT="+srv.URL, "GATEWAY_API_KEY="+apiKey)
	outputs := make([]planOutput, r.plans)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range dirs {
		wg.Go(func() { outputs[i] = plan(cli, dirs[i], env) })
	}
	wg.Wait()
	res := result{wall: time.Since(start), failures: map[string]int{}}

	served, throttled := throttle.Counts()
	res.requests = served + throttled
	for _, out := range outputs {
		switch {
		case out.err == nil && strings.Contains(out.text, "balance = "+balance):
			res.read++
		default:
			res.failures[out.summary()]++
		}
	}
	return res, nil
}

type planOutput struct {
	text string
	err  error
}

// errorSummary is the first line of a diagnostic as the CLI prints it with -no-color.
var errorSummary = regexp.MustCompile(`(?m)^\s*Error: (.+)$`)

func (o planOutput) summary() string {
	if m := errorSummary.FindStringSubmatch(o.text); m != nil {
		return m[1]
	}
	var exit *exec.ExitError
	if errors.As(o.err, &exit) {
		return fmt.Sprintf("exit %d without an error", exit.ExitCode())
	}
	if o.err != nil {
		return o.err.Error()
	}
	return "no balance in the output"
}

func plan(cli, dir string, env []string) planOutput {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, cli, "plan", "-input=false", "-no-color", "-lock=false")
	cmd.Dir = dir
	cmd.Env = env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return planOutput{text: out.String(), err: err}
}

// cleanEnv is this process' environment without what would change the CLI or the provider:
// each plan gets the defaults, logs off as in CI.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if !strings.HasPrefix(name, "TF_") && !strings.HasPrefix(name, "GATEWAY_") {
			env = append(env, kv)
		}
	}
	return env
}

func indented(lines []string) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString("  " + l + "\n")
	}
	return b.String()
}

// parseRows reads "30@5,60@10,30@5:max_retries=10".
func parseRows(s string) ([]row, error) {
	var rows []row
	for _, spec := range strings.Split(s, ",") {
		spec = strings.TrimSpace(spec)
		head, settings, _ := strings.Cut(spec, ":")
		plans, rate, ok := strings.Cut(head, "@")
		r := row{}
		var err1, err2 error
		r.plans, err1 = strconv.Atoi(plans)
		r.rate, err2 = strconv.ParseFloat(rate, 64)
		if !ok || err1 != nil || err2 != nil || r.plans < 1 || r.rate <= 0 {
			return nil, fmt.Errorf("%q: want PLANS@RATE, such as 30@5, with :ARGUMENT=VALUE after it if any", spec)
		}
		for _, setting := range strings.Split(settings, ":") {
			if name, value, ok := strings.Cut(setting, "="); ok {
				r.settings = append(r.settings, strings.TrimSpace(name)+" = "+strings.TrimSpace(value))
			}
		}
		rows = append(rows, r)
	}
	return rows, nil
}

func cliVersion(cli string) string {
	out, err := exec.Command(cli, "version").Output()
	if err != nil {
		return cli
	}
	return strings.SplitN(string(out), "\n", 2)[0]
}
