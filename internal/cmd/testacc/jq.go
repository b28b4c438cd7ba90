package main

import (
	"errors"
	"os"
	"os/exec"
	"runtime"
)

// needJQ makes sure jq is on PATH: the CI guide's morning alarm reads the plan with it, and the
// pipeline test runs the alarm as the guide writes it. On a Debian machine run as root (the CI
// machines here) it is installed when missing; anywhere else the error says what to install.
func needJQ() error {
	if _, err := exec.LookPath("jq"); err == nil {
		return nil
	}
	if _, err := exec.LookPath("apt-get"); err == nil && runtime.GOOS == "linux" && os.Geteuid() == 0 {
		cmd := exec.Command("apt-get", "install", "-y", "-q", "jq")
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err == nil {
			return nil
		}
	}
	return errors.New("the e2e tests need jq, which the CI guide's alarm uses: install it (apt-get install jq, brew install jq, winget install jqlang.jq)")
}
