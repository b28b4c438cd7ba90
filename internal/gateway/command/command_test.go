package command

import "testing"

// The fake gateway dispatches on Named: each command of the table is found by its own name,
// and a name the table does not hold is not a command.
func TestNamedFindsEachCommandByItsName(t *testing.T) {
	t.Parallel()
	for _, c := range All {
		if got, ok := Named(c.Name); !ok || got.Name != c.Name {
			t.Errorf("Named(%q) = %q, %v", c.Name, got.Name, ok)
		}
	}
	if got, ok := Named("send"); ok {
		t.Errorf("Named(%q) = %q, true: the table has no such command", "send", got.Name)
	}
}
