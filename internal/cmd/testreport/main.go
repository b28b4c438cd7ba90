// Command testreport reads `go test -json` on stdin and prints one count line for the run,
// such as "terraform-1.16.4: 140 passed, 0 failed, 0 skipped", subtests included. A test
// skipped because the CLI under test lacks a feature (its skip message starts with
// acctest.NotApplicable) is counted apart, on a line of its own; any other skip counts as
// skipped and fails the run, as a failed test or package does. The output of every failed
// test is printed. Exit status: 0 when nothing failed or was skipped, 1 otherwise.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
)

type event struct {
	Action  string
	Package string
	Test    string
	Output  string
}

func main() {
	name := flag.String("name", "tests", "the word that starts the count line, such as terraform-1.16.4")
	flag.Parse()

	output := map[string]*strings.Builder{} // per package and test
	var passed, failed, skipped, notApplicable []string
	var brokenPackages []string
	scanner := bufio.NewScanner(os.Stdin)
	scanner.Buffer(make([]byte, 1<<20), 16<<20)
	for scanner.Scan() {
		var e event
		if err := json.Unmarshal(scanner.Bytes(), &e); err != nil {
			fmt.Println(scanner.Text()) // a build error printed as text
			continue
		}
		id := e.Package + " " + e.Test
		switch e.Action {
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
			if text := output[id]; text != nil && strings.Contains(text.String(), acctest.NotApplicable) {
				notApplicable = append(notApplicable, e.Test)
			} else {
				skipped = append(skipped, id)
			}
		}
	}
	for _, id := range slices.Concat(failed, skipped) {
		fmt.Printf("--- %s\n%s\n", id, output[id])
	}
	for _, pkg := range brokenPackages {
		fmt.Printf("--- package %s failed\n%s\n", pkg, output[pkg+" "])
	}
	if len(notApplicable) > 0 {
		fmt.Printf("%s: %d not applicable (the CLI lacks a feature they test): %s\n", *name, len(notApplicable), strings.Join(notApplicable, ", "))
	}
	fmt.Printf("%s: %d passed, %d failed, %d skipped\n", *name, len(passed), len(failed)+len(brokenPackages), len(skipped))
	if len(failed)+len(skipped)+len(brokenPackages) > 0 || len(passed) == 0 {
		os.Exit(1)
	}
}
