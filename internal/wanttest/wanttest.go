// Package wanttest runs folders of hostile-input cases for tests: each
// testdata/invalid/<case>/ holds its inputs and want.txt, the exact
// diagnostics (or errors) expected, one per line. The package that owns a
// rule keeps its cases beside it; this is only the runner they share.
package wanttest

import (
	"os"
	"path/filepath"
	"testing"
)

// Cases runs check for every folder matching glob (testdata/invalid/*)
// as a subtest named after it, and compares what check returns with the
// folder's want.txt; update rewrites want.txt instead. A case that expects
// nothing is a mistake: every case is there to be refused.
func Cases(t *testing.T, glob string, update bool, check func(t *testing.T, dir string) string) {
	t.Helper()
	dirs, _ := filepath.Glob(glob)
	if len(dirs) == 0 {
		t.Fatalf("no cases in %s", glob)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			got := check(t, dir)
			wantFile := filepath.Join(dir, "want.txt")
			if update {
				if err := os.WriteFile(wantFile, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if got != string(want) || got == "" {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}
