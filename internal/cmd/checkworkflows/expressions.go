package main

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// checkRunExpressions fails a `run:` script that holds a `${{ … }}` expression. Actions pastes
// the expression's value into the script before the shell reads it, so a value that someone
// else controls (a branch name, a title, an input) becomes code; in `env:` it stays data.
func checkRunExpressions(d document) []finding {
	var findings []finding
	for _, step := range steps(d.top) {
		script := value(step, "run")
		if script == nil || script.Kind != yaml.ScalarNode {
			continue
		}
		text := script.Value
		for offset := 0; ; {
			start := strings.Index(text[offset:], "${{")
			if start < 0 {
				break
			}
			start += offset
			end := strings.Index(text[start:], "}}")
			if end < 0 {
				end = len(text) - start - 2
			}
			expression := text[start : start+end+2]
			findings = append(findings, finding{d.path, lineOf(script, start), fmt.Sprintf(
				"run: holds %s, which Actions pastes into the script before the shell reads it (script injection); "+
					"set it in the step's env: (NAME: %s) and write \"$NAME\" in the script", expression, expression)})
			offset = start + end + 2
		}
	}
	return findings
}

// lineOf returns the file line of a byte offset into a scalar's text: block scalars (`|`, `>`)
// start on the line after their indicator.
func lineOf(node *yaml.Node, offset int) int {
	if node.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return node.Line + 1 + strings.Count(node.Value[:offset], "\n")
	}
	return node.Line
}
