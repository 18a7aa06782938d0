// Package e2e holds the product-level tests: the bundled site built
// through pipeline.Run, then read as files, loaded in Debian's chromium
// (privacy, JavaScript off, quick exit, language switch, accessibility,
// first paint, decision tree, letters, offline copies, print pages,
// screens, search), scored by Lighthouse, and its content checked. They
// are slow, so `go test -short` skips the package; `make test` runs it.
package e2e
