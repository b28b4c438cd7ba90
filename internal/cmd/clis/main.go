// Command clis makes each tested CLI of scripts/tested-clis.txt (or those named, as
// terraform-1.16.4) available in a directory of tools as NAME-VERSION, and points
// DIR/terraform at the newest Terraform, which tfplugindocs and `terraform fmt` run: `make testacc` and `make check` build what they need with it.
//
//	go run ./internal/cmd/clis -bin .tools/bin [terraform-1.16.4 ...]
//	go run ./internal/cmd/clis -bin .tools/bin -newest terraform
//
// A CLI already there is kept, one on PATH at exactly that version is used, and any other is
// built from the Go module proxy, once (see the clis package for what vouches for each).
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/smsgateway/terraform-provider-gateway/internal/devtools/clis"
)

func main() {
	bin := flag.String("bin", ".tools/bin", "the directory of tools")
	newest := flag.String("newest", "", "only the newest tested CLI of this name: terraform or tofu")
	flag.Parse()
	if err := run(*bin, *newest, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "clis:", err)
		os.Exit(1)
	}
}

func run(bin, newest string, names []string) error {
	list, err := clis.Tested(".")
	if err != nil {
		return err
	}
	wanted := list
	switch {
	case newest != "":
		c, ok := clis.Newest(list, newest)
		if !ok {
			return fmt.Errorf("%s lists no %s", clis.ListFile, newest)
		}
		wanted = []clis.CLI{c}
	case len(names) > 0:
		if wanted, err = clis.ParseAll(names); err != nil {
			return err
		}
	}
	for _, c := range wanted {
		if err := clis.Install(bin, c, os.Stderr); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "clis: %s ready\n", c)
	}
	if terraform, ok := clis.Newest(list, "terraform"); ok {
		if _, err := os.Stat(terraform.Path(bin)); err == nil {
			return clis.LinkTerraform(bin, terraform)
		}
	}
	return nil
}
