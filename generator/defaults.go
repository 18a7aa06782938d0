package main

import (
	"io/fs"
	"os"

	embedded "mehfooz"
	"mehfooz/generator/internal/overlay"
	"mehfooz/generator/internal/safefs"
)

// layoutsFS is the site's layouts folder laid over the layouts built into
// the binary: a site needs only the files it changes, or none at all.
func (f *siteFlags) layoutsFS() fs.FS {
	return overlay.New(safefs.New(f.layouts), embedded.Layouts())
}

// staticFS is the site's static folder over the built-in static files,
// which include the compiled search module.
func (f *siteFlags) staticFS() fs.FS {
	return overlay.New(safefs.New(f.static), embedded.Static())
}

// existingDirs keeps the folders that exist, for the watcher: a site that
// uses the built-in layouts has no layouts/ to watch.
func existingDirs(dirs ...string) []string {
	var out []string
	for _, d := range dirs {
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			out = append(out, d)
		}
	}
	return out
}
