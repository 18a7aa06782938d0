package main

import (
	"path/filepath"

	"mehfooz/generator/internal/build"
	"mehfooz/generator/internal/offline"
)

// finishers are the build's last stages, which work on the built site as
// files: the offline copies (offline/mehfooz-<lang>.zip and
// offline/mehfooz-<lang>-pocket.html). Their words come from the layouts'
// interface strings.
func finishers(f *siteFlags) []build.Finisher {
	return []build.Finisher{offline.New(f.layoutsFS(), filepath.ToSlash(filepath.Clean(f.layouts)))}
}
