package pipeline

import (
	"errors"
	"iter"
	"os/exec"
	"strings"
	"testing"
)

// layers ranks the generator's packages: a package may import only
// packages of a lower layer, so every arrow points down the pipeline
// (main → pipeline → {searchindex, offline} → {render, markdown, output,
// site} → {config, content} → diag) and no two packages of one layer know
// each other: the model (site) does not import the writer (output). A new
// package must be given its place here.
var layers = map[string]int{
	"mehfooz/generator/e2e":                  7,
	"mehfooz/generator":                      6,
	"mehfooz/generator/internal/pipeline":    5,
	"mehfooz/generator/internal/searchindex": 4,
	"mehfooz/generator/internal/offline":     4,
	"mehfooz/generator/internal/preview":     4,
	"mehfooz/generator/internal/site":        3,
	"mehfooz/generator/internal/markdown":    3,
	"mehfooz/generator/internal/render":      3,
	"mehfooz/generator/internal/output":      3,
	"mehfooz/generator/internal/config":      2,
	"mehfooz/generator/internal/content":     2,
	"mehfooz/generator/internal/letter":      2,
	"mehfooz/generator/internal/strictyaml":  1,
	"mehfooz/generator/internal/staticfiles": 1,
	"mehfooz/generator/internal/translation": 2,
	"mehfooz/generator/internal/po":          1,
	"mehfooz/generator/internal/safefs":      0,
	"mehfooz/generator/internal/overlay":     0,
	"mehfooz/generator/internal/spoof":       0,
	"mehfooz/generator/internal/bidi":        0,
	"mehfooz/generator/internal/htmledit":    0,
	"mehfooz/generator/internal/imagemeta":   0,
	"mehfooz/generator/internal/qr":          0,
	"mehfooz/generator/internal/diag":        0,
}

// TestImportGraph checks `go list` against layers: the pipeline is
// imported by the command alone, and no stage imports its driver.
func TestImportGraph(t *testing.T) {
	for pkg, imports := range importsOf(t, "mehfooz/generator/...") {
		from, ok := layers[pkg]
		if !ok {
			t.Errorf("%s has no layer: give it one in layers", pkg)
			continue
		}
		for _, imp := range imports {
			if !strings.HasPrefix(imp, "mehfooz/") {
				continue
			}
			if imp == "mehfooz/generator/internal/pipeline" && pkg != "mehfooz/generator" {
				t.Errorf("%s imports the pipeline; only the command may", pkg)
				continue
			}
			if !strings.HasPrefix(imp, "mehfooz/generator") {
				continue // the search module and shared helpers sit below the generator
			}
			to, ok := layers[imp]
			if ok && to >= from {
				t.Errorf("%s (layer %d) imports %s (layer %d): arrows must point down", pkg, from, imp, to)
			}
		}
	}
}

// The search module must not know the generator.
func TestSearchModuleStandsAlone(t *testing.T) {
	for pkg, imports := range importsOf(t, "mehfooz/search/...") {
		for _, imp := range imports {
			if strings.HasPrefix(imp, "mehfooz/generator") {
				t.Errorf("%s imports %s", pkg, imp)
			}
		}
	}
}

// importsOf returns, for each package pattern matches, what it imports
// (`go list`), in the order go list gives them.
func importsOf(t *testing.T, pattern string) iter.Seq2[string, []string] {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, pattern).Output()
	if errors.Is(err, exec.ErrNotFound) {
		t.Skip("no go command")
	} else if err != nil {
		t.Fatalf("go list: %v", err)
	}
	return func(yield func(string, []string) bool) {
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			f := strings.Fields(line)
			if !yield(f[0], f[1:]) {
				return
			}
		}
	}
}
