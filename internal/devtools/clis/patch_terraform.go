package clis

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
)

// Terraform after 1.5 replaces its remote-state backends with nested modules
// (./internal/backend/remote-state/*) that the module proxy's archive does not contain, so
// neither `go install` nor a plain build works. patchTerraform drops those backends (azure,
// consul, cos, gcs, kubernetes, oci, oss, pg, s3) and keeps local, remote, http, inmem and
// cloud: a provider's tests use only the local backend. Every edit is checked, so a source that
// no longer looks as expected fails the build loudly instead of building something else.
func patchTerraform(dir string) error {
	goMod := filepath.Join(dir, "go.mod")
	mod, err := os.ReadFile(goMod)
	if err != nil {
		return err
	}
	internalModule := regexp.MustCompile(`(?m)^[ \t]*(replace[ \t]+)?github\.com/hashicorp/terraform/internal/.*\n`)
	if !regexp.MustCompile(`(?m)^replace github\.com/hashicorp/terraform/internal/`).Match(mod) {
		return nil // nothing to patch: an older release, built as it is
	}
	if err := os.WriteFile(goMod, internalModule.ReplaceAll(mod, nil), 0o644); err != nil { //nolint:gosec // a source file
		return err
	}
	initGo := filepath.Join(dir, "internal", "backend", "init", "init.go")
	src, err := os.ReadFile(initGo)
	if err != nil {
		return err
	}
	for _, backend := range []string{"azure", "consul", "cos", "gcs", "kubernetes", "oci", "oss", "pg", "s3"} {
		imp := regexp.MustCompile(`(?m)^.*internal/backend/remote-state/` + backend + `".*\n`)
		if !imp.Match(src) {
			return fmt.Errorf("%s does not import the %s backend; re-check the patch", initGo, backend)
		}
		src = imp.ReplaceAll(src, nil)
	}
	for _, name := range []string{"azurerm", "consul", "cos", "gcs", "kubernetes", "oss", "pg", "s3", "oci"} {
		reg := regexp.MustCompile(`(?m)^[ \t]*"` + name + `":.*\n`)
		if !reg.Match(src) {
			return fmt.Errorf("%s does not register the %s backend; re-check the patch", initGo, name)
		}
		src = reg.ReplaceAll(src, nil)
	}
	if regexp.MustCompile(`remote-state/(azure|consul|cos|gcs|kubernetes|oci|oss|pg|s3)`).Match(src) {
		return fmt.Errorf("%s still names a dropped backend; re-check the patch", initGo)
	}
	return os.WriteFile(initGo, src, 0o644) //nolint:gosec // a source file
}
