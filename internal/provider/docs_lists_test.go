package provider_test

// The lists the docs keep by hand, checked against the code in both directions: the
// troubleshooting table against every diagnostic summary the provider can emit, the docs
// index's and README's lists against what the provider registers, README's layout against
// the directories, DESIGN.md's tests against the tests that exist.

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
)

// repoFile reads a file of the repository, from internal/provider.
func repoFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// section is the part of a Markdown text from a heading to the next of its level.
func section(t *testing.T, text, heading string) string {
	t.Helper()
	start := strings.Index(text, heading+"\n")
	if start < 0 {
		t.Fatalf("no %q heading", heading)
	}
	rest := text[start+len(heading):]
	level := heading[:strings.Index(heading, " ")+1]
	if end := strings.Index(rest, "\n"+level); end >= 0 {
		rest = rest[:end]
	}
	return rest
}

// librarySummaries are the summaries of the framework validators the provider uses.
var librarySummaries = map[string]string{
	"int64validator":  "Invalid Attribute Value",
	"stringvalidator": "Invalid Attribute Value Match",
	"numbervalidator": "Invalid Attribute Combination",
}

// emittedSummaries finds every diagnostic summary in the provider's code, as a pattern: a
// literal as it is, a fmt.Sprintf format with its verbs matching anything.
func emittedSummaries(t *testing.T) map[string]*regexp.Regexp {
	t.Helper()
	summaryArg := map[string]int{
		"AddError": 0, "AddWarning": 0, "NewErrorDiagnostic": 0, "NewWarningDiagnostic": 0,
		"AddAttributeError": 1, "AddAttributeWarning": 1, "NewAttributeErrorDiagnostic": 1, "NewAttributeWarningDiagnostic": 1,
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]*regexp.Regexp{}
	add := func(pos token.Position, expr ast.Expr) {
		switch e := expr.(type) {
		case *ast.BasicLit:
			s, _ := strconv.Unquote(e.Value)
			found[s] = regexp.MustCompile(`\A` + regexp.QuoteMeta(s) + `\z`)
		case *ast.CallExpr: // fmt.Sprintf("format", ...)
			if lit, ok := e.Args[0].(*ast.BasicLit); ok && len(e.Args) > 1 {
				format, _ := strconv.Unquote(lit.Value)
				pattern := regexp.MustCompile(`%[a-z]`).ReplaceAllString(regexp.QuoteMeta(format), `.+`)
				found[format] = regexp.MustCompile(`\A` + pattern + `\z`)
				return
			}
			t.Errorf("%s: a summary built in a way this test cannot read; use a literal or fmt.Sprintf", pos)
		case *ast.SelectorExpr: // ruleValidator's v.summary, whose literals are found below
		default:
			t.Errorf("%s: a summary built in a way this test cannot read; use a literal or fmt.Sprintf", pos)
		}
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if summary, ok := librarySummaries[filepath.Base(path)]; ok {
				found[summary] = regexp.MustCompile(`\A` + regexp.QuoteMeta(summary) + `\z`)
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				if sel, ok := n.Fun.(*ast.SelectorExpr); ok {
					if i, ok := summaryArg[sel.Sel.Name]; ok && len(n.Args) > i {
						add(fset.Position(n.Pos()), n.Args[i])
					}
				}
			case *ast.KeyValueExpr:
				if key, ok := n.Key.(*ast.Ident); ok && key.Name == "summary" {
					add(fset.Position(n.Pos()), n.Value)
				}
			}
			return true
		})
	}
	return found
}

// troubleshootingPage holds the table of every summary.
const troubleshootingPage = "templates/guides/troubleshooting.md.tmpl"

// documentedSummaries are the backquoted summaries of the first column of the
// troubleshooting table.
func documentedSummaries(t *testing.T) []string {
	t.Helper()
	table := section(t, repoFile(t, troubleshootingPage), "## Every error and warning")
	var documented []string
	for _, line := range strings.Split(table, "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 3 || strings.HasPrefix(strings.TrimSpace(cells[1]), "---") || strings.TrimSpace(cells[1]) == "Summary" {
			continue
		}
		for _, m := range regexp.MustCompile("`([^`]+)`").FindAllStringSubmatch(cells[1], -1) {
			documented = append(documented, m[1])
		}
	}
	return documented
}

// The troubleshooting table lists every summary the provider can emit, and nothing else:
// removing a row, or adding a summary to the code, fails here.
func TestDocs_troubleshootingListsEverySummary(t *testing.T) {
	t.Parallel()
	emitted := emittedSummaries(t)
	documented := documentedSummaries(t)
	if len(emitted) < 10 || len(documented) < 10 {
		t.Fatalf("found %d summaries in the code and %d in the table: the parsing is broken", len(emitted), len(documented))
	}
	for summary, pattern := range emitted {
		if !slices.ContainsFunc(documented, pattern.MatchString) {
			t.Errorf("the troubleshooting table (%s) has no row for %q", troubleshootingPage, summary)
		}
	}
	for _, d := range documented {
		matched := false
		for _, pattern := range emitted {
			matched = matched || pattern.MatchString(d)
		}
		if !matched {
			t.Errorf("the troubleshooting table lists %q, which the provider never emits", d)
		}
	}
}

