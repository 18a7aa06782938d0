package letter

import (
	"os"
	"slices"
	"strings"
	"testing"

	"mehfooz/generator/internal/content"
)

// The project's own letters load without a diagnostic, every language has
// the same three, and their facts are resolved in each language.
func TestBundledLetters(t *testing.T) {
	fsys := os.DirFS("../../../content")
	facts, diags := content.LoadFacts(fsys, "facts.yaml", "content", langs)
	if diags.Err() != nil {
		t.Fatalf("facts: %v", diags)
	}
	set, diags := Load(fsys, "content", langs, facts)
	if len(diags) > 0 {
		t.Fatalf("letters:\n%v", diags)
	}
	for _, lang := range langs {
		d := set.For(lang)
		if d == nil {
			t.Fatalf("no %s letters", lang)
		}
		var ids []string
		for _, tpl := range d.Templates {
			ids = append(ids, tpl.ID)
			text := tpl.Text(map[string]string{"name": "NAME", "cnic": "CNIC"})
			if strings.Contains(text, "{") || !strings.Contains(text, "NAME") || !strings.Contains(text, "CNIC") {
				t.Errorf("%s/%s:\n%s", lang, tpl.ID, text)
			}
			if testing.Verbose() {
				t.Logf("%s/%s: %s\n%s", lang, tpl.ID, tpl.Title, text)
			}
		}
		if want := []string{"nccia", "pta", "secp"}; !slices.Equal(ids, want) {
			t.Errorf("%s letters %v, want %v", lang, ids, want)
		}
		for _, f := range d.Fields {
			if f.Label == "" {
				t.Errorf("%s: field %s has no label", lang, f.ID)
			}
		}
	}
	name, _, _, _ := facts.Fact("nccia-name", "ur")
	if !strings.Contains(set.For("ur").Templates[0].Text(nil), name) {
		t.Errorf("the Urdu NCCIA letter does not name %q", name)
	}
}
