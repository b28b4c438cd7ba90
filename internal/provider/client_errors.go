package provider

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway"
)

// describeClientError turns a gateway client error into a diagnostic's summary and detail:
// what happened and what to check. The client's errors hold no key, and the gateway's own
// words are quoted as they came.
func describeClientError(action string, err error) (string, string) {
	var (
		apiErr       *gateway.APIError
		statusErr    *gateway.StatusError
		redirectErr  *gateway.RedirectError
		protocolErr  *gateway.ProtocolError
		transportErr *gateway.TransportError
	)
	switch {
	case errors.As(err, &apiErr):
		status := ""
		if apiErr.StatusCode != 0 {
			status = fmt.Sprintf(" (HTTP %d)", apiErr.StatusCode)
		}
		return "The gateway rejected the request",
			"Could not " + action + ". The gateway answered" + status + ":\n\n" + indent(apiErr.Messages) + "\n\n" +
				"If it is about the key, check api_key or the " + EnvAPIKey + " environment variable. " +
				"If the command is unknown, check that endpoint points at the gateway's HTTP API."
	case errors.As(err, &redirectErr):
		target := "no location"
		if redirectErr.LocationHost != "" {
			target = redirectErr.LocationHost
		}
		return "The gateway redirected the request",
			fmt.Sprintf("Could not %s: the endpoint answered HTTP %d, redirecting to %s. Redirects are not followed, "+
				"because the API key would be sent on to another address. Set endpoint to the address that answers directly.",
				action, redirectErr.StatusCode, target)
	case errors.As(err, &statusErr):
		detail := fmt.Sprintf("Could not %s: the gateway answered HTTP %d", action, statusErr.StatusCode)
		if statusErr.Attempts > 1 {
			detail += fmt.Sprintf(" (%d attempts)", statusErr.Attempts)
		}
		detail += "." + excerptSentence(statusErr.Excerpt)
		switch code := statusErr.StatusCode; {
		case statusErr.RetryAfter > 0:
			detail += fmt.Sprintf(" It asked to retry after %s, longer than the provider waits; try again later.", statusErr.RetryAfter)
		case code >= 500 || code == 429:
			detail += " The gateway, or a proxy in front of it, is failing or busy; try again later, or raise max_retries."
		case code == 401 || code == 403:
			detail += " Something in front of the gateway refused the request: check endpoint and api_key."
		default:
			detail += " Check that endpoint is the gateway operator's base URL, such as https://alphasms.ua."
		}
		return fmt.Sprintf("The gateway answered HTTP %d", statusErr.StatusCode), detail
	case errors.As(err, &protocolErr):
		return "The gateway's answer was not understood",
			"Could not " + action + ": " + protocolErr.Reason + "." + excerptSentence(protocolErr.Excerpt) +
				" Check that endpoint points at the gateway itself, not at a web page, proxy or login portal."
	case errors.As(err, &transportErr):
		detail := fmt.Sprintf("Could not %s: %s", action, transportErr.Error())
		detail += ". Check endpoint, the network between this machine and the gateway"
		if transportErr.Kind == gateway.KindTimeout {
			detail += ", and the timeout argument"
		}
		return "Cannot reach the gateway", detail + "."
	// The caller's own cancellation or deadline; a per-attempt timeout is a TransportError above.
	case errors.Is(err, context.Canceled):
		return "Request cancelled", "The request to " + action + " was cancelled before the gateway answered."
	case errors.Is(err, context.DeadlineExceeded):
		return "Request timed out", "Terraform's deadline passed before the gateway answered the request to " + action + "."
	default:
		return "Gateway request failed", "Could not " + action + ": " + err.Error()
	}
}

func indent(lines []string) string {
	return "  " + strings.Join(lines, "\n  ")
}

func excerptSentence(excerpt string) string {
	if excerpt == "" {
		return ""
	}
	return " The answer began: " + excerpt + "."
}

// formatAmount prints a number as a plain decimal, as the gateway writes amounts.
func formatAmount(f *big.Float) string {
	return f.Text('f', -1)
}
