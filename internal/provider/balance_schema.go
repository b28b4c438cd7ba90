package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/numbervalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// The gateway_balance data source and ephemeral resource have one schema, written out in each
// (their schema packages differ) from what follows.

const (
	balanceDescription = "The balance in the account's currency, exactly as the gateway sent it (for example `31.168300000000002`, " +
		"never rounded). Negative on a post-paid account that owes money."
	minimumDescription = "The least balance, in the account's currency, that this configuration needs. When the balance is " +
		"below it (a balance equal to it passes), reading fails with an error showing both figures, so the run stops " +
		"before anything is applied. May be negative, for a post-paid credit limit."
	warnBelowDescription = "A balance, in the account's currency, below which a warning shows and the run goes on, and `low` " +
		"is true. Usually set above `minimum`, as an early notice to top up."
	messagePriceDescription = "What one message costs, in the account's currency: usually a `gateway_sms_price`'s " +
		"`message_price`, which counts every part of the text. Above zero. With it, `affordable_messages` counts the " +
		"messages the balance pays for, and `minimum_messages` and `warn_below_messages` gate on them."
	minimumMessagesDescription = "The least number of messages at `message_price` that the balance must pay for. When it pays " +
		"for fewer, reading fails with an error showing both figures, as `minimum` does in money. A whole number."
	warnBelowMessagesDescription = "A number of messages at `message_price` below which a warning shows and the run goes on, " +
		"and `low` is true. A whole number; usually above `minimum_messages`."
	affordableMessagesDescription = "How many whole messages at `message_price` the balance pays for: balance ÷ " +
		"`message_price`, rounded down, computed exactly in decimal; 0 when the balance is zero or less. Null without `message_price`."
	currencyDescription = "The account's currency, as the gateway names it, such as `UAH`; null when the gateway does " +
		"not say (an operator without the JSON API). Set it to the currency `minimum`, `warn_below` and `message_price` " +
		"are in, such as a `gateway_sms_price`'s `currency`: a balance in any other currency then fails the read, naming both."
	lowDescription = "Whether the balance is below `warn_below`, or pays for fewer messages than `warn_below_messages`: " +
		"the signal a scheduled job acts on without reading the warning's text. False when neither is set."
)

// Validators of the levels, the same in both forms.
var (
	minimumValidators           = []validator.Number{minimumRule}
	warnBelowValidators         = []validator.Number{warnBelowRule}
	messagePriceValidators      = []validator.Number{messagePriceRule}
	minimumMessagesValidators   = []validator.Number{minimumMessagesRule, numbervalidator.AlsoRequires(path.MatchRoot("message_price"))}
	warnBelowMessagesValidators = []validator.Number{warnBelowMessagesRule, numbervalidator.AlsoRequires(path.MatchRoot("message_price"))}
)
