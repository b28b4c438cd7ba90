package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway"
)

var _ function.Function = (*smsPartsFunction)(nil)

// smsPartsFunction is provider::gateway::sms_parts(text): how many billed message parts a
// text is sent as, for configurations that count parts without asking for a price.
type smsPartsFunction struct{}

func newSMSPartsFunction() function.Function { return smsPartsFunction{} }

func (smsPartsFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "sms_parts"
}

func (smsPartsFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "The number of message parts an SMS text is sent and billed as",
		MarkdownDescription: "Counts the parts the gateway splits `text` into, each billed as one message. " +
			"A text only in the GSM 03.38 alphabet is sent as GSM-7: up to 160 characters in one message, 153 per part beyond " +
			"(`^{}\\[~]|€` count two). Any other character, such as one Cyrillic letter, makes the whole text UCS-2: up to 70 " +
			"in one message, 67 per part beyond (an emoji counts two). An empty text is one message. " +
			"Needs Terraform 1.8 or later, or OpenTofu 1.7 or later. OpenTofu 1.10 and earlier configure the provider to call " +
			"it, so its key and endpoint must be set there even where nothing else reads the gateway.",
		Parameters: []function.Parameter{
			function.StringParameter{Name: "text", MarkdownDescription: "The message text, exactly as it will be sent."},
		},
		Return: function.Int64Return{},
	}
}

func (smsPartsFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var text string
	resp.Error = function.ConcatFuncErrors(resp.Error, req.Arguments.Get(ctx, &text))
	if resp.Error != nil {
		return
	}
	resp.Error = function.ConcatFuncErrors(resp.Error, resp.Result.Set(ctx, int64(gateway.Segment(text).Parts)))
}
