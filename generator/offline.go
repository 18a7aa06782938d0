package main

import (
	"os"
	"path/filepath"

	"mehfooz/generator/internal/offline"
	"mehfooz/generator/internal/pipeline"
)

// finishers are the build's last stages, which work on the built site as
// files: the offline copies (offline/mehfooz-<lang>.zip and
// offline/mehfooz-<lang>-pocket.html). Their words come from the layouts'
// interface strings.
func finishers(f *siteFlags) []pipeline.Finisher {
	return []pipeline.Finisher{offline.New(os.DirFS(f.layouts), filepath.ToSlash(filepath.Clean(f.layouts)))}
}