// registered lists the docs page of everything the provider registers, as tfplugindocs names it.
func registered(t *testing.T) []string {
	t.Helper()
	resp, err := acctest.ProtocolServer(t, nil).GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	var pages []string
	for name := range resp.DataSourceSchemas {
		pages = append(pages, "data-sources/"+strings.TrimPrefix(name, "gateway_")+".md")
	}
	for name := range resp.EphemeralResourceSchemas {
		pages = append(pages, "ephemeral-resources/"+strings.TrimPrefix(name, "gateway_")+".md")
	}
	for name := range resp.ResourceSchemas {
		pages = append(pages, "resources/"+strings.TrimPrefix(name, "gateway_")+".md")
	}
	for name := range resp.Functions {
		pages = append(pages, "functions/"+name+".md")
	}
	return pages
}

var pageLink = regexp.MustCompile(`\]\((?:docs/)?((?:data-sources|ephemeral-resources|functions|resources)/[a-z_]+\.md)`)

// The docs index and README's "Using it" list link every data source, ephemeral resource and
// function the provider registers, and nothing it does not.
func TestDocs_listsNameWhatIsRegistered(t *testing.T) {
	t.Parallel()
	pages := registered(t)
	for what, text := range map[string]string{
		"templates/index.md.tmpl's opening list": strings.SplitN(repoFile(t, "templates/index.md.tmpl"), "## ", 2)[0],
		"README.md's Using it list":              section(t, repoFile(t, "README.md"), "## Using it"),
	} {
		var linked []string
		for _, m := range pageLink.FindAllStringSubmatch(text, -1) {
			linked = append(linked, m[1])
		}
		for _, page := range pages {
			if !slices.Contains(linked, page) {
				t.Errorf("%s does not link %s", what, page)
			}
		}
		for _, page := range linked {
			if !slices.Contains(pages, page) {
				t.Errorf("%s links %s, which the provider does not register", what, page)
			}
		}
	}
}

