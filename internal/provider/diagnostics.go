package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway"
	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/command"
)

// clientErrorDiagnostic turns a client error, which holds no key, into what a user reads: what
// happened and what to check. action completes "Could not …"; subject is the attribute the
// request was about (the number of a price), or an empty path; key says where the key was read.
func clientErrorDiagnostic(action string, subject path.Path, key keySource, err error) diag.Diagnostic {
	var (
		apiErr       *gateway.APIError
		noPriceErr   *gateway.NoPriceError
		statusErr    *gateway.StatusError
		redirectErr  *gateway.RedirectError
		protocolErr  *gateway.ProtocolError
		transportErr *gateway.TransportError
		currencyErr  *gateway.CurrencyError
	)
	switch {
	case errors.As(err, &currencyErr) && currencyErr.Got == "":
		return diag.NewErrorDiagnostic("Currency unknown",
			fmt.Sprintf("Could not %s: the gateway does not name the currency of the balance (it answers only the HTTP API, "+
				"not the JSON API at /api/json.php), and the provider's currency requires %s. Remove currency from the "+
				"provider block to compare the figures as they are, or ask the operator for the JSON API.", action, currencyErr.Want))
	case errors.As(err, &currencyErr) && currencyErr.Of == "price":
		return diag.NewErrorDiagnostic("Price in another currency",
			fmt.Sprintf("Could not %s: the gateway quotes the price in %s, and the provider's currency is %s, the currency "+
				"every amount of this configuration is taken to be in. Nothing was compared. Set currency to %s if the "+
				"amounts are in it, or price messages the account can pay for in %s.",
				action, currencyErr.Got, currencyErr.Want, currencyErr.Got, currencyErr.Want))
	case errors.As(err, &currencyErr):
		return diag.NewErrorDiagnostic("Account in another currency",
			fmt.Sprintf("Could not %s: the gateway reports the %s in %s, and the provider's currency is %s, the currency "+
				"every amount of this configuration is taken to be in. Nothing was compared. Set currency to %s if the "+
				"amounts are in it, or use the key of an account in %s.",
				action, currencyErr.Of, currencyErr.Got, currencyErr.Want, currencyErr.Got, currencyErr.Want))
	case errors.As(err, &apiErr):
		hint, aboutSubject := apiErrorHint(apiErr, key)
		status := ""
		if apiErr.StatusCode != 0 {
			status = fmt.Sprintf(" (HTTP %d)", apiErr.StatusCode)
		}
		detail := "Could not " + action + ". The gateway answered" + status + ":\n\n" + quoted(apiErr) + "\n\n" + hint
		if aboutSubject && !subject.Equal(path.Empty()) {
			return diag.NewAttributeErrorDiagnostic(subject, "The gateway rejected the request", detail)
		}
		return diag.NewErrorDiagnostic("The gateway rejected the request", detail)
	case errors.As(err, &noPriceErr):
		return diag.NewAttributeErrorDiagnostic(subject, "No price for this number",
			fmt.Sprintf("The gateway quotes no price for the number in to (it answered price:%s): sending there is not "+
				"supported. Check the number, or leave it out of the campaign: a message that cannot be priced cannot pass "+
				"the funds gate.", noPriceErr.Quoted))
	case errors.As(err, &redirectErr):
		target := "no usable location"
		if redirectErr.LocationHost != "" {
			target = redirectErr.LocationHost
		}
		return diag.NewErrorDiagnostic("The gateway redirected the request",
			fmt.Sprintf("Could not %s: the endpoint answered HTTP %d, redirecting to %s. Redirects are not followed, "+
				"because the API key would be sent on to another address. Set endpoint to the address that answers directly.",
				action, redirectErr.StatusCode, target))
	case errors.As(err, &statusErr) && statusErr.Throttled:
		return throttledDiagnostic(action, statusErr)
	case errors.As(err, &statusErr):
		return diag.NewErrorDiagnostic(fmt.Sprintf("The gateway answered HTTP %d", statusErr.StatusCode), statusDetail(action, statusErr))
	case errors.As(err, &protocolErr):
		said := ""
		if protocolErr.ClientSaid != "" {
			said = " The HTTP client said: " + protocolErr.ClientSaid + "."
		}
		return diag.NewErrorDiagnostic("The gateway's answer was not understood",
			"Could not "+action+": "+protocolErr.Reason+"."+excerptSentence(protocolErr.Excerpt)+said+
				" Check that endpoint points at the gateway itself, not at a web page, proxy or login portal.")
	case errors.As(err, &transportErr):
		detail := fmt.Sprintf("Could not %s: %s", action, transportErr.Error())
		switch transportErr.Kind {
		case gateway.KindNotLoopback:
			detail += ". The endpoint's name is a loopback name, but it resolved to another address; " +
				"add it to /etc/hosts, use 127.0.0.1, or use an https:// endpoint"
		case gateway.KindProxy:
			if transportErr.ProxyStatus == http.StatusProxyAuthRequired {
				detail += ". The proxy that HTTPS_PROXY (or https_proxy) names asks for credentials: put them in its URL, " +
					"such as http://user:password@proxy.example:3128, or add the gateway's host to NO_PROXY if it is reached directly"
			} else {
				detail += ". The request went to the proxy that HTTPS_PROXY (or https_proxy) names: check that proxy, " +
					"or add the gateway's host to NO_PROXY if it is reached directly"
			}
		case gateway.KindTimeout:
			detail += ". Check endpoint, the network between this machine and the gateway, and the timeout argument"
		default:
			detail += ". Check endpoint, and the network between this machine and the gateway"
		}
		return diag.NewErrorDiagnostic("Cannot reach the gateway", detail+".")
	// The caller's own cancellation or deadline; a per-attempt timeout is a TransportError above.
	case errors.Is(err, context.Canceled):
		return diag.NewErrorDiagnostic("Request cancelled", "The request to "+action+" was cancelled before the gateway answered.")
	case errors.Is(err, context.DeadlineExceeded):
		return diag.NewErrorDiagnostic("Request timed out", "Terraform's deadline passed before the gateway answered the request to "+action+".")
	default:
		return diag.NewErrorDiagnostic("Gateway request failed", "Could not "+action+": "+processKeys.Redact(err.Error()))
	}
}

