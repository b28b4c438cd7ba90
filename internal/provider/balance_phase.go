package provider

import (
	"sync"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway"
)

// balancePhase says when the balance of one provider configuration is asked again.
//
// A phase is one graph walk: a plan, or an apply. Within it every reader of the account (data
// sources and ephemeral instances) gets one figure from one request, whatever their order.
// Terraform and OpenTofu configure a provider at the start of each walk, which gives each walk
// a client of its own, and nothing more is needed. Terraform's test command does not when the
// test file declares the provider: it configures it once and keeps it for the validate, plan
// and apply walks of every run. What the calls show of that:
//
//   - each run begins with a validate walk of every block, and only there does Terraform
//     validate arguments holding unknown values (a plan or an apply validates a block just
//     before it reads it, once its values are known): levels from variables. That begins a
//     phase, and shows that this client serves several walks;
//   - a literal block's validation there is answered by no read or open: the plan's own
//     validation just before it opens finds one still waiting, which shows the same;
//   - once it is shown, a phase ends when every ephemeral instance opened in it has been closed,
//     and the next begins when an ephemeral gateway_balance is validated or opened again (a
//     run's apply, or the next run). A data source read after the last close still belongs to
//     the phase: Terraform closes an ephemeral resource as soon as its readers are done, and
//     reads on. And a block read before is validated again only by the next run's validate walk.
//
// A plain walk shows neither, and keeps one figure throughout (a second ephemeral block opened
// after the first was closed included), unless instances of one block with the same arguments,
// validated together before they open, look like a validate walk's leftovers. What no call
// tells apart is listed in DESIGN.md's limits: runs whose blocks are all literal share a figure,
// and so does an apply with its plan when the plan opened no ephemeral instance.
type balancePhase struct {
	client *gateway.Client

	mu      sync.Mutex
	open    int             // ephemeral instances open now
	opened  bool            // an ephemeral instance was opened in this phase
	read    map[string]bool // configurations read or opened in this phase
	pending map[string]int  // validations of a configuration not yet followed by its read or open

	// What the calls have shown of the walks this client serves, for as long as it lives.
	validateWalks bool // a validation of unknown values: terraform test's validate walks
	reopens       bool // ephemeral instances are opened again in later walks
}

func newBalancePhase(client *gateway.Client) *balancePhase {
	return &balancePhase{client: client, read: map[string]bool{}, pending: map[string]int{}}
}

// validating is called when Terraform validates a gateway_balance block, before the provider
// reads it and at the start of a test run.
func (p *balancePhase) validating(config tftypes.Value, ephemeral bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	key := configKey(config, ephemeral)
	switch {
	case p.open == 0 && !config.IsFullyKnown(): // a run's validate walk
		p.validateWalks, p.reopens = true, true
		p.begin()
	case p.open == 0 && p.validateWalks && p.read[key] && p.pending[key] > 0: // the next run's validate walk
		p.begin()
	case ephemeral:
		p.beginIfEnded()
	}
	p.pending[key]++
}

// reading is called when a data source is read, before it asks.
func (p *balancePhase) reading(config tftypes.Value) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done(configKey(config, false))
}

// opening is called when an ephemeral instance is opened, before it asks.
func (p *balancePhase) opening(config tftypes.Value) {
	p.mu.Lock()
	defer p.mu.Unlock()
	key := configKey(config, true)
	if p.pending[key] > 1 { // a validation no open answered: a validate walk's, before this plan
		p.reopens = true
	}
	p.beginIfEnded()
	p.done(key)
	p.open++
	p.opened = true
}

// closed is called when an ephemeral instance is closed, or when its opening failed: Terraform
// closes only what opened.
func (p *balancePhase) closed() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.open > 0 {
		p.open--
	}
}

// configKey tells one block's configuration from another's: a data source's from an
// ephemeral resource's of the same arguments too.
func configKey(config tftypes.Value, ephemeral bool) string {
	if ephemeral {
		return "ephemeral " + config.String()
	}
	return "data " + config.String()
}

// done records the read or open of a configuration, which answers its validation; the lock is
// held.
func (p *balancePhase) done(key string) {
	if p.pending[key] > 0 {
		p.pending[key]--
	}
	p.read[key] = true
}

// beginIfEnded starts a new phase when the last one opened ephemeral instances and closed them
// all, and this client serves later walks; the lock is held.
func (p *balancePhase) beginIfEnded() {
	if p.reopens && p.opened && p.open == 0 {
		p.begin()
	}
}

// begin starts a new phase; the lock is held. Instances still open keep what they read.
func (p *balancePhase) begin() {
	p.client.ForgetBalance()
	p.opened = false
	clear(p.read)
	clear(p.pending)
}