// README's layout names every directory of internal/ and every file of internal/gateway,
// and nothing that does not exist.
func TestDocs_layoutIsTheTree(t *testing.T) {
	t.Parallel()
	layout := section(t, repoFile(t, "README.md"), "### Layout")
	root := filepath.Join("..", "..")
	var want []string
	err := filepath.WalkDir(filepath.Join(root, "internal"), func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		switch {
		case d.IsDir() && strings.Contains(rel, "testdata"):
			return filepath.SkipDir
		case d.IsDir() && rel != "internal" && strings.Count(rel, "/") <= 2:
			want = append(want, filepath.Base(rel)+"/")
		case !d.IsDir() && filepath.Dir(rel) == "internal/gateway" && !strings.HasSuffix(rel, "_test.go"):
			want = append(want, filepath.Base(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	words := strings.Fields(layout)
	for _, name := range want {
		if !slices.ContainsFunc(words, func(w string) bool { return w == name || strings.HasSuffix(w, "/"+name) }) {
			t.Errorf("README.md's layout does not name %s", name)
		}
	}
	for _, w := range words {
		if strings.HasSuffix(w, ".go") || strings.HasSuffix(w, "/") && strings.HasPrefix(w, "internal") {
			if _, err := os.Stat(filepath.Join(root, w)); err != nil && !slices.Contains(want, filepath.Base(w)) {
				t.Errorf("README.md's layout names %s, which does not exist", w)
			}
		}
	}
}

// Every test DESIGN.md names as the enforcer of an invariant exists.
func TestDocs_designNamesRealTests(t *testing.T) {
	t.Parallel()
	design := repoFile(t, "DESIGN.md")
	var funcs strings.Builder
	err := filepath.WalkDir(filepath.Join("..", ".."), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() && (d.Name() == ".git" || d.Name() == ".tools") {
			return filepath.SkipDir
		}
		if strings.HasSuffix(path, "_test.go") {
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			funcs.Write(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	named := regexp.MustCompile("`((?:Test|Fuzz|Benchmark)[A-Za-z0-9_]+)").FindAllStringSubmatch(design, -1)
	if len(named) < 20 {
		t.Fatalf("DESIGN.md names only %d tests: the parsing is broken", len(named))
	}
	for _, m := range named {
		if !strings.Contains(funcs.String(), "func "+m[1]+"(") {
			t.Errorf("DESIGN.md names %s, which is not a test of this repository", m[1])
		}
	}
}

// Every example that names the provider pins its version, so that a copied recipe is pinned.
func TestDocs_everyRecipePinsTheProvider(t *testing.T) {
	t.Parallel()
	pinned := regexp.MustCompile(`(?s)gateway\s*=\s*\{[^}]*version\s*=\s*"~> 0\.1"`)
	err := filepath.WalkDir(filepath.Join("..", "..", "examples"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".tf" {
			return err
		}
		b, err := os.ReadFile(path)
		if err == nil && strings.Contains(string(b), "required_providers") && !pinned.Match(b) {
			t.Errorf("%s names the provider without its version: add version = \"~> 0.1\"", path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Every `go install` or `go run` of this repository's commands the docs, the examples and
// README show names a version that exists: the main branch, or a release the CHANGELOG dates.
func TestDocs_installsNameWhatExists(t *testing.T) {
	t.Parallel()
	released := map[string]bool{"main": true}
	for _, m := range regexp.MustCompile(`(?m)^## (\d+\.\d+\.\d+) \((?:[^U)][^)]*)\)$`).FindAllStringSubmatch(repoFile(t, "CHANGELOG.md"), -1) {
		released["v"+m[1]] = true
	}
	install := regexp.MustCompile(`github\.com/smsgateway/terraform-provider-gateway/[a-z/]+@([A-Za-z0-9.\-]+)`)
	found := 0
	err := filepath.WalkDir(filepath.Join("..", ".."), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() && (d.Name() == ".git" || d.Name() == ".tools" || d.Name() == "docs") {
			return filepath.SkipDir
		}
		if d.IsDir() || !slices.Contains([]string{".tmpl", ".tf", ".hcl", ".md", ".yml"}, filepath.Ext(path)) {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range install.FindAllStringSubmatch(string(b), -1) {
			found++
			if !released[m[1]] {
				t.Errorf("%s installs %s, a version that does not exist: name @main, or a release the CHANGELOG dates", path, m[0])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found == 0 {
		t.Fatal("no install of the repository's commands found: the search is broken")
	}
}

// Every data source, ephemeral resource and function the package constructs is registered: a
// constructor that provider.go's lists leave out would be neither served nor tested.
func TestDocs_everyConstructorRegistered(t *testing.T) {
	t.Parallel()
	returns := map[string]string{"DataSource": "DataSources", "EphemeralResource": "EphemeralResources", "Resource": "Resources", "Function": "Functions"}
	fset := token.NewFileSet()
	constructors := map[string]string{} // constructor → the method that must list it
	listed := map[string]map[string]bool{}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Type.Results == nil || len(fn.Type.Results.List) != 1 {
				continue
			}
			if sel, ok := fn.Type.Results.List[0].Type.(*ast.SelectorExpr); ok && fn.Recv == nil {
				if method, ok := returns[sel.Sel.Name]; ok && len(fn.Type.Params.List) == 0 {
					constructors[fn.Name.Name] = method
				}
			}
			if fn.Recv != nil && slices.Contains([]string{"DataSources", "EphemeralResources", "Resources", "Functions"}, fn.Name.Name) {
				listed[fn.Name.Name] = map[string]bool{}
				ast.Inspect(fn.Body, func(n ast.Node) bool {
					if id, ok := n.(*ast.Ident); ok {
						listed[fn.Name.Name][id.Name] = true
					}
					return true
				})
			}
		}
	}
	if len(constructors) < 4 {
		t.Fatalf("found %d constructors: the search is broken", len(constructors))
	}
	for constructor, method := range constructors {
		if !listed[method][constructor] {
			t.Errorf("%s is not in the provider's %s (provider.go): register it, or delete it", constructor, method)
		}
	}
}

// pagesOf are the files a registered data source, ephemeral resource or function needs beside
// its code: its docs template, its example, and its line in the CHANGELOG.
func pagesOf(kind, name string) []string {
	short := strings.TrimPrefix(name, "gateway_")
	switch kind {
	case "data source":
		return []string{"templates/data-sources/" + short + ".md.tmpl", "examples/data-sources/" + name + "/data-source.tf"}
	case "ephemeral resource":
		return []string{"templates/ephemeral-resources/" + short + ".md.tmpl", "examples/ephemeral-resources/" + name + "/ephemeral-resource.tf"}
	case "resource":
		return []string{"templates/resources/" + short + ".md.tmpl", "examples/resources/" + name + "/resource.tf"}
	}
	return []string{"templates/functions/" + name + ".md.tmpl", "examples/functions/" + name + "/function.tf"}
}

// Everything the provider registers has its page's template (without one, tfplugindocs writes
// a default page and make check passes), its example, and a CHANGELOG entry.
func TestDocs_everyRegisteredThingHasItsPages(t *testing.T) {
	t.Parallel()
	resp, err := acctest.ProtocolServer(t, nil).GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	changelog := repoFile(t, "CHANGELOG.md")
	check := func(kind, name, needle string) {
		for _, page := range pagesOf(kind, name) {
			if _, err := os.Stat(filepath.Join("..", "..", page)); err != nil {
				t.Errorf("the %s %s has no %s: write it", kind, name, page)
			}
		}
		if !strings.Contains(changelog, needle) {
			t.Errorf("CHANGELOG.md does not name the %s %s: add it to the coming release's FEATURES", kind, name)
		}
	}
	for name := range resp.DataSourceSchemas {
		check("data source", name, "`"+name+"`")
	}
	for name := range resp.EphemeralResourceSchemas {
		check("ephemeral resource", name, "`"+name+"`")
	}
	for name := range resp.ResourceSchemas {
		check("resource", name, "`"+name+"`")
	}
	for name := range resp.Functions {
		check("function", name, "`provider::gateway::"+name)
	}
}
