package provider

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"maps"
	"math/big"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/numbervalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway"
)

var _ resource.ResourceWithValidateConfig = (*budgetResource)(nil)

// budgetResource is gateway_budget: the work an account pays for. The check depends on nothing
// but the plan's own prior state and configuration, however Terraform walks.
type budgetResource struct {
	data *providerData
}

func newBudgetResource() resource.Resource { return &budgetResource{} }

func (r *budgetResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_budget"
}

// sibling is the path of another attribute of the same piece of work.
func sibling(name string) path.Expression { return path.MatchRelative().AtParent().AtName(name) }

func (r *budgetResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The work an account pays for, such as its SMS campaigns, each piece with its cost. The pieces " +
			"a plan adds or changes are checked together against the account's funds: at plan, and again at apply (a " +
			"saved plan applied days later included), from a fresh read each time. When the balance does not cover " +
			"their sum, the budget fails and nothing that `depends_on` it is created. Work already in the state is " +
			"done: a plan that adds nothing asks nothing, and cannot fail on it.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "A random identifier of this budget.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"work": schema.MapNestedAttribute{Required: true,
				MarkdownDescription: "The pieces of work, by a name of your choice, such as a campaign's. A piece whose name " +
					"is new, or whose `cost` or `messages` changed, is new work, checked at its whole cost; a new `message_price` " +
					"alone is not. To run a piece again, give it a new name.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"cost": schema.NumberAttribute{Optional: true,
						MarkdownDescription: "What the piece costs, in the account's currency: zero or more. Set this, or `messages` and `message_price`.",
						Validators:          []validator.Number{numbervalidator.ExactlyOneOf(sibling("messages"))}},
					"messages": schema.NumberAttribute{Optional: true,
						MarkdownDescription: "How many messages the piece sends, each at `message_price`: a whole number, zero or more.",
						Validators:          []validator.Number{numbervalidator.AlsoRequires(sibling("message_price"))}},
					"message_price": schema.NumberAttribute{Optional: true,
						MarkdownDescription: "What one message costs, in the account's currency: usually a `gateway_sms_price`'s " +
							"`message_price`, which counts every part of the text. Above zero.",
						Validators: []validator.Number{numbervalidator.AlsoRequires(sibling("messages"))}},
				}},
			},
			"currency": schema.StringAttribute{Optional: true,
				MarkdownDescription: "The currency the costs are in, such as a `gateway_sms_price`'s `currency`. Set, a balance " +
					"in another currency, or one whose currency the gateway does not name, fails the check, naming both."},
			"total": schema.NumberAttribute{Computed: true,
				MarkdownDescription: "What all the work costs in the account's currency: the sum of each piece's `cost`, or " +
					"`messages` × `message_price`, computed exactly in decimal."},
		},
	}
}

// ValidateConfig checks the costs and the currency known at validate time, as the plan does again.
func (r *budgetResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	workCosts(ctx, req.Config, &resp.Diagnostics)
	currencyArgument(ctx, req.Config, &resp.Diagnostics)
}

func (r *budgetResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan checks the work the plan adds or changes.
func (r *budgetResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	defer recovered(ctx, &resp.Diagnostics)
	if req.Plan.Raw.IsNull() { // destroyed: its work is done or abandoned
		return
	}
	planned, known := workCosts(ctx, req.Plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	total := types.NumberUnknown()
	if known {
		total = types.NumberValue(sum(planned).Float())
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("total"), total)...)
	var currency types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("currency"), &currency)...)
	if !known || currency.IsUnknown() { // a cost or currency known only at apply is checked then
		return
	}
	r.check(ctx, req.Plan, newWork(ctx, req.State, req.Plan, planned), &resp.Diagnostics)
}

// Create checks the work again, from a fresh read, before anything that depends on it is created.
func (r *budgetResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer recovered(ctx, &resp.Diagnostics)
	r.apply(ctx, tfsdk.State{}, req.Plan, &resp.State, &resp.Diagnostics)
}

// Update checks the work the apply adds or changes, from a fresh read.
func (r *budgetResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer recovered(ctx, &resp.Diagnostics)
	r.apply(ctx, req.State, req.Plan, &resp.State, &resp.Diagnostics)
}

// apply checks the work plan adds to prior (none: a create) and, when the funds cover it, makes
// plan the state. On failure the state stays as it was: the new work is not recorded.
func (r *budgetResource) apply(ctx context.Context, prior tfsdk.State, plan tfsdk.Plan, state *tfsdk.State, diags *diag.Diagnostics) {
	planned, _ := workCosts(ctx, plan, diags)
	if diags.HasError() || !r.check(ctx, plan, newWork(ctx, prior, plan, planned), diags) {
		return
	}
	state.Raw = plan.Raw.Copy()
	if prior.Raw.IsNull() {
		id := make([]byte, 8)
		_, _ = rand.Read(id)
		diags.Append(state.SetAttribute(ctx, path.Root("id"), types.StringValue(hex.EncodeToString(id)))...)
	}
	diags.Append(state.SetAttribute(ctx, path.Root("total"), types.NumberValue(sum(planned).Float()))...)
}

