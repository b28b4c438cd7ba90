// Command testreport reads `go test -json` on stdin and prints one count line for the run
// (the testreport package says what it counts): `make unit` pipes its tests into it. Exit
// status: 0 when something passed and nothing failed or was skipped, 1 otherwise.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/smsgateway/terraform-provider-gateway/internal/devtools/testreport"
)

func main() {
	name := flag.String("name", "tests", "the word that starts the count line, such as terraform-1.16.4")
	flag.Parse()
	counts, err := testreport.Report(os.Stdin, os.Stdout, *name)
	if err != nil {
		fmt.Fprintln(os.Stderr, "testreport:", err)
	}
	if err != nil || !counts.OK() {
		os.Exit(1)
	}
}
