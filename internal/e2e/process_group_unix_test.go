//go:build unix

package e2e

import (
	"os/exec"
	"syscall"
	"time"
)

// ownGroup starts cmd in a process group of its own, and makes its cancellation kill the whole
// group: a guide's script starts a fake gateway in the background, which must go with it.
func ownGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return killGroup(cmd) }
}

// killGroup kills cmd's process group, whatever is left of it.
func killGroup(cmd *exec.Cmd) error {
	if cmd.Process == nil {
		return nil
	}
	return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
}

// groupLeft reports whether a process of cmd's group still runs 10 s after cmd itself ended:
// what a script started and did not stop. (A process killed as the script ends, or a CLI's
// provider process, may take a moment to be gone.)
func groupLeft(cmd *exec.Cmd) bool {
	if cmd.Process == nil {
		return false
	}
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if syscall.Kill(-cmd.Process.Pid, 0) != nil {
			return false
		}
	}
	return true
}
