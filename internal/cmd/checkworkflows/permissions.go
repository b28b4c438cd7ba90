package main

// checkPermissions requires a top-level `permissions` in every workflow: without it, every job's
// token has the repository's default permissions, which can be read and write on everything.
func checkPermissions(d document) []finding {
	if !isWorkflow(d.top) || value(d.top, "permissions") != nil {
		return nil
	}
	return []finding{{d.path, d.top.Line, "the workflow has no top-level `permissions:`, so its token gets the repository's default " +
		"(possibly write-all); add `permissions: {}` (or `contents: read`) at the top and grant each job only what it needs"}}
}
