package offline_test

import (
	"strings"
	"testing"
)

// The pocket rules come from site.yaml: a budget set there is used, and a
// pocket over it is reported on that line, with a hint that names the
// settings (never Go code).
func TestPocketSettingsFromSiteYAML(t *testing.T) {
	files := siteFiles("")
	files["site.yaml"] += "pocket:\n  budget_kb: 1\n  required: [\"start/*\", \"guides/*\"]\n"
	_, diags := run(t, testInput(t, files))
	n := 0
	for _, d := range diags {
		if d.Rule != "pocket-size" {
			continue
		}
		n++
		if d.Pos.File != "content/site.yaml" || d.Pos.Line != 8 {
			t.Errorf("pocket-size error at %v, want content/site.yaml:8", d.Pos)
		}
		if !strings.Contains(d.Hint, "pocket.budget_kb") || strings.Contains(d.Hint, "Default") {
			t.Errorf("hint %q does not name the setting", d.Hint)
		}
	}
	if n != 2 {
		t.Errorf("pocket-size errors = %d, want one per language: %v", n, diags)
	}
}
