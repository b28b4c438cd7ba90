// Command terraform-provider-gateway is the Terraform and OpenTofu provider for the SMS gateway's HTTP API.
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
	debug := flag.Bool("debug", false, "run with support for debuggers such as delve (prints TF_REATTACH_PROVIDERS)")
	showVersion := flag.Bool("version", false, "print the provider's version and exit")
	flag.Parse()
	if *showVersion {
		fmt.Println("terraform-provider-gateway", version)
		return
	}
	// Unless Terraform keeps the provider's log (TF_LOG, TF_LOG_PROVIDER), the SDK's trace lines
	// are turned off rather than formatted to be dropped: most of a large plan's CPU time.
	if os.Getenv("TF_LOG") == "" && os.Getenv("TF_LOG_PROVIDER") == "" {
		for _, name := range []string{"TF_LOG_PROVIDER", "TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK"} {
			if os.Getenv(name) == "" {
				_ = os.Setenv(name, "OFF")
			}
		}
	}
	// A dump of every request's data would hold the key (TestProtocolDataDumpHoldsNoKey).
	_ = os.Unsetenv("TF_LOG_SDK_PROTO_DATA_DIR")
	// Go's logger writes to stderr, which Terraform logs: net/http quotes an answer's stray bytes.
	log.SetOutput(provider.ProcessOutput(os.Stderr))
	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: "registry.terraform.io/smsgateway/gateway", Debug: *debug})
	if err != nil {
		log.Fatal(err)
	}
}
