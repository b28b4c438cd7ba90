//go:build unix

package main

import (
	"os"
	"runtime"
	"syscall"
	"time"
)

// resourceUsage is what the kernel counted of an exited process: its CPU time and peak
// resident memory in KiB (Linux counts it so; macOS counts bytes).
func resourceUsage(state *os.ProcessState) (cpu time.Duration, rssKiB int64, ok bool) {
	usage, ok := state.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0, 0, false
	}
	rss := int64(usage.Maxrss) //nolint:unconvert // int32 on 32-bit systems
	if runtime.GOOS == "darwin" {
		rss /= 1024
	}
	return time.Duration(usage.Utime.Nano() + usage.Stime.Nano()), rss, true
}

// stop asks the provider to exit as Ctrl-C would: it then flushes and reports its usage.
func stop(p *os.Process) error { return p.Signal(syscall.SIGINT) }
