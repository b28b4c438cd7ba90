package e2e

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
)

// ephemeralExamples are the example directories that declare the gateway_balance ephemeral
// resource, and the configurations the docs' pages show inline that do.
func ephemeralExamples(t *testing.T) map[string]string {
	t.Helper()
	found := map[string]string{} // name → a directory holding the configuration
	err := filepath.WalkDir(examplesDir(), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".tf" {
			return err
		}
		b, err := os.ReadFile(path)
		if err == nil && strings.Contains(string(b), `ephemeral "gateway_balance"`) {
			rel, _ := filepath.Rel(examplesDir(), path)
			found[rel] = filepath.Dir(path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	inline := regexp.MustCompile("(?s)```(?:hcl|terraform)\n(.*?)```")
	err = filepath.WalkDir(filepath.Join(examplesDir(), "..", "templates"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		for i, m := range inline.FindAllStringSubmatch(string(b), -1) {
			if strings.Contains(m[1], `ephemeral "gateway_balance"`) {
				dir := t.TempDir()
				if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(m[1]), 0o600); err != nil {
					return err
				}
				found[fmt.Sprintf("%s, block %d", filepath.Base(path), i+1)] = dir
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

// Every configuration the docs show with the ephemeral resource stops the apply of its saved
// plan when the funds dropped after the plan, on each CLI that has ephemeral resources: a
// copied snippet gates on OpenTofu too, which opens an ephemeral resource at apply time only
// when something reads it.
func TestEveryEphemeralExampleStopsTheApply(t *testing.T) {
	t.Parallel()
	acctest.SkipUnless(t, acctest.EphemeralResources)
	examples := ephemeralExamples(t)
	if len(examples) < 2 {
		t.Fatalf("found only %d configurations with the ephemeral resource: %v", len(examples), examples)
	}
	for name, src := range examples {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := gatewaytest.Start(t)
			g.SetPrice("380", "0.5", "UAH")
			env := map[string]string{"GATEWAY_ENDPOINT": g.URL}
			for i, variable := range []string{"GATEWAY_API_KEY", "GATEWAY_API_KEY_MARKETING", "GATEWAY_API_KEY_ALERTS"} {
				key := fmt.Sprintf("account-key-%d", i)
				g.SetAccount(key, "100000")
				env[variable] = key
			}
			work := workDir(t, "", "")
			for _, f := range tfFiles(t, src) {
				copyFile(t, f, filepath.Join(work, filepath.Base(f)))
			}
			if !hasRequiredProviders(t, work) { // a snippet of a page, or a block of one
				if err := os.WriteFile(filepath.Join(work, "zz_required_providers.tf"), []byte(acctest.RequiredProviders), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			if plan := cli(t, work, env, "plan", "-out=saved.tfplan"); plan.err != nil {
				t.Fatalf("plan with enough funds: %v\n%s", plan.err, plan.output)
			}
			for i := range 3 { // spent since the plan
				g.SetAccount(fmt.Sprintf("account-key-%d", i), "10")
			}
			apply := cli(t, work, env, "apply", "saved.tfplan")
			out := acctest.FoldSpaces(apply.output)
			stopped := strings.Contains(out, "Error: Balance below minimum") || strings.Contains(out, "Error: Resource precondition failed")
			if apply.err == nil || !stopped {
				t.Fatalf("the saved plan applied on funds that dropped to 10 after the plan:\n%s", apply.output)
			}
		})
	}
}

func tfFiles(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.tf"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no .tf files in %s (%v)", dir, err)
	}
	return files
}

func hasRequiredProviders(t *testing.T, dir string) bool {
	t.Helper()
	for _, f := range tfFiles(t, dir) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), "required_providers") {
			return true
		}
	}
	return false
}
