package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/numbervalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// The gateway_balance data source and ephemeral resource have one schema, written out in each
// (their schema packages differ) from what follows.

const (
	balanceDescription      = "The balance, exactly as the gateway sent it (`31.168300000000002`); negative on a post-paid account in debt."
	minimumDescription      = "The least balance the work needs: below it, the read fails, naming both figures. May be negative (a credit limit)."
	warnBelowDescription    = "Below this balance a warning shows, `low` is true, and the run goes on."
	messagePriceDescription = "What one message costs, usually a `gateway_sms_price`'s `message_price`; above zero. The levels " +
		"in messages count at it."
	minimumMessagesDescription    = "The least number of messages at `message_price` the balance must pay for, as `minimum` in money."
	warnBelowMessagesDescription  = "As `warn_below`, in messages at `message_price`."
	affordableMessagesDescription = "Whole messages at `message_price` the balance pays for, counted exactly; null without `message_price`."
	currencyDescription           = "The account's currency (`UAH`); null where the gateway does not name it. Set it to the currency " +
		"the levels are in, such as a `gateway_sms_price`'s `currency`: a balance in another fails the read."
	lowDescription = "Whether a warning level was crossed: what a scheduled job reads."
)

// Validators of the levels, the same in both forms.
var (
	minimumValidators           = []validator.Number{minimumRule}
	warnBelowValidators         = []validator.Number{warnBelowRule}
	messagePriceValidators      = []validator.Number{messagePriceRule}
	minimumMessagesValidators   = []validator.Number{minimumMessagesRule, numbervalidator.AlsoRequires(path.MatchRoot("message_price"))}
	warnBelowMessagesValidators = []validator.Number{warnBelowMessagesRule, numbervalidator.AlsoRequires(path.MatchRoot("message_price"))}
)
