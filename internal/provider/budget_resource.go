package provider

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"math/big"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework-validators/numbervalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway"
)

var (
	_ resource.ResourceWithConfigure        = (*budgetResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*budgetResource)(nil)
	_ resource.ResourceWithConfigValidators = (*budgetResource)(nil)
)

// budgetResource is gateway_budget: the cost of a piece of work, checked against the account's
// funds when the work is new. Its plan (a create, or a replacement) asks the gateway and fails
// when the balance does not cover it; so does its create at apply, a saved plan's included, so
// that nothing that depends on it is created. Once created it asks nothing: a later plan that
// leaves it as it is makes no check and cannot fail on it.
type budgetResource struct {
	data *providerData
}

func newBudgetResource() resource.Resource { return &budgetResource{} }

// budgetArguments are the arguments whose change is new work: the budget is replaced, and
// checked again.
var budgetArguments = []string{"cost", "messages", "message_price", "triggers"}

func (r *budgetResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_budget"
}

func (r *budgetResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "What a piece of work will spend, checked against the account's funds when the work is new: " +
			"at plan, and again at apply (a saved plan applied days later included), from a fresh read each time. " +
			"Make the work `depends_on` it: when the funds do not cover the budgets of one account created in the same " +
			"plan or apply, taken together, the budget fails and nothing that depends on it is created. " +
			"Once created it is not checked again, so later plans go on whatever the account has spent since. " +
			"Changing any argument replaces it, which checks again.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "A random identifier of this budget.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"cost": schema.NumberAttribute{
				Optional:            true,
				MarkdownDescription: "What the work costs, in the account's currency: zero or more. Set this, or `messages` and `message_price`.",
				Validators:          []validator.Number{costRule},
			},
			"messages": schema.NumberAttribute{
				Optional:            true,
				MarkdownDescription: "How many messages the work sends, each at `message_price`: a whole number, zero or more.",
				Validators: []validator.Number{messagesRule,
					numbervalidator.AlsoRequires(path.MatchRoot("message_price"))},
			},
			"message_price": schema.NumberAttribute{
				Optional: true,
				MarkdownDescription: "What one message costs, in the account's currency: usually a `gateway_sms_price`'s " +
					"`message_price`, which counts every part of the text. Above zero.",
				Validators: []validator.Number{messagePriceRule, numbervalidator.AlsoRequires(path.MatchRoot("messages"))},
			},
			"triggers": schema.MapAttribute{
				ElementType: types.StringType,
				Optional:    true,
				MarkdownDescription: "Values that identify the work, such as a campaign's name and text: a change to any of " +
					"them is new work, and replaces the budget, which checks the funds again.",
			},
			"total": schema.NumberAttribute{
				Computed: true,
				MarkdownDescription: "What the work costs in the account's currency: `cost`, or `messages` × `message_price`, " +
					"computed exactly in decimal.",
			},
		},
	}
}

func (r *budgetResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{resourcevalidator.ExactlyOneOf(path.MatchRoot("cost"), path.MatchRoot("messages"))}
}

func (r *budgetResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan checks a budget that is to be created: Terraform plans a replacement as a create
// too, once it knows the budget is replaced.
func (r *budgetResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	defer recovered(ctx, &resp.Diagnostics)
	if req.Plan.Raw.IsNull() { // destroyed: its work is done or abandoned
		return
	}
	if !req.State.Raw.IsNull() { // created already: replaced when an argument changed, else left alone
		var planned, prior map[string]tftypes.Value
		if req.Plan.Raw.As(&planned) != nil || req.State.Raw.As(&prior) != nil {
			resp.Diagnostics.AddError("Unexpected gateway_budget plan", "The plan or the state of a gateway_budget is not an object. This is a bug in the provider; please report it.")
			return
		}
		for _, name := range budgetArguments {
			if !planned[name].Equal(prior[name]) {
				resp.RequiresReplace = append(resp.RequiresReplace, path.Root(name))
			}
		}
		return
	}
	total, known := budgetTotal(ctx, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if !known { // a cost known only at apply is checked then
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("total"), types.NumberUnknown())...)
		return
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("total"), types.NumberValue(total.Float()))...)
	r.check(ctx, &r.data.budgets.planned, req.Config, total, &resp.Diagnostics)
}

// Create checks the budget again, from a fresh read, before anything that depends on it is
// created.
func (r *budgetResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer recovered(ctx, &resp.Diagnostics)
	total, _ := budgetTotal(ctx, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() || !r.check(ctx, &r.data.budgets.created, req.Config, total, &resp.Diagnostics) {
		return
	}
	id := make([]byte, 8)
	_, _ = rand.Read(id)
	resp.State.Raw = req.Plan.Raw.Copy()
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), types.StringValue(hex.EncodeToString(id)))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("total"), types.NumberValue(total.Float()))...)
}

// Read keeps the state as it is: a budget records work that was checked, not funds.
func (r *budgetResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

// Update is never called: every argument replaces the budget.
func (r *budgetResource) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State.Raw = req.Plan.Raw.Copy()
}

