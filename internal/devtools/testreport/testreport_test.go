package testreport

import (
	"strings"
	"testing"
)

// A failed test counts once, not again for its package; a package that fails without a failed
// test (it did not build) counts once, and the compiler's words are printed.
func TestReportCountsEachFailureOnce(t *testing.T) {
	t.Parallel()
	in := strings.Join([]string{
		`{"Action":"run","Package":"ex/a","Test":"TestOK"}`,
		`{"Action":"pass","Package":"ex/a","Test":"TestOK"}`,
		`{"Action":"output","Package":"ex/a","Test":"TestBad","Output":"bad_test.go:9: wrong\n"}`,
		`{"Action":"fail","Package":"ex/a","Test":"TestBad"}`,
		`{"Action":"fail","Package":"ex/a"}`,
		`{"ImportPath":"ex/b [ex/b.test]","Action":"build-output","Output":"b.go:3:1: syntax error\n"}`,
		`{"ImportPath":"ex/b [ex/b.test]","Action":"build-fail"}`,
		`{"Action":"output","Package":"ex/b","Output":"FAIL\tex/b [build failed]\n"}`,
		`{"Action":"fail","Package":"ex/b","FailedBuild":"ex/b [ex/b.test]"}`,
		`{"Action":"skip","Package":"ex/c","Test":"TestOld","Output":""}`,
	}, "\n")
	var out strings.Builder
	c, err := Report(strings.NewReader(in), &out, "unit")
	if err != nil || c.Passed != 1 || c.Failed != 2 || c.Skipped != 1 || c.OK() {
		t.Fatalf("counts %+v, %v", c, err)
	}
	for _, want := range []string{"b.go:3:1: syntax error", "--- ex/a TestBad\nbad_test.go:9: wrong", "--- package ex/b failed", "unit: 1 passed, 2 failed, 1 skipped"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the report lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "package ex/a failed") {
		t.Errorf("the package of a failed test is reported apart:\n%s", out.String())
	}
}
