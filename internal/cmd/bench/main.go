// Command bench drives the real Terraform (or OpenTofu) CLI against the fake gateway and
// prints a Markdown table: for each number of gateway_balance instances, the plan's median
// wall time, the requests the gateway saw, and the provider process' own CPU time, peak
// memory and start-up time. The provider runs with -debug and Terraform attaches to it
// through TF_REATTACH_PROVIDERS, so its figures are its own, not Terraform's. `scripts/bench.sh`.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
)

const apiKey = "bench-key"

func main() {
	cli := flag.String("cli", "terraform", "the Terraform or OpenTofu binary")
	provider := flag.String("provider", "", "the provider binary (built by scripts/bench.sh)")
	sizesFlag := flag.String("sizes", "1,10,100,1000", "numbers of gateway_balance instances")
	runs := flag.Int("runs", 3, "plans per size; the table shows medians")
	noop := flag.String("noop", "", "the do-nothing provider binary (../shared/bench/noop-provider), to print the ratio to it")
	floorSizes := flag.String("floor-sizes", "1,300", "numbers of data sources planned beside the do-nothing provider")
	floorRuns := flag.Int("floor-runs", 15, "plans per provider and size beside the do-nothing provider; medians")
	flag.Parse()
	if *provider == "" {
		log.Fatal("bench: -provider is required")
	}
	sizes, err := parseSizes(*sizesFlag)
	if err != nil {
		log.Fatal(err)
	}

	g := gatewaytest.New()
	g.SetAccount(apiKey, "31.168300000000002")
	srv := httptest.NewServer(g)
	defer srv.Close()

	work, err := os.MkdirTemp("", "gateway-bench-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(work)
	b := &bench{cli: *cli, provider: *provider, endpoint: srv.URL, gateway: g, work: work}

	fmt.Printf("CLI: %s; provider: %s (%.1f MiB); %d runs per row, medians\n\n", cliVersion(*cli), *provider, fileMiB(*provider), *runs)
	fmt.Println("| instances | plan wall | gateway requests | provider CPU | provider peak RSS | provider start-up | provider CPU / plan wall |")
	fmt.Println("|---:|---:|---:|---:|---:|---:|---:|")

	floor, err := b.measureFloor(*runs)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("| floor (no provider) | %s | – | – | – | – | – |\n", ms(floor))

	for _, n := range sizes {
		var rows []sample
		for range *runs {
			s, err := b.measure(n)
			if err != nil {
				log.Fatalf("bench: %d instances: %v", n, err)
			}
			rows = append(rows, s)
		}
		m := medians(rows)
		fmt.Printf("| %d | %s | %d | %s | %.1f MiB | %s | %.1f%% |\n", n, ms(m.wall), m.requests, ms(m.cpu),
			float64(m.rssKiB)/1024, ms(m.startup), 100*m.cpu.Seconds()/m.wall.Seconds())
	}

	if *noop == "" {
		return
	}
	sizes, err = parseSizes(*floorSizes)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("\nBeside the do-nothing provider (%s), both started by the CLI, SDK and provider logs off; %d pairs of plans run back to back,\n"+
		"medians; a ratio is the median of the pairs' ratios. CPU: the CLI's and its provider processes'.\n\n", *noop, *floorRuns)
	fmt.Println("| data sources | gateway | do-nothing | gateway / do-nothing | CPU: gateway | CPU: do-nothing | CPU: gateway / do-nothing |")
	fmt.Println("|---:|---:|---:|---:|---:|---:|---:|")
	for _, n := range sizes {
		r, err := b.measureBesideNoop(*noop, n, *floorRuns)
		if err != nil {
			log.Fatalf("bench: beside the do-nothing provider, %d data sources: %v", n, err)
		}
		fmt.Printf("| %d | %s | %s | %.3f | %s | %s | %.3f |\n", n, ms(r.gateway), ms(r.noop), r.ratio, ms(r.gatewayCPU), ms(r.noopCPU), r.cpuRatio)
	}
}

type bench struct {
	cli, provider, endpoint, work string
	gateway                       *gatewaytest.Gateway
}

type sample struct {
	wall, cpu, startup time.Duration
	rssKiB             int64
	requests           int
}

func (b *bench) configDir(name, body string) (string, error) {
	dir := filepath.Join(b.work, name)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", err
	}
	return dir, os.WriteFile(filepath.Join(dir, "main.tf"), []byte(body), 0o600)
}

// measureFloor plans a configuration with no provider at all: Terraform's own cost.
func (b *bench) measureFloor(runs int) (time.Duration, error) {
	dir, err := b.configDir("floor", "output \"floor\" {\n  value = 1\n}\n")
	if err != nil {
		return 0, err
	}
	var walls []time.Duration
	for range runs {
		wall, err := b.plan(dir, nil)
		if err != nil {
			return 0, err
		}
		walls = append(walls, wall)
	}
	slices.Sort(walls)
	return walls[len(walls)/2], nil
}

