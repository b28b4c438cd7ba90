// Command checkexamples checks every Terraform example under examples/: formatted (terraform
// fmt), and valid against the provider's real schema (terraform validate, with the provider
// just built, through dev_overrides). A broken example fails the build before it reaches the
// docs: part of `make check`. It runs .tools/bin/terraform, the newest tested Terraform.
package main

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/smsgateway/terraform-provider-gateway/internal/devtools/clis"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "check-examples:", err)
		os.Exit(1)
	}
}

func run() error {
	terraform, err := filepath.Abs(filepath.Join(".tools", "bin", clis.Exe("terraform")))
	if err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "check-examples-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	plugins := filepath.Join(work, "plugins")
	config := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"smsgateway/gateway\" = %q\n  }\n  direct {}\n}\n", filepath.ToSlash(plugins))
	if err := os.WriteFile(filepath.Join(work, "cli.tfrc"), []byte(config), 0o600); err != nil {
		return err
	}
	env := append(os.Environ(), "TF_CLI_CONFIG_FILE="+filepath.Join(work, "cli.tfrc"), "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")

	fmt.Println("==> terraform fmt -check -recursive examples/")
	fmtCmd := exec.Command(terraform, "fmt", "-check", "-recursive", "-diff", "examples") //nolint:gosec // the tested Terraform
	fmtCmd.Env, fmtCmd.Stdout, fmtCmd.Stderr = env, os.Stdout, os.Stderr
	if err := fmtCmd.Run(); err != nil {
		return fmt.Errorf("run 'make fmt' to format the examples above (%w)", err)
	}
	build := exec.Command("go", "build", "-o", filepath.Join(plugins, clis.Exe("terraform-provider-gateway")), ".")
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		return err
	}

	dirs, err := exampleDirs("examples")
	if err != nil {
		return err
	}
	invalid := 0
	for _, dir := range dirs {
		ok, out, err := validate(terraform, env, dir, filepath.Join(work, "configs", dir))
		if err != nil {
			return err
		}
		if ok {
			fmt.Println("    ok      " + filepath.ToSlash(dir))
			continue
		}
		invalid++
		fmt.Println("    INVALID " + filepath.ToSlash(dir))
		if i := strings.Index(out, "Error:"); i >= 0 {
			out = out[i:]
		}
		for _, line := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
			fmt.Println("        " + line)
		}
	}
	fmt.Printf("check-examples: %d example directories validated\n", len(dirs))
	if invalid > 0 {
		return fmt.Errorf("%d of them invalid", invalid)
	}
	return nil
}

// exampleDirs are the directories that hold .tf files, in order.
func exampleDirs(root string) ([]string, error) {
	seen := map[string]bool{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(path) == ".tf" {
			seen[filepath.Dir(path)] = true
		}
		return err
	})
	var dirs []string
	for dir := range seen {
		dirs = append(dirs, dir)
	}
	sort.Strings(dirs)
	return dirs, err
}

// validate copies a directory's .tf files (with the terraform block a snippet shown inside a
// larger page leaves out) and runs terraform validate on them.
func validate(terraform string, env []string, dir, copyDir string) (bool, string, error) {
	if err := os.MkdirAll(copyDir, 0o755); err != nil {
		return false, "", err
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.tf"))
	if err != nil {
		return false, "", err
	}
	declares := false
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return false, "", err
		}
		declares = declares || strings.Contains(string(b), "required_providers")
		if err := os.WriteFile(filepath.Join(copyDir, filepath.Base(f)), b, 0o600); err != nil {
			return false, "", err
		}
	}
	if !declares {
		snippet := "terraform {\n  required_providers {\n    gateway = { source = \"smsgateway/gateway\" }\n  }\n}\n"
		if err := os.WriteFile(filepath.Join(copyDir, "zz_required_providers.tf"), []byte(snippet), 0o600); err != nil {
			return false, "", err
		}
	}
	cmd := exec.Command(terraform, "-chdir="+copyDir, "validate", "-no-color") //nolint:gosec // the tested Terraform
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	return err == nil, string(out), nil
}