// Delete forgets the budget: its work is done, or abandoned.
func (r *budgetResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// check reads the balance afresh and checks this budget together with those already checked in
// ledger: the budgets of this account in this plan, or in this apply. It reports whether the
// funds cover them all.
func (r *budgetResource) check(ctx context.Context, ledger *budgetLedger, config tfsdk.Config, total gateway.Amount, diags *diag.Diagnostics) bool {
	if !canRead(r.data, diags) {
		return false
	}
	ctx = r.data.maskLogs(ctx)
	balance, err := r.data.client.FreshBalance(ctx)
	if err != nil {
		diags.Append(clientErrorDiagnostic("read the balance", path.Empty(), r.data.keySource, err))
		return false
	}
	this := budgetEntry{total: total, label: budgetLabel(ctx, config)}
	others, sum, covered := ledger.add(this, balance)
	if covered {
		return true
	}
	detail := fmt.Sprintf("The gateway reports a balance of %s for the account whose key is read from %s, and this budget "+
		"needs %s", balance, r.data.keySource, total)
	if len(others) > 0 {
		lines := make([]string, 0, len(others))
		for _, o := range others {
			lines = append(lines, "  - "+o.total.String()+o.label)
		}
		detail += fmt.Sprintf("; with the other budgets of this account checked in this plan or apply, %s in all:\n%s\n\n",
			sum, strings.Join(lines, "\n"))
	} else {
		detail += ". "
	}
	detail += "Nothing that depends on this budget is created. Top up the account and run again, or make the work smaller."
	diags.AddError("Funds do not cover the work", detail)
	return false
}

// budgetTotal is what the work costs, and whether it is known yet.
func budgetTotal(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) (gateway.Amount, bool) {
	var cost, messages, price types.Number
	diags.Append(config.GetAttribute(ctx, path.Root("cost"), &cost)...)
	diags.Append(config.GetAttribute(ctx, path.Root("messages"), &messages)...)
	diags.Append(config.GetAttribute(ctx, path.Root("message_price"), &price)...)
	costRule.check(path.Root("cost"), cost, diags)
	messagesRule.check(path.Root("messages"), messages, diags)
	messagePriceRule.check(path.Root("message_price"), price, diags)
	if diags.HasError() || cost.IsUnknown() || messages.IsUnknown() || price.IsUnknown() {
		return gateway.Amount{}, false
	}
	if !cost.IsNull() {
		total, _ := costValue(cost.ValueBigFloat()) // checked above
		return total, true
	}
	count, _ := messageCountValue("messages", messages.ValueBigFloat())
	each, _ := messagePriceValue(price.ValueBigFloat())
	return each.Times(count), true
}

// budgetLabel names a budget in a failure that lists several: by its triggers, since a
// provider is not told a resource's address.
func budgetLabel(ctx context.Context, config tfsdk.Config) string {
	var triggers map[string]string
	if diags := config.GetAttribute(ctx, path.Root("triggers"), &triggers); diags.HasError() || len(triggers) == 0 {
		return " (no triggers)"
	}
	keys := make([]string, 0, len(triggers))
	for k := range triggers {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, bounded(k)+" = "+bounded(triggers[k]))
	}
	return " (triggers " + strings.Join(parts, ", ") + ")"
}

// budgetLedgers are the budgets checked by one configured provider: Terraform configures one
// for each plan and each apply, so these are the budgets of one account in one plan, and in
// one apply.
type budgetLedgers struct {
	planned, created budgetLedger
}

// budgetLedger sums the budgets that the funds were found to cover.
type budgetLedger struct {
	mu      sync.Mutex
	entries []budgetEntry
}

type budgetEntry struct {
	total gateway.Amount
	label string
}

// add checks e together with the budgets already in the ledger against balance, and keeps it
// when the balance covers them all. It returns the others and the sum.
func (l *budgetLedger) add(e budgetEntry, balance gateway.Amount) (others []budgetEntry, sum gateway.Amount, covered bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	sum = e.total
	for _, o := range l.entries {
		sum = sum.Plus(o.total)
	}
	if sum.Cmp(balance) > 0 {
		return slices.Clone(l.entries), sum, false
	}
	l.entries = append(l.entries, e)
	return nil, sum, true
}

// The rules of a budget's cost.
var (
	costRule = numberRule{description: "an amount in the account's currency, zero or more", summary: "Invalid cost",
		rule: func(f *big.Float) error { _, err := costValue(f); return err }}
	messagesRule = numberRule{description: countRuleText, summary: "Invalid messages", rule: countCheck("messages")}
)

// costValue is a budget's cost: a finite amount, zero or more.
func costValue(f *big.Float) (gateway.Amount, error) {
	a, err := gateway.AmountOf(f)
	switch {
	case err != nil:
		return a, fmt.Errorf("the cost is not usable: %w; write an amount in the account's currency, such as 500", err)
	case a.Sign() < 0:
		return a, fmt.Errorf("the cost is %s: a cost below zero would let other work through the gate; write zero or more", formatAmount(f))
	}
	return a, nil
}