// Read keeps the state as it is: a budget records work that was checked, not funds.
func (r *budgetResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

// Delete forgets the budget: its work is done, or abandoned.
func (r *budgetResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// check reads the balance afresh and checks the new work's sum against it. It reports whether
// the funds cover it; no new work, or new work that costs nothing, asks nothing.
func (r *budgetResource) check(ctx context.Context, plan attributeGetter, work map[string]gateway.Amount, diags *diag.Diagnostics) bool {
	needed := sum(work)
	if needed.Sign() == 0 {
		return true
	}
	funds, ok := readFunds(ctx, r.data, true, currencyArgument(ctx, plan, diags), diags)
	if !ok || needed.Cmp(funds.Amount) <= 0 {
		return ok
	}
	var lines []string
	for _, name := range slices.Sorted(maps.Keys(work)) {
		lines = append(lines, fmt.Sprintf("  - %s: %s", gateway.Quote(name), work[name]))
	}
	diags.AddAttributeError(path.Root("work"), "Funds do not cover the work",
		fmt.Sprintf("The gateway reports a balance of %s for the account whose key is read from %s, and the new work "+
			"needs %s:\n%s\n\nNothing that depends on this budget is created. Top up the account and run again, or "+
			"make the work smaller.", funds, r.data.keySource, needed, strings.Join(lines, "\n")))
	return false
}

// workCosts is what each piece of work in a plan costs, and whether every cost is known yet.
func workCosts(ctx context.Context, plan attributeGetter, diags *diag.Diagnostics) (map[string]gateway.Amount, bool) {
	var work types.Map
	diags.Append(plan.GetAttribute(ctx, path.Root("work"), &work)...)
	if diags.HasError() || work.IsUnknown() {
		return nil, false
	}
	costs, known := map[string]gateway.Amount{}, true
	for name, v := range work.Elements() {
		piece, _ := v.(types.Object) // an unknown one has no attributes: its cost is not known
		cost, ok := pieceCost(path.Root("work").AtMapKey(name), piece.Attributes(), diags)
		if ok {
			costs[name] = cost
		}
		known = known && ok
	}
	// Terraform 1.5 reads a total as a float64.
	if total := sum(costs); total.Float().Cmp(big.NewFloat(1e300)) >= 0 {
		diags.AddAttributeError(path.Root("work"), "Invalid cost", fmt.Sprintf("The work costs %s in all, beyond the "+
			"1e300 a budget may hold (Terraform 1.5 cannot show more): write amounts in the account's currency.", formatAmount(total.Float())))
	}
	return costs, known && !diags.HasError()
}

// pieceCost is one piece's cost: cost, or messages × message_price, each checked by its rule.
func pieceCost(at path.Path, attrs map[string]attr.Value, diags *diag.Diagnostics) (gateway.Amount, bool) {
	values, known := map[string]*big.Float{}, true
	for _, a := range []struct {
		name, summary string
		rule          func(*big.Float) error
	}{
		{name: "cost", summary: "Invalid cost", rule: costRule},
		{name: "messages", summary: "Invalid messages", rule: countRule("messages")},
		{name: "message_price", summary: "Invalid message_price", rule: messagePriceRule},
	} {
		n, _ := attrs[a.name].(types.Number)
		known = known && !n.IsUnknown()
		if values[a.name] = n.ValueBigFloat(); values[a.name] != nil {
			if err := a.rule(values[a.name]); err != nil {
				diags.AddAttributeError(at.AtName(a.name), a.summary, sentence(err.Error()))
			}
		}
	}
	switch {
	case diags.HasError() || !known:
		return gateway.Amount{}, false
	case values["cost"] != nil:
		cost, _ := gateway.AmountOf(values["cost"]) // each checked above
		return cost, true
	case values["messages"] == nil || values["message_price"] == nil: // the validators said which is missing
		return gateway.Amount{}, false
	}
	count, _ := values["messages"].Int(nil)
	each, _ := gateway.AmountOf(values["message_price"])
	return each.Times(count), true
}

// newWork is the work of planned that prior does not hold: a piece whose name is new, or whose
// cost or count of messages changed, at its whole cost (work run again). A new message_price
// alone is not new work: prices move, and the work that ran stays run.
func newWork(ctx context.Context, prior tfsdk.State, plan attributeGetter, planned map[string]gateway.Amount) map[string]gateway.Amount {
	if prior.Raw.IsNull() {
		return planned
	}
	var done, now types.Map
	_ = prior.GetAttribute(ctx, path.Root("work"), &done) // the state, read without error
	_ = plan.GetAttribute(ctx, path.Root("work"), &now)   // read already, without error
	added := map[string]gateway.Amount{}
	for name, cost := range planned {
		was, ok := done.Elements()[name].(types.Object)
		is, _ := now.Elements()[name].(types.Object)
		if !ok || !was.Attributes()["cost"].Equal(is.Attributes()["cost"]) ||
			!was.Attributes()["messages"].Equal(is.Attributes()["messages"]) {
			added[name] = cost
		}
	}
	return added
}

// sum adds the costs of some work, exactly.
func sum(work map[string]gateway.Amount) gateway.Amount {
	var total gateway.Amount
	for _, cost := range work {
		total = total.Plus(cost)
	}
	return total
}
