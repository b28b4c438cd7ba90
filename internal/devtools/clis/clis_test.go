package clis

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestTestedListReadsTheRepositorysList(t *testing.T) {
	t.Parallel()
	list, err := Tested(filepath.Join("..", "..", ".."))
	if err != nil || len(list) < 2 {
		t.Fatalf("Tested = %v, %v", list, err)
	}
	if newest, ok := Newest(list, "terraform"); !ok || newest.Name != "terraform" {
		t.Fatalf("Newest = %v %v", newest, ok)
	}
	for _, bad := range []string{"terraform", "vault-1.2.3", "tofu-x.y", "terraform-"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) accepted it", bad)
		}
	}
	if c, err := Parse("tofu-1.12.6"); err != nil || c.String() != "tofu-1.12.6" {
		t.Errorf("Parse(tofu-1.12.6) = %v, %v", c, err)
	}
	if got, err := ParseAll([]string{"tofu-1.12.6", "terraform-1.5.7"}); err != nil || len(got) != 2 || got[1].String() != "terraform-1.5.7" {
		t.Errorf("ParseAll = %v, %v", got, err)
	}
	if _, err := ParseAll([]string{"tofu-1.12.6", "vault-1.2.3"}); err == nil || !strings.Contains(err.Error(), "vault-1.2.3") {
		t.Errorf("ParseAll of a bad name: %v", err)
	}
	list = []CLI{{"terraform", "1.5.7"}, {"terraform", "1.16.4"}, {"terraform", "1.9.10"}, {"tofu", "1.12.6"}}
	if newest, _ := Newest(list, "terraform"); newest.Version != "1.16.4" {
		t.Errorf("Newest compares versions as text: %v", newest)
	}
	if got := Exe("x"); (runtime.GOOS == "windows") != strings.HasSuffix(got, ".exe") {
		t.Errorf("Exe = %q on %s", got, runtime.GOOS)
	}
}

// The patch drops every remote-state backend's module and registration, and fails, changing
// nothing it could not check, on a source that no longer looks as it expects.
func TestPatchTerraform(t *testing.T) {
	t.Parallel()
	backends := []string{"azure", "consul", "cos", "gcs", "kubernetes", "oci", "oss", "pg", "s3"}
	names := []string{"azurerm", "consul", "cos", "gcs", "kubernetes", "oss", "pg", "s3", "oci"}
	write := func(dir string, dropImport string) {
		var mod, init strings.Builder
		mod.WriteString("module github.com/hashicorp/terraform\n\nrequire (\n\tgithub.com/hashicorp/terraform/internal/backend/remote-state/s3 v0.0.0\n\texample.com/kept v1.0.0\n)\n")
		mod.WriteString("replace github.com/hashicorp/terraform/internal/backend/remote-state/s3 => ./internal/backend/remote-state/s3\n")
		init.WriteString("package init\n\nimport (\n\tbackendLocal \"github.com/hashicorp/terraform/internal/backend/local\"\n")
		for _, b := range backends {
			if b != dropImport {
				init.WriteString("\tbackend" + b + " \"github.com/hashicorp/terraform/internal/backend/remote-state/" + b + "\"\n")
			}
		}
		init.WriteString(")\n\nvar backends = map[string]func(){\n\t\"local\": nil,\n")
		for _, n := range names {
			init.WriteString("\t\"" + n + "\": nil,\n")
		}
		init.WriteString("}\n")
		if err := os.MkdirAll(filepath.Join(dir, "internal", "backend", "init"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(mod.String()), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "internal", "backend", "init", "init.go"), []byte(init.String()), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	write(dir, "")
	if err := patchTerraform(dir); err != nil {
		t.Fatal(err)
	}
	mod, _ := os.ReadFile(filepath.Join(dir, "go.mod"))
	init, _ := os.ReadFile(filepath.Join(dir, "internal", "backend", "init", "init.go"))
	if strings.Contains(string(mod), "internal/") || !strings.Contains(string(mod), "example.com/kept") {
		t.Errorf("go.mod after the patch:\n%s", mod)
	}
	if strings.Contains(string(init), "remote-state") || strings.Contains(string(init), `"s3"`) || !strings.Contains(string(init), `"local"`) {
		t.Errorf("init.go after the patch:\n%s", init)
	}
	changed := t.TempDir()
	write(changed, "gcs")
	if err := patchTerraform(changed); err == nil || !strings.Contains(err.Error(), "gcs backend") {
		t.Errorf("a source without the gcs backend was patched: %v", err)
	}
}
