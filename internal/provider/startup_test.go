package provider_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// No package of this repository that the provider binary links compiles a regular expression
// at start-up, in a package-level variable or an init function: each of the three provider
// processes of a plan would pay for it. Inside a function literal (sync.OnceValue) it waits
// for its first use.
func TestNoRegexpCompiledAtStart(t *testing.T) {
	t.Parallel()
	out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}} {{.Dir}}{{end}}", "../..").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	const module = "github.com/smsgateway/terraform-provider-gateway"
	checked := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		path, dir, _ := strings.Cut(line, " ")
		if path != module && !strings.HasPrefix(path, module+"/") {
			continue
		}
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, file := range files {
			if strings.HasSuffix(file, "_test.go") {
				continue
			}
			checked++
			for _, where := range compilesAtStart(t, file) {
				t.Errorf("%s: a regular expression compiled at start-up; wrap it in sync.OnceValue", where)
			}
		}
	}
	if checked == 0 {
		t.Fatal("no file of the provider was checked, so the check above proves nothing")
	}
}

// compilesAtStart lists where a file calls regexp.Compile or MustCompile in a package-level
// variable's value or in an init function.
func compilesAtStart(t *testing.T, file string) []string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	find := func(n ast.Node) {
		ast.Inspect(n, func(n ast.Node) bool {
			if _, lit := n.(*ast.FuncLit); lit {
				return false // run when called, not at start-up
			}
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
				if pkg, ok := sel.X.(*ast.Ident); ok && pkg.Name == "regexp" && strings.Contains(sel.Sel.Name, "Compile") {
					found = append(found, fset.Position(call.Pos()).String())
				}
			}
			return true
		})
	}
	for _, decl := range f.Decls {
		switch d := decl.(type) {
		case *ast.GenDecl:
			if d.Tok == token.VAR {
				find(d)
			}
		case *ast.FuncDecl:
			if d.Name.Name == "init" && d.Recv == nil {
				find(d)
			}
		}
	}
	return found
}
