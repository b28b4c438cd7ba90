package main

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// checkReleaseCaches fails a release job that restores a cache. Any run on the default branch
// can write a cache entry that a tag's run then reads, and Go trusts its build cache (`go mod
// verify` does not look at it), so a poisoned entry would be built into a signed release.
//
// A release job is a job of a workflow that runs on a tag push or on a `release` event, or a
// job that runs in an environment whose name says release.
func checkReleaseCaches(d document) []finding {
	if !isWorkflow(d.top) {
		return nil
	}
	onTags := runsOnTagOrRelease(value(d.top, "on"))
	var findings []finding
	for _, job := range jobs(d.top) {
		if !onTags && !releaseEnvironment(job[1]) {
			continue
		}
		list := value(job[1], "steps")
		if list == nil {
			continue
		}
		for _, step := range list.Content {
			if how := restoresCache(step); how != "" {
				findings = append(findings, finding{d.path, step.Line, fmt.Sprintf(
					"release job %q %s; a release builds from the tag alone, since a cache can be written by any run and Go trusts its build cache",
					job[0].Value, how)})
			}
		}
	}
	return findings
}

// runsOnTagOrRelease tells whether a workflow's `on:` includes tag pushes or releases.
func runsOnTagOrRelease(on *yaml.Node) bool {
	if on == nil {
		return false
	}
	switch on.Kind {
	case yaml.ScalarNode:
		return on.Value == "release"
	case yaml.SequenceNode:
		for _, event := range on.Content {
			if event.Value == "release" {
				return true
			}
		}
	case yaml.MappingNode:
		push := value(on, "push")
		return value(on, "release") != nil || value(push, "tags") != nil
	}
	return false
}

// releaseEnvironment tells whether a job runs in a release environment (`environment: release`
// or `environment: {name: release}`).
func releaseEnvironment(job *yaml.Node) bool {
	env := value(job, "environment")
	name := scalar(env)
	if env != nil && env.Kind == yaml.MappingNode {
		name = scalar(value(env, "name"))
	}
	return strings.Contains(strings.ToLower(name), "release")
}

// restoresCache says how a step restores a cache, with the fix, or returns "".
func restoresCache(step *yaml.Node) string {
	action, _, _ := strings.Cut(scalar(value(step, "uses")), "@")
	cache := value(value(step, "with"), "cache")
	switch {
	case action == "actions/cache" || action == "actions/cache/restore":
		return "restores a cache with " + action + "; remove the step"
	case action == "actions/setup-go" && scalar(cache) != "false":
		return "restores the Go module and build cache: actions/setup-go caches unless told not to; set `cache: false`"
	case cache != nil && scalar(cache) != "false" && scalar(cache) != "":
		return fmt.Sprintf("restores a cache (%s with `cache: %s`); set `cache: false`", action, scalar(cache))
	}
	return ""
}
