// Package mehfooz holds the default layouts and static files that the
// mehfooz binary carries inside it, so the binary alone is the whole tool: a
// site's own layouts/ and static/ folders override these file by file (see
// generator/internal/overlay).
//
// static/search/ (the compiled search module and wasm_exec.js) is a build
// product of `make wasm`, which every Makefile target that builds the binary
// runs first, so a binary from `make` (or `make dist`) carries a working
// search. A bare `go build ./generator` embeds whatever static/search holds
// at that moment; without it, the built site's search box says search is
// unavailable and the build warns.
package mehfooz

import (
	"embed"
	"io/fs"
)

//go:embed layouts static
var defaults embed.FS

// Layouts is the default layouts folder.
func Layouts() fs.FS { return sub("layouts") }

// Static is the default static files folder.
func Static() fs.FS { return sub("static") }

func sub(dir string) fs.FS {
	f, err := fs.Sub(defaults, dir)
	if err != nil {
		panic(err) // dir is a constant embedded above
	}
	return f
}
