package provider

import (
	"context"
	"fmt"
	"io"
	"runtime/debug"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/smsgateway/terraform-provider-gateway/internal/secret"
)

// processKeys are the keys of every configuration this process was given. Everything the
// process writes outside the provider's own masked log lines is redacted with all of them:
// Go's standard logger, where net/http writes an answer's stray bytes and GODEBUG=http2debug
// its frames, and the message of a panic the provider recovers.
var processKeys secret.Set

// ProcessOutput is w with every key this process was given redacted: main points Go's
// standard logger at it, before Terraform's first request.
func ProcessOutput(w io.Writer) io.Writer { return processKeys.Writer(w) }

// recovered, deferred in each RPC method, turns a panic into an error diagnostic whose words
// hold no key, rather than a crash whose message Terraform prints as it is; the stack goes to
// the log, redacted too.
func recovered(ctx context.Context, diags *diag.Diagnostics) {
	r := recover()
	if r == nil {
		return
	}
	msg := processKeys.Redact(fmt.Sprint(r))
	tflog.Error(ctx, "the provider panicked", map[string]any{"panic": msg, "stack": processKeys.Redact(string(debug.Stack()))})
	diags.AddError("The provider failed",
		"The gateway provider hit a bug and stopped: "+msg+". Nothing was decided on the funds. Please report it, with the "+
			"stack that TF_LOG=debug shows.")
}
