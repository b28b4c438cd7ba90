// Package testreport counts `go test -json` output into one line per run, such as
// "terraform-1.16.4: 140 passed, 0 failed, 0 skipped", subtests included. A test skipped
// because the CLI under test lacks a feature (its skip message starts with
// acctest.NotApplicable) is counted apart, on a line of its own; any other skip counts as
// skipped and fails the run, as a failed test or package does. The output of every failed
// test is printed.
package testreport

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
)

// NotApplicable starts the message of every test skipped because the CLI under test lacks a
// feature (acctest.NotApplicable says the same).
const NotApplicable = "not applicable:"

type event struct {
	Action  string
	Package string
	Test    string
	Output  string
}

// Counts are what one run counted.
type Counts struct{ Passed, Failed, Skipped, NotApplicable int }

// OK reports whether the run passed: something passed, and nothing failed or was skipped.
func (c Counts) OK() bool { return c.Passed > 0 && c.Failed == 0 && c.Skipped == 0 }

// Report reads `go test -json` from in and writes to out the output of every failed or
// skipped test, the not-applicable line and the count line, which starts with name.
func Report(in io.Reader, out io.Writer, name string) (Counts, error) {
	output := map[string]*strings.Builder{} // per package and test
	var passed, failed, skipped, notApplicable []string
	var brokenPackages []string
	scanner := bufio.NewScanner(in)
	scanner.Buffer(make([]byte, 1<<20), 16<<20)
	for scanner.Scan() {
		var e event
		if err := json.Unmarshal(scanner.Bytes(), &e); err != nil {
			fmt.Fprintln(out, scanner.Text()) // a build error printed as text (Go before 1.24)
			continue
		}
		id := e.Package + " " + e.Test
		switch e.Action {
		case "build-output": // a compiler's error, keyed by ImportPath (Go 1.24 and later)
			fmt.Fprint(out, e.Output)
		case "output":
			if output[id] == nil {
				output[id] = &strings.Builder{}
			}
			output[id].WriteString(e.Output)
		case "pass":
			if e.Test != "" {
				passed = append(passed, id)
			}
		case "fail":
			if e.Test == "" {
				brokenPackages = append(brokenPackages, e.Package)
			} else {
				failed = append(failed, id)
			}
		case "skip":
			if e.Test == "" {
				continue // a package without tests
			}
			if text := output[id]; text != nil && strings.Contains(text.String(), NotApplicable) {
				notApplicable = append(notApplicable, e.Test)
			} else {
				skipped = append(skipped, id)
			}
		}
	}
	for _, id := range slices.Concat(failed, skipped) {
		fmt.Fprintf(out, "--- %s\n%s\n", id, output[id])
	}
	// A package fails with each of its failed tests: it counts apart only when none did (it
	// did not build, or failed outside its tests).
	brokenPackages = slices.DeleteFunc(brokenPackages, func(pkg string) bool {
		return slices.ContainsFunc(failed, func(id string) bool { return strings.HasPrefix(id, pkg+" ") })
	})
	for _, pkg := range brokenPackages {
		fmt.Fprintf(out, "--- package %s failed\n%s\n", pkg, output[pkg+" "])
	}
	if len(notApplicable) > 0 {
		fmt.Fprintf(out, "%s: %d not applicable (the CLI lacks a feature they test): %s\n", name, len(notApplicable), strings.Join(notApplicable, ", "))
	}
	c := Counts{Passed: len(passed), Failed: len(failed) + len(brokenPackages), Skipped: len(skipped), NotApplicable: len(notApplicable)}
	fmt.Fprintf(out, "%s: %d passed, %d failed, %d skipped\n", name, c.Passed, c.Failed, c.Skipped)
	return c, scanner.Err()
}
