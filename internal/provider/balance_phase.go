package provider

import (
	"sync"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway"
)

// balancePhase says when the balance of one provider configuration is asked again.
//
// A phase is one graph walk: a plan, or an apply. Within it every reader of the account (data
// sources, ephemeral instances, and through them a price's budget) gets one figure from one
// request, whatever their order. Terraform and OpenTofu configure a provider at the start of each
// walk, which gives each walk a client of its own. Terraform's test command does not: it
// configures a test file's providers once and keeps them for the plan and the apply of every run.
// So a phase also ends once every ephemeral instance opened in it has been closed, and the next
// one begins when an ephemeral gateway_balance is validated or opened again: Terraform validates
// each before it opens it, and every block at the start of each test run. A data source read
// after the last close still belongs to the phase: Terraform closes an ephemeral resource as soon
// as its readers are done, and reads on.
type balancePhase struct {
	client *gateway.Client

	mu     sync.Mutex
	open   int  // ephemeral instances open now
	opened bool // an ephemeral instance was opened in this phase
}

// ephemeralAhead is called when Terraform validates an ephemeral gateway_balance: after a phase
// whose instances were all closed, it begins the next one.
func (p *balancePhase) ephemeralAhead() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.beginIfEnded()
}

// opening is called when an ephemeral instance is opened, before it reads.
func (p *balancePhase) opening() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.beginIfEnded()
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

// beginIfEnded starts a new phase when the last one opened ephemeral instances and closed them
// all; the lock is held.
func (p *balancePhase) beginIfEnded() {
	if p.opened && p.open == 0 {
		p.client.ForgetBalance()
		p.opened = false
	}
}
