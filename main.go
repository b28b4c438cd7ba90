// Command terraform-provider-gateway is the Terraform and OpenTofu provider for the SMS
// gateway's HTTP API.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/smsgateway/terraform-provider-gateway/internal/provider"
)

// version is set at build time: go build -ldflags "-X main.version=1.2.3".
var version = "dev"

func main() {
	var debug, showVersion bool
	flag.BoolVar(&debug, "debug", false, "run with support for debuggers such as delve (prints TF_REATTACH_PROVIDERS)")
	flag.BoolVar(&showVersion, "version", false, "print the provider's version and exit")
	flag.Parse()
	if showVersion {
		fmt.Println("terraform-provider-gateway", version)
		return
	}
	quietUnlessLogged()
	noProtocolDump()
	// Go's own logger writes to the provider's stderr, which Terraform copies into its log:
	// net/http quotes an answer's stray bytes there, GODEBUG=http2debug its frames.
	log.SetOutput(provider.ProcessOutput(os.Stderr))

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: "registry.terraform.io/smsgateway/gateway",
		Debug:   debug,
	})
	if err != nil {
		log.Fatal(err)
	}
}
