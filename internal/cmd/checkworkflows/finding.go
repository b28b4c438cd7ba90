package main

import (
	"fmt"
	"sort"
)

// finding is one problem: where it is and what to do about it.
type finding struct {
	path    string // relative to the repository, slash-separated
	line    int
	message string
}

func (f finding) String() string {
	return fmt.Sprintf("%s:%d: %s", f.path, f.line, f.message)
}

func sortFindings(findings []finding) {
	sort.SliceStable(findings, func(i, j int) bool {
		if findings[i].path != findings[j].path {
			return findings[i].path < findings[j].path
		}
		return findings[i].line < findings[j].line
	})
}
