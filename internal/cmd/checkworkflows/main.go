// Command checkworkflows is part of `make check`. It reads every YAML file of the repository
// (GitHub workflows, composite actions, the CI examples users copy) and fails, naming file, line
// and fix, when
//
//   - a `uses:` is not pinned to a full commit SHA with its version in a comment (local `./`
//     actions and `docker://` images pinned by digest aside), because whoever controls an
//     action's repository can move a tag or a branch to other code;
//   - a GitHub workflow has no top-level `permissions`, so its token gets the repository's
//     default, which may be write-all;
//   - a release job restores a cache, which any run on the default branch can have written
//     (cache poisoning), into a build that is then signed;
//   - a `run:` script holds a `${{ … }}` expression, which Actions pastes into the script before
//     the shell reads it (script injection); the value belongs in `env:`.
//
// It reads files and nothing else, so it runs offline, in `make test`.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run checks the repository that the arguments name and returns the exit status: 0 when nothing
// was found, 1 when something was, 2 when the check could not run.
func run(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("checkworkflows", flag.ContinueOnError)
	flags.SetOutput(stderr)
	root := flags.String("root", ".", "the repository to check")
	if err := flags.Parse(args); err != nil {
		return 2
	}

	docs, findings, err := readYAML(*root)
	if err != nil {
		fmt.Fprintf(stderr, "check-workflows: %v\n", err)
		return 2
	}
	pinned := 0
	for _, d := range docs {
		pins, found := checkPins(d)
		pinned += pins
		findings = append(findings, found...)
		findings = append(findings, checkPermissions(d)...)
		findings = append(findings, checkReleaseCaches(d)...)
		findings = append(findings, checkRunExpressions(d)...)
	}
	if len(findings) > 0 {
		sortFindings(findings)
		for _, f := range findings {
			fmt.Fprintln(stderr, f)
		}
		fmt.Fprintf(stderr, "check-workflows: %d finding(s) above\n", len(findings))
		return 1
	}
	fmt.Fprintf(stdout, "check-workflows: %d YAML documents, %d uses: pinned to commits; every workflow sets permissions, "+
		"no release job restores a cache, no run: holds an expression\n", len(docs), pinned)
	return 0
}
