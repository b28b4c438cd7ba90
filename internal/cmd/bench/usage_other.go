//go:build !unix

package main

import (
	"os"
	"time"
)

// resourceUsage: Windows reports no rusage for an exited process, so the benchmark's CPU and
// memory columns are measured on Unix only (scripts/bench.sh runs on Linux).
func resourceUsage(*os.ProcessState) (cpu time.Duration, rssKiB int64, ok bool) { return 0, 0, false }

// stop ends the provider: Windows has no SIGINT to send another process.
func stop(p *os.Process) error { return p.Kill() }
