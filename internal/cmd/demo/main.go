// Command demo is `make demo`: it builds the provider, serves the fake gateway on loopback, and
// plans examples/demo with the newest tested Terraform through a CLI configuration of its own:
// first reading the balance, then failing on `minimum`. It exits 0 only when both behave as
// shown, and leaves nothing running or written behind.
package main

import (
	"errors"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"unicode/utf8"

	"github.com/smsgateway/terraform-provider-gateway/internal/devtools/clis"
	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
}

// version is what the local mirror calls this build, so that `terraform init` finds it offline.
const version = "0.0.1"

func run() error {
	list, err := clis.Tested(".")
	if err != nil {
		return err
	}
	newest, ok := clis.Newest(list, "terraform")
	if !ok {
		return errors.New("the list names no Terraform")
	}
	bin, err := filepath.Abs(filepath.Join(".tools", "bin"))
	if err != nil {
		return err
	}
	if err := clis.Install(bin, newest, os.Stderr); err != nil {
		return err
	}
	terraform := newest.Path(bin)
	work, err := os.MkdirTemp("", "demo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)

	fmt.Println("==> Building the provider, serving the fake gateway")
	plugins := filepath.Join(work, "plugins")
	mirror := filepath.Join(work, "mirror")
	binary := filepath.Join(plugins, clis.Exe("terraform-provider-gateway"))
	build := exec.Command("go", "build", "-ldflags", "-X main.version="+version, "-o", binary, ".")
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		return err
	}
	mirrored := filepath.Join(mirror, "registry.terraform.io", "smsgateway", "gateway", version, runtime.GOOS+"_"+runtime.GOARCH,
		clis.Exe("terraform-provider-gateway_v"+version))
	if err := copyFile(binary, mirrored); err != nil {
		return err
	}
	g := gatewaytest.New()
	g.JSON = true // the balance with its currency
	g.SetAccount("demo-key", "31.168300000000002")
	srv := httptest.NewServer(g)
	defer srv.Close()
	fmt.Printf("    fake gateway at %s (key demo-key, balance 31.168300000000002 UAH)\n", srv.URL)

	// dev_overrides runs the binary just built; the filesystem mirror lets `terraform init`
	// succeed without a registry.
	config := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"smsgateway/gateway\" = %q\n  }\n  filesystem_mirror {\n    path    = %q\n    include = [\"registry.terraform.io/smsgateway/gateway\"]\n  }\n}\n",
		filepath.ToSlash(plugins), filepath.ToSlash(mirror))
	if err := os.WriteFile(filepath.Join(work, "cli.tfrc"), []byte(config), 0o600); err != nil {
		return err
	}
	dir := filepath.Join(work, "config")
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("examples", "demo"))); err != nil {
		return err
	}
	env := append(os.Environ(), "TF_CLI_CONFIG_FILE="+filepath.Join(work, "cli.tfrc"), "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1",
		"GATEWAY_ENDPOINT="+srv.URL, "GATEWAY_API_KEY=demo-key")
	terraformIn := func(args ...string) (string, error) {
		cmd := exec.Command(terraform, args...) //nolint:gosec // the tested Terraform
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		return string(out), err
	}

	fmt.Println("\n==> terraform init")
	out, err := terraformIn("init", "-input=false", "-no-color")
	if err != nil {
		return fmt.Errorf("init: %w\n%s", err, out)
	}
	show(out, func(line string) bool {
		return strings.HasPrefix(line, "- ") || strings.HasPrefix(line, "Terraform has been")
	})

	fmt.Println("\n==> terraform plan (minimum = 10)")
	out, err = terraformIn("plan", "-input=false", "-no-color")
	show(out, func(line string) bool { // not the box of a diagnostic
		r, _ := utf8.DecodeRuneInString(line)
		return !strings.ContainsRune("│╷╵", r)
	})
	if err != nil {
		return fmt.Errorf("the plan failed: %w", err)
	}
	if !strings.Contains(out, "sms_funds = 31.168300000000002") {
		return errors.New("the plan did not show the balance")
	}

	fmt.Println("\n==> terraform plan -var minimum=100 (must fail)")
	out, err = terraformIn("plan", "-input=false", "-no-color", "-var", "minimum=100")
	if err == nil {
		return fmt.Errorf("the plan passed although the balance is below the minimum:\n%s", out)
	}
	if i := strings.Index(out, "Error: Balance below minimum"); i >= 0 {
		show(out[i:], func(string) bool { return true })
	}
	if !strings.Contains(strings.Join(strings.Fields(out), " "), "balance of 31.168300000000002 UAH, below the minimum of 100") {
		return errors.New("the failure did not show both figures")
	}
	fmt.Println("\ndemo: OK (the balance was read exactly, and the plan stopped below the minimum)")
	return nil
}

// show prints the lines of out that keep says to, indented.
func show(out string, keep func(string) bool) {
	for _, line := range strings.Split(out, "\n") {
		if line = strings.TrimRight(line, "\r"); line != "" && keep(line) {
			fmt.Println("    " + line)
		}
	}
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o755) //nolint:gosec // an executable
}
