package e2e

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/gzip"
)

// TestGzipFastOutweighsBrotliOnEveryPage backs the page-weight check's
// shortcut: it skips brotli for a page that fits the budget at gzip's
// fastest level, which holds only if that gzip is never the smaller of
// the two. Every page of the bundled site is weighed both ways.
func TestGzipFastOutweighsBrotliOnEveryPage(t *testing.T) {
	out := bundledSite(t)
	pages := 0
	err := filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var gz, br bytes.Buffer
		gw, _ := gzip.NewWriterLevel(&gz, gzip.BestSpeed)
		gw.Write(data)
		gw.Close()
		bw := brotli.NewWriterLevel(&br, 6)
		bw.Write(data)
		bw.Close()
		if gz.Len() < br.Len() {
			t.Errorf("%s: gzip -1 %d bytes, brotli 6 %d", path, gz.Len(), br.Len())
		}
		pages++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 100 {
		t.Fatalf("weighed %d pages; the bundled site has more", pages)
	}
}
