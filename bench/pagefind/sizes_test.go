//go:build pagefind

package pagefind

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/andybalholm/brotli"
)

// ---------------------------------------------------------------------------
// Sizes on disk

func fileSize(p string) int64 {
	fi, err := os.Stat(p)
	if err != nil {
		return -1
	}
	return fi.Size()
}

func measureSizes(t *testing.T, site string) map[string]any {
	t.Helper()
	one := func(pattern string) string {
		m, _ := filepath.Glob(filepath.Join(site, pattern))
		if len(m) != 1 {
			t.Fatalf("%s: %d files", pattern, len(m))
		}
		return m[0]
	}
	triple := func(p string) map[string]any {
		return map[string]any{"raw": fileSize(p), "gzip": fileSize(p + ".gz"), "brotli": fileSize(p + ".br")}
	}
	mz := map[string]any{}
	for _, lang := range langs {
		p := one("search/index-" + lang + ".*.idx")
		m := triple(p)
		ix := decodeIndex(t, site, lang)
		secs := 0
		for _, d := range ix.Docs {
			secs += len(d.Sections)
		}
		m["pages"], m["sections"], m["terms"] = len(ix.Docs), secs, len(ix.Terms)
		mz["index_"+lang] = m
	}
	mz["module"] = triple(one("search/search.*.wasm"))
	mz["wasm_exec"] = triple(one("search/wasm_exec.*.js"))
	mz["search_js"] = triple(one("js/search.*.js"))
	sizes := map[string]any{"mehfooz": mz}
	for _, e := range engines[1:] {
		sizes[e.name] = measurePagefind(t, filepath.Join(site, filepath.FromSlash(e.bundle)))
	}
	return sizes
}

// measurePagefind sizes one Pagefind bundle. Pagefind keeps its index and
// wasm gzipped on disk and inflates them in the browser; its JavaScript is
// plain (a host compresses it on the fly, as the bench server does).
func measurePagefind(t *testing.T, dir string) map[string]any {
	t.Helper()
	var entry struct {
		Languages map[string]struct {
			Hash      string
			Wasm      *string
			PageCount int `json:"page_count"`
		}
	}
	eb, err := os.ReadFile(filepath.Join(dir, "pagefind-entry.json"))
	if err != nil {
		t.Fatal(err)
	}
	json.Unmarshal(eb, &entry)
	out := map[string]any{}
	for lang, e := range entry.Languages {
		files := []string{filepath.Join(dir, "pagefind."+e.Hash+".pf_meta")}
		for _, sub := range []string{"index", "fragment", "filter"} {
			m, _ := filepath.Glob(filepath.Join(dir, sub, lang+"_*"))
			files = append(files, m...)
		}
		var disk, inflated, br int64
		counts := map[string]int{}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				continue
			}
			counts[filepath.Base(filepath.Dir(f))]++
			disk += int64(len(b))
			raw := gunzip(b)
			inflated += int64(len(raw))
			br += int64(len(brotliBytes(raw)))
		}
		wasm := "unknown"
		if e.Wasm != nil {
			wasm = *e.Wasm
		}
		wb, _ := os.ReadFile(filepath.Join(dir, "wasm."+wasm+".pagefind"))
		out["index_"+lang] = map[string]any{
			"pages": e.PageCount, "files": len(files), "chunks": counts["index"], "fragments": counts["fragment"],
			"gzip": disk, "raw": inflated, "brotli_each_file": br,
			"wasm": "wasm." + wasm + ".pagefind", "wasm_gzip": len(wb), "wasm_raw": len(gunzip(wb)),
		}
	}
	for _, js := range []string{"pagefind.js", "pagefind-worker.js"} {
		b, _ := os.ReadFile(filepath.Join(dir, js))
		out[js] = map[string]any{"raw": len(b), "brotli": len(brotliBytes(b))}
	}
	return out
}

func gunzip(b []byte) []byte {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return b
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		return b
	}
	return out
}

func brotliBytes(b []byte) []byte {
	var buf bytes.Buffer
	w := brotli.NewWriterLevel(&buf, brotli.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}