// quoted lists the gateway's messages, indented, saying how many were left out.
func quoted(e *gateway.APIError) string {
	text := "  " + strings.Join(e.Messages, "\n  ")
	if e.Omitted > 0 {
		text += fmt.Sprintf("\n  (%d more lines not shown)", e.Omitted)
	}
	return text
}

var aboutKey = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)key|auth|access|denied|login|password|token|forbidden|\bip\b`)
})

// apiErrorHint points where the gateway's words point: the key (naming where it was read),
// the endpoint, or the command's subject (the number of a price), which is then the
// attribute at fault.
func apiErrorHint(e *gateway.APIError, key keySource) (hint string, aboutSubject bool) {
	words := strings.Join(e.Messages, " ")
	lower := strings.ToLower(words)
	switch e.Refusal {
	case gateway.RefusalIPDenied:
		return "The account's API settings in the gateway's personal cabinet allow only listed IP addresses, and this " +
			"machine's is not one of them. Allow this runner's address in the cabinet's API settings, or use a runner " +
			"with a fixed address (CI runners change addresses).", false
	case gateway.RefusalAPIDisabled:
		return "The API is switched off for this account: switch it on (Activate API) in the API settings of the gateway's " +
			"personal cabinet, and run again.", false
	case gateway.RefusalUserDisabled:
		return "The gateway has disabled this account's user: ask the operator to enable it. The key in " + string(key) +
			" is not at fault.", false
	case gateway.RefusalThrottle:
		return "The gateway limits how fast this account may send: wait a minute and run again, or run fewer plans at " +
			"once against it.", false
	case gateway.RefusalAccessDenied:
		return "The gateway's JSON API refuses without saying why. Check " + string(key) + ": it must hold this account's " +
			"API key. If it does, check the API settings of the gateway's personal cabinet: the API must be switched on, " +
			"and where it allows only listed IP addresses, this machine's must be one of them.", false
	}
	switch {
	case aboutKey().MatchString(words):
		return "Check " + string(key) + ": it must hold this account's API key, from the gateway's personal cabinet.", false
	case strings.Contains(lower, "command") || strings.Contains(lower, "version"):
		return "Check that endpoint points at the gateway's HTTP API: the operator's base URL, such as https://alphasms.ua.", false
	case e.Command == command.Price.Name: // about its number
		return "Check to: the gateway must deliver to that number, written in international format, country code first.", true
	default:
		return "If it is about the key, check " + string(key) + ". " +
			"If the command is unknown, check that endpoint points at the gateway's HTTP API.", false
	}
}

func statusDetail(action string, e *gateway.StatusError) string {
	detail := fmt.Sprintf("Could not %s: the gateway answered HTTP %d", action, e.StatusCode)
	if e.Attempts > 1 {
		detail += fmt.Sprintf(" (%d attempts)", e.Attempts)
	}
	detail += "." + excerptSentence(e.Excerpt)
	switch code := e.StatusCode; { // a throttled answer (429, 503 with Retry-After) has its own words
	case code >= 500:
		detail += " The gateway, or a proxy in front of it, is failing; try again later, or raise max_retries."
	case code == http.StatusProxyAuthRequired:
		detail += " A proxy between this machine and the gateway asks for credentials: put them in the proxy's URL " +
			"(HTTPS_PROXY=http://user:password@proxy.example:3128), or add the gateway's host to NO_PROXY if it is reached directly."
	case code == 401 || code == 403:
		detail += " Something in front of the gateway refused the request: check endpoint and api_key."
	default:
		detail += " Check that endpoint is the gateway operator's base URL, such as https://alphasms.ua."
	}
	return detail
}

func excerptSentence(excerpt string) string {
	if excerpt == "" {
		return ""
	}
	return " The answer began: " + excerpt + "."
}

// throttledDiagnostic is a read that ended on the gateway throttling (429, or 503 with
// Retry-After), where raising max_retries would not help.
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
