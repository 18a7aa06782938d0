package main

import (
	"os"
	"path/filepath"

	"mehfooz/generator/internal/build"
	"mehfooz/generator/internal/searchindex"
)

// indexers returns the stages that run after every page is rendered: the
// search index, which reads content/search/synonyms.yaml and, for the
// offline copy of the browser module, static/search/search.wasm (which make
// wasm builds).
func indexers(f *siteFlags) []build.Indexer {
	return []build.Indexer{searchindex.New(
		os.DirFS(f.content), filepath.ToSlash(filepath.Clean(f.content)),
		f.staticFS(), filepath.ToSlash(filepath.Clean(f.static)),
	)}
}
