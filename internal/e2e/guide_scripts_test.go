package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
	"github.com/smsgateway/terraform-provider-gateway/internal/devtools/clis"
)

// shellBlock is one ```shell block of a guide.
type shellBlock struct {
	page, text string
}

var shellFence = regexp.MustCompile("(?s)```(?:shell|sh|bash)\n(.*?)```")

func guideShellBlocks(t *testing.T) []shellBlock {
	t.Helper()
	pages, err := filepath.Glob(filepath.Join(examplesDir(), "..", "templates", "*", "*.tmpl"))
	if err != nil {
		t.Fatal(err)
	}
	var blocks []shellBlock
	for _, page := range pages {
		b, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range shellFence.FindAllStringSubmatch(string(b), -1) {
			blocks = append(blocks, shellBlock{page: filepath.Base(page), text: m[1]})
		}
	}
	if len(blocks) < 3 {
		t.Fatalf("found %d shell blocks in the guides: the parsing is broken", len(blocks))
	}
	return blocks
}

var lockPlatforms = regexp.MustCompile(`-platform=([a-z0-9]+_[a-z0-9]+)`)

// Every shell block of the guides runs, in the CI guide's configuration, on the CLI under
// test, twice in a row: the second run works as the first did, and neither leaves a process
// (runGuideScript fails the test) or a file of its own behind. A lock command runs against a mirror of the provider standing
// in for the registry (the only word added: -fs-mirror).
func TestGuideShellBlocks(t *testing.T) {
	t.Parallel()
	acctest.SkipUnless(t, acctest.EphemeralResources)
	for i, block := range guideShellBlocks(t) {
		t.Run(fmt.Sprintf("%s block %d", strings.TrimSuffix(block.page, ".md.tmpl"), i+1), func(t *testing.T) {
			t.Parallel()
			r := newRunner(t)
			dir := filepath.Join(r.repo, "infra", "sms")
			script := block.text
			if strings.Contains(script, "providers lock") {
				mirror := providerMirror(t)
				for _, m := range lockPlatforms.FindAllStringSubmatch(script, -1) { // every platform the block locks
					to := filepath.Join(mirror, "registry.terraform.io", "smsgateway", "gateway", "0.1.0", m[1], "terraform-provider-gateway_v0.1.0")
					if strings.HasPrefix(m[1], "windows_") {
						to += ".exe"
					}
					copyFile(t, filepath.Join(pluginDir, clis.Exe("terraform-provider-gateway")), to)
				}
				script = strings.ReplaceAll(script, "providers lock", "providers lock -fs-mirror="+shellQuote(mirror))
			}
			before := filesIn(t, dir)
			for run := 1; run <= 2; run++ {
				out, err := runGuideScript(t, dir, script, "TF_CLI_CONFIG_FILE="+r.cliConfig)
				if err != nil {
					t.Fatalf("run %d of the block failed: %v\n%s\n%s", run, err, script, out)
				}
				if run == 1 && strings.Contains(script, "fakegateway") && !strings.Contains(ansiEscape.ReplaceAllString(out, ""), "Error: Funds do not cover the work") {
					t.Fatalf("the rehearsal did not show the apply stopped:\n%s", out)
				}
			}
			for f := range filesIn(t, dir) {
				if !before[f] && f != ".terraform.lock.hcl" && f != "campaign.tfplan" && !strings.HasPrefix(f, "terraform.tfstate") && !strings.HasPrefix(f, ".terraform/") {
					t.Errorf("the block left %s behind", f)
				}
			}
		})
	}
}

// filesIn lists the files under dir, relative to it.
func filesIn(t *testing.T, dir string) map[string]bool {
	t.Helper()
	files := map[string]bool{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		files[filepath.ToSlash(rel)] = true
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
