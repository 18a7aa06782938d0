package render

import (
	"os"
	"slices"
	"testing"
)

func TestLayoutIDs(t *testing.T) {
	ids := LayoutIDs(os.DirFS("../../../layouts"))
	for _, want := range []string{"main", "quick-exit", "letter-out-h", "lk-", "downloads"} {
		if !slices.Contains(ids, want) {
			t.Errorf("LayoutIDs misses %q: %v", want, ids)
		}
	}
	if slices.Contains(ids, "") {
		t.Error("an empty id from id=\"{{.ID}}\"")
	}
}
