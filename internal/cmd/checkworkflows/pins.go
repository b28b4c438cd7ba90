package main

import (
	"fmt"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

var (
	// A commit SHA names one tree for good; a tag or branch names whatever its owner says.
	commitPin = regexp.MustCompile(`^[^@\s]+@[0-9a-f]{40}$`)
	digestPin = regexp.MustCompile(`^docker://[^@\s]+@sha256:[0-9a-f]{64}$`)
	// The release the commit is, as Dependabot writes and updates it: `# v4.2.2`.
	versionComment = regexp.MustCompile(`^#\s*v?[0-9]+(\.[0-9]+)*\S*$`)
)

// checkPins checks every `uses:` of a document, at any depth, and returns how many are pinned.
func checkPins(d document) (int, []finding) {
	pinned := 0
	var findings []finding
	eachUses(d.top, func(uses *yaml.Node) {
		if problem := pinProblem(uses); problem != "" {
			findings = append(findings, finding{d.path, uses.Line, problem})
		} else {
			pinned++
		}
	})
	return pinned, findings
}

// eachUses calls f with the value of every `uses` key under node.
func eachUses(node *yaml.Node, f func(*yaml.Node)) {
	if node.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(node.Content); i += 2 {
			if node.Content[i].Value == "uses" && node.Content[i+1].Kind == yaml.ScalarNode {
				f(node.Content[i+1])
			}
		}
	}
	for _, child := range node.Content {
		eachUses(child, f)
	}
}

// pinProblem says what is wrong with one `uses:` value and how to fix it, or returns "".
func pinProblem(uses *yaml.Node) string {
	ref := uses.Value
	switch {
	case strings.HasPrefix(ref, "./"):
		return "" // an action of this repository, at this commit
	case strings.HasPrefix(ref, "docker://"):
		if digestPin.MatchString(ref) {
			return ""
		}
		return fmt.Sprintf("uses: %s names an image by a tag, which can be moved; pin its digest: docker://IMAGE@sha256:<64-hex digest>", ref)
	case !commitPin.MatchString(ref):
		action, _, _ := strings.Cut(ref, "@")
		return fmt.Sprintf("uses: %s is not pinned: whoever controls the action can move a tag or branch to other code; "+
			"pin the release's full 40-hex commit SHA, the release in a comment: %s@<commit SHA> # vX.Y.Z", ref, action)
	case !versionComment.MatchString(strings.TrimSpace(uses.LineComment)):
		return fmt.Sprintf("uses: %s has no version comment; add the release that commit is, as `# vX.Y.Z`, so that readers and Dependabot know it", ref)
	}
	return ""
}
