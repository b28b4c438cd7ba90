package provider

import (
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway"
)

// Each thing a provider block decides, changed alone, makes a second configuration: reads of
// one account must not be answered with another's funds (endpoint, key), nor sent as it was not
// told to (a GET that puts a POST account's key in the URL), nor with another's bounds, nor
// hint at another's key source. The same configuration again is not a second one.
func TestEveryFieldOfAConfigurationCounts(t *testing.T) {
	base := gateway.Config{Endpoint: "https://alphasms.ua", APIKey: "Zq7Wx9Kp3Lm5Nb2V", Method: gateway.MethodPost,
		Timeout: 30 * time.Second, MaxRetries: 3}
	source := keySource("api_key")
	for name, change := range map[string]func(*gateway.Config, *keySource){
		"nothing":     func(*gateway.Config, *keySource) {},
		"endpoint":    func(c *gateway.Config, _ *keySource) { c.Endpoint = "https://other.example" },
		"api_key":     func(c *gateway.Config, _ *keySource) { c.APIKey = "Vn5rTb4cQz81Wp2x" },
		"method":      func(c *gateway.Config, _ *keySource) { c.Method = gateway.MethodGet },
		"timeout":     func(c *gateway.Config, _ *keySource) { c.Timeout = time.Minute },
		"max_retries": func(c *gateway.Config, _ *keySource) { c.MaxRetries = 0 },
		"key source":  func(_ *gateway.Config, s *keySource) { *s = envKeySource("GATEWAY_API_KEY_ALERTS") },
	} {
		second, secondSource := base, source
		change(&second, &secondSource)
		g := &configurationGuard{}
		g.configured(base, source)
		g.configured(second, secondSource)
		var diags diag.Diagnostics
		if ok := g.check(&diags); ok != (name == "nothing") {
			t.Errorf("a second configuration changing %s: reads allowed %v", name, ok)
		}
	}
}
