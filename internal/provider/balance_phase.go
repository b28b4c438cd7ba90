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
// a client of its own. Terraform's test command does not when the test file declares the
// provider: it configures it once and keeps it for the validate, plan and apply walks of every
// run. So a phase also ends:
//
//   - at the start of each run: Terraform validates every block of the configuration first, in
//     a walk of its own. It validates a configuration holding unknown values only there (a plan
//     or an apply validates a block just before reading it, once its values are known), and a
//     block already read in this phase again only there, its earlier validation never followed
//     by a read;
//   - between a run's plan and its apply, once every ephemeral instance opened in the plan has
//     been closed: the next one begins when an ephemeral gateway_balance is validated or
//     opened again. A data source read after the last close still belongs to the phase:
//     Terraform closes an ephemeral resource as soon as its readers are done, and reads on.
//
// What no call tells apart is an apply from the rest of its plan when that plan opened no
// ephemeral instance: then the apply's gate shares the plan's figure. And data sources of one
// run with the same, known arguments (for_each instances that do not use each), read one after
// the other, look like the next run: a later one asks again. Both only in terraform test with
// the provider declared in the test file (DESIGN.md, limits).
type balancePhase struct {
	client *gateway.Client

	mu      sync.Mutex
	open    int             // ephemeral instances open now
	opened  bool            // an ephemeral instance was opened in this phase
	read    map[string]bool // configurations read or opened in this phase
	pending map[string]int  // validations of a configuration not yet followed by its read or open
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
	case p.open == 0 && (!config.IsFullyKnown() || p.read[key] && p.pending[key] > 0): // a run's validate walk
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
	p.beginIfEnded()
	p.done(configKey(config, true))
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
// all; the lock is held.
func (p *balancePhase) beginIfEnded() {
	if p.opened && p.open == 0 {
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
