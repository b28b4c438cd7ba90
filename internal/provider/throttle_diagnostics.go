package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway"
)

// throttledDiagnostic is a read that ended on the gateway throttling (429, or 503 with
// Retry-After). Raising max_retries would not help, so the detail says what does: fewer plans
// at once against the account, waiting, or turning retries back on.
func throttledDiagnostic(action string, e *gateway.StatusError) diag.Diagnostic {
	answered := fmt.Sprintf("the gateway answered HTTP %d", e.StatusCode)
	if e.StatusCode != 429 {
		answered += " with Retry-After"
	}
	var detail string
	switch {
	case e.RetryAfter > 0:
		detail = fmt.Sprintf("Could not %s: %s and asked to wait %s before trying again, longer than the provider waits between attempts (%s).",
			action, answered, e.RetryAfter, gateway.DefaultWaitMax) + excerptSentence(e.Excerpt) +
			" Try again later, or run fewer plans at once against this account."
	case e.RetriesOff:
		detail = fmt.Sprintf("Could not %s: %s, which means too many requests reached it at once.", action, answered) + excerptSentence(e.Excerpt) +
			" Retries are off (max_retries = 0), so the provider did not wait for its turn: remove max_retries or set it to 1 or more, " +
			"or run fewer plans at once against this account."
	default:
		detail = fmt.Sprintf("Could not %s: %s to all %d attempts over %s, the longest the provider keeps asking a gateway that throttles.",
			action, answered, e.Attempts, gateway.Roughly(e.Elapsed)) + excerptSentence(e.Excerpt) +
			" More requests reach this account at once than the gateway serves, from this run or from others using the same account: " +
			"run fewer plans at once against it, or try again later."
	}
	return diag.NewErrorDiagnostic("The gateway is throttling requests", detail)
}
