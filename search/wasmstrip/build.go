package wasmstrip

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// Module is the search module's package.
const Module = "mehfooz/search/wasm"

// Build builds pkg for js/wasm as the site ships it (trimmed paths, no
// symbol table or DWARF, then Strip) and writes it to out, replacing out
// only when everything worked. dir is where go runs ("" for the current
// folder).
func Build(dir, pkg, out string) (Stats, error) {
	tmp, err := os.CreateTemp(filepath.Dir(out), ".search-*.wasm")
	if err != nil {
		return Stats{}, err
	}
	tmp.Close()
	defer os.Remove(tmp.Name())
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", tmp.Name(), pkg)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if b, err := cmd.CombinedOutput(); err != nil {
		return Stats{}, fmt.Errorf("go build %s: %v\n%s", pkg, err, b)
	}
	raw, err := os.ReadFile(tmp.Name())
	if err != nil {
		return Stats{}, err
	}
	stripped, st, err := Strip(raw)
	if err != nil {
		return st, fmt.Errorf("strip %s: %w", pkg, err)
	}
	if err := os.WriteFile(tmp.Name(), stripped, 0o644); err != nil {
		return st, err
	}
	return st, os.Rename(tmp.Name(), out)
}
