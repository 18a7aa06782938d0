//go:build !js

package main

import (
	"bytes"
	"compress/gzip"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"

	"mehfooz/search/wasmstrip"
)

// budgetBrotli is the most the module may weigh, brotli-compressed: the Go
// runtime alone is about 440 KB (DESIGN.md, Search), 355 KB once wasmstrip
// has taken out what only tracebacks read; the module is about 410 KB.
const budgetBrotli = 430 * 1024

// buildModule builds pkg for js/wasm as the site ships it (stripped) and
// returns its path.
func buildModule(t testing.TB, pkg string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the WebAssembly module")
	}
	out := filepath.Join(t.TempDir(), "search.wasm")
	if _, err := wasmstrip.Build("", pkg, out); err != nil {
		t.Fatal(err)
	}
	return out
}

// sizes returns the raw, gzip -9 and brotli -11 sizes of data.
func sizes(t testing.TB, data []byte) (raw, gz, br int) {
	var g, b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&g, gzip.BestCompression)
	zw.Write(data)
	zw.Close()
	bw := brotli.NewWriterLevel(&b, brotli.BestCompression)
	bw.Write(data)
	bw.Close()
	return len(data), g.Len(), b.Len()
}

// TestModuleSize builds the module and fails if it is over the budget.
// Run with -v to see the sizes.
func TestModuleSize(t *testing.T) {
	data, err := os.ReadFile(buildModule(t, "mehfooz/search/wasm"))
	if err != nil {
		t.Fatal(err)
	}
	raw, gz, br := sizes(t, data)
	t.Logf("search.wasm: raw %d KB, gzip %d KB, brotli %d KB (budget %d KB)", raw/1024, gz/1024, br/1024, budgetBrotli/1024)
	if br > budgetBrotli {
		t.Errorf("brotli size %d KB is over the %d KB budget; see TestModuleDeps for what is linked", br/1024, budgetBrotli/1024)
	}
}

// allowedDeps are the only packages the module may link. A new one must
// earn its bytes: check TestModuleSize, then add it here. Three that look
// harmless are left out on purpose: fmt (with log, os, reflect and time it
// cost 70 KB brotli, and snowballstem's copy in search/analysis/internal
// exists to avoid it), strings (its import alone links the Unicode tables'
// initialisation, 4 KB) and sort.
var allowedDeps = []string{
	// search
	"mehfooz/search/analysis", "mehfooz/search/index", "mehfooz/search/query", "mehfooz/search/wasm",
	"mehfooz/search/analysis/internal/snowball", "mehfooz/search/analysis/internal/snowball/english",
	"mehfooz/search/internal/heapsort",
	// standard library
	"cmp", "errors", "iter", "math", "math/bits", "slices", "strconv", "sync", "sync/atomic",
	"syscall/js", "unicode/utf8", "unsafe",
	// the runtime
	"runtime", "internal/*",
}

// TestModuleDeps checks `go list -deps` for js/wasm against allowedDeps,
// to guard the module's size budget.
func TestModuleDeps(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", "mehfooz/search/wasm")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		ok := slices.ContainsFunc(allowedDeps, func(a string) bool {
			if prefix, wild := strings.CutSuffix(a, "*"); wild {
				return strings.HasPrefix(pkg, prefix)
			}
			return a == pkg
		})
		if !ok {
			t.Errorf("the module links %s, which is not in allowedDeps", pkg)
		}
	}
}

// wasmExec returns the path of Go's wasm_exec.js.
func wasmExec(t testing.TB) string {
	p := filepath.Join(runtime.GOROOT(), "lib", "wasm", "wasm_exec.js")
	if _, err := os.Stat(p); err != nil {
		t.Skipf("no %s: %v", p, err)
	}
	return p
}
