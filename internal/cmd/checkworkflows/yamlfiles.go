package main

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// generated holds directories of build output and installed tools: nothing in them is the
// repository's own.
var generated = []string{".git", ".tools", ".terraform", "bin", "dist", "node_modules"}

// document is one YAML document of a file, its top node a mapping when it is a workflow.
type document struct {
	path string // relative to the repository, slash-separated
	top  *yaml.Node
}

// readYAML parses every .yml and .yaml file under root. A file that does not parse is a finding: a check that cannot read a workflow
// cannot vouch for it.
func readYAML(root string) ([]document, []finding, error) {
	var docs []document
	var findings []finding
	err := filepath.WalkDir(root, func(file string, entry fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, file)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if entry.IsDir() {
			if slices.Contains(generated, entry.Name()) {
				return filepath.SkipDir
			}
			return nil
		}
		if ext := path.Ext(rel); ext != ".yml" && ext != ".yaml" {
			return nil
		}
		source, err := os.ReadFile(file) // #nosec G304 -- a file of the repository being checked
		if err != nil {
			return err
		}
		decoder := yaml.NewDecoder(bytes.NewReader(source))
		for {
			var node yaml.Node
			err := decoder.Decode(&node)
			if errors.Is(err, io.EOF) {
				return nil
			}
			if err != nil {
				findings = append(findings, finding{rel, 1, "does not parse as YAML, so it cannot be checked: " + strings.TrimPrefix(err.Error(), "yaml: ")})
				return nil
			}
			if len(node.Content) == 1 {
				docs = append(docs, document{rel, node.Content[0]})
			}
		}
	})
	return docs, findings, err
}

// value returns the value of key in a mapping node, or nil.
func value(mapping *yaml.Node, key string) *yaml.Node {
	if mapping == nil || mapping.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(mapping.Content); i += 2 {
		if mapping.Content[i].Value == key {
			return mapping.Content[i+1]
		}
	}
	return nil
}

// scalar returns a scalar node's text, or "".
func scalar(node *yaml.Node) string {
	if node == nil || node.Kind != yaml.ScalarNode {
		return ""
	}
	return node.Value
}

// isWorkflow tells a GitHub Actions workflow: a mapping with `on` and `jobs`.
func isWorkflow(top *yaml.Node) bool {
	return value(top, "on") != nil && value(top, "jobs") != nil
}

// jobs returns a workflow's jobs as name and node, in file order.
func jobs(top *yaml.Node) [][2]*yaml.Node {
	all := value(top, "jobs")
	if all == nil || all.Kind != yaml.MappingNode {
		return nil
	}
	var out [][2]*yaml.Node
	for i := 0; i+1 < len(all.Content); i += 2 {
		out = append(out, [2]*yaml.Node{all.Content[i], all.Content[i+1]})
	}
	return out
}

// steps returns the steps of every job of a workflow, or of a composite action.
func steps(top *yaml.Node) []*yaml.Node {
	var lists []*yaml.Node
	if isWorkflow(top) {
		for _, job := range jobs(top) {
			lists = append(lists, value(job[1], "steps"))
		}
	} else {
		lists = append(lists, value(value(top, "runs"), "steps"))
	}
	var out []*yaml.Node
	for _, list := range lists {
		if list != nil && list.Kind == yaml.SequenceNode {
			out = append(out, list.Content...)
		}
	}
	return out
}
