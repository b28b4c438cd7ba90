package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
)

// The failing plan the docs show is the one the CLI prints: each recipe, run with the
// balance the docs use, must print the documented error block word for word.
func TestDocumentedFailureIsReal(t *testing.T) {
	t.Parallel()
	g := acctest.StartGateway(t, "312.5")
	res := planDir(t, examplesDir("data-sources", "gateway_balance", "ci-minimum"),
		acctest.GatewayEnv(g))
	if res.err == nil {
		t.Fatalf("the plan passed with 312.5 against a minimum of 500:\n%s", res.output)
	}
	assertDocumented(t, "data-sources/balance.md.tmpl", "Planning failed.", res.output)
}

func TestDocumentedCampaignFailureIsReal(t *testing.T) {
	t.Parallel()
	g := acctest.StartGateway(t, "47999.99")
	g.SetPrice("380", "1.2", "UAH")
	res := planDir(t, examplesDir("data-sources", "gateway_sms_price", "campaign"),
		acctest.GatewayEnv(g))
	if res.err == nil {
		t.Fatalf("the plan passed with 47999.99 for 20000 two-part messages at 1.2:\n%s", res.output)
	}
	assertDocumented(t, "guides/choosing-levels.md.tmpl", "Error: Balance below minimum_messages", res.output)
}

// documentedBlock is the output block that starts with marker in a docs template.
func documentedBlock(t *testing.T, page, marker string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(examplesDir(), "..", "templates", page))
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	start := strings.Index(text, marker)
	if start < 0 {
		t.Fatalf("%s shows no %q", page, marker)
	}
	end := strings.Index(text[start:], "```")
	return text[start : start+end]
}

// assertDocumentedLines checks that the CLI printed each line of a block that shows only
// some lines of the output (summaries without their details), each word for word.
func assertDocumentedLines(t *testing.T, page, marker, output string) {
	t.Helper()
	for _, line := range strings.Split(documentedBlock(t, page, marker), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.Contains(output, line) {
			t.Errorf("%s documents the line\n  %s\nbut the CLI printed\n%s", page, line, output)
		}
	}
}

// assertDocumented checks that the CLI printed the output block that starts with marker in a
// docs template, word for word.
func assertDocumented(t *testing.T, page, marker, output string) {
	t.Helper()
	documented := acctest.FoldSpaces(documentedBlock(t, page, marker))
	// The docs quote Terraform; OpenTofu prints the same block under its own name.
	printed := acctest.FoldSpaces(strings.ReplaceAll(output, "OpenTofu", "Terraform"))
	if !strings.Contains(printed, documented) {
		t.Errorf("%s documents\n  %s\nbut the CLI printed\n%s", page, documented, output)
	}
}