func (b *bench) measure(n int) (sample, error) {
	dir, err := b.configDir(fmt.Sprintf("n%d", n), acctest.ForEachBalance(n, `provider "gateway" {}`))
	if err != nil {
		return sample{}, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	prov := exec.CommandContext(ctx, b.provider, "-debug")
	prov.Env = append(os.Environ(), "GATEWAY_ENDPOINT="+b.endpoint, "GATEWAY_API_KEY="+apiKey)
	stdout, err := prov.StdoutPipe()
	if err != nil {
		return sample{}, err
	}
	start := time.Now()
	if err := prov.Start(); err != nil {
		return sample{}, err
	}
	reattach, err := readReattach(stdout)
	if err != nil {
		return sample{}, err
	}
	s := sample{startup: time.Since(start)}

	before := b.gateway.RequestCount()
	s.wall, err = b.plan(dir, []string{"TF_REATTACH_PROVIDERS=" + reattach})
	if err != nil {
		return sample{}, err
	}
	s.requests = b.gateway.RequestCount() - before

	// The provider's own resource usage, read from the kernel once it has exited.
	if err := stop(prov.Process); err != nil {
		return sample{}, err
	}
	waitErr := prov.Wait()
	cpu, rssKiB, ok := resourceUsage(prov.ProcessState)
	if !ok {
		return sample{}, fmt.Errorf("no resource usage for the provider: %w", waitErr)
	}
	s.cpu, s.rssKiB = cpu, rssKiB
	return s, nil
}

// readReattach waits for the line -debug prints and returns the TF_REATTACH_PROVIDERS value.
func readReattach(stdout interface{ Read([]byte) (int, error) }) (string, error) {
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if value, ok := strings.CutPrefix(line, "TF_REATTACH_PROVIDERS='"); ok {
			go func() { // keep draining, so the provider never blocks on a full pipe
				for sc.Scan() {
				}
			}()
			return strings.TrimSuffix(value, "'"), nil
		}
	}
	return "", errors.New("the provider exited without printing TF_REATTACH_PROVIDERS")
}

func (b *bench) plan(dir string, env []string) (time.Duration, error) {
	wall, _, err := b.planTimed(dir, env)
	return wall, err
}

// planTimed plans and returns the wall time and the CPU time of the CLI and every provider
// process it started and waited for.
func (b *bench) planTimed(dir string, env []string) (wall, cpu time.Duration, err error) {
	cmd := exec.Command(b.cli, "plan", "-input=false", "-no-color", "-lock=false", "-refresh=true")
	cmd.Dir = dir
	// The caller's env comes last, so that it wins (a CLI configuration with dev_overrides).
	cmd.Env = append(os.Environ(), append([]string{"TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1", "TF_CLI_CONFIG_FILE=" + os.DevNull}, env...)...)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	wall = time.Since(start)
	if err != nil {
		return 0, 0, fmt.Errorf("plan failed: %w\n%s", err, out)
	}
	cpu, _, _ = resourceUsage(cmd.ProcessState)
	return wall, cpu, nil
}

func medians(rows []sample) sample {
	pick := func(get func(sample) int64) int64 {
		v := make([]int64, len(rows))
		for i, r := range rows {
			v[i] = get(r)
		}
		slices.Sort(v)
		return v[len(v)/2]
	}
	return sample{
		wall:     time.Duration(pick(func(s sample) int64 { return int64(s.wall) })),
		cpu:      time.Duration(pick(func(s sample) int64 { return int64(s.cpu) })),
		startup:  time.Duration(pick(func(s sample) int64 { return int64(s.startup) })),
		rssKiB:   pick(func(s sample) int64 { return s.rssKiB }),
		requests: int(pick(func(s sample) int64 { return int64(s.requests) })),
	}
}

func parseSizes(s string) ([]int, error) {
	var sizes []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("bench: bad size %q", f)
		}
		sizes = append(sizes, n)
	}
	return sizes, nil
}

func cliVersion(cli string) string {
	out, err := exec.Command(cli, "version").Output()
	if err != nil {
		return cli
	}
	return strings.SplitN(string(out), "\n", 2)[0]
}

func fileMiB(path string) float64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return float64(fi.Size()) / (1 << 20)
}

func ms(d time.Duration) string {
	if d >= 10*time.Second {
		return fmt.Sprintf("%.1f s", d.Seconds())
	}
	return fmt.Sprintf("%d ms", d.Milliseconds())
}
