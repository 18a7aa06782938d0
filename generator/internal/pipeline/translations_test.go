package pipeline

import (
	"reflect"
	"strings"
	"testing"

	"mehfooz/generator/internal/output"
)

// Translations reports what a full run reports, without rendering: a
// stamped, an outdated, an unstamped and a missing translation.
func TestTranslationsMatchRun(t *testing.T) {
	in, _ := testSite(t, map[string]string{
		"en/about.md": page("About", "Who we are.\n"),
		"en/more.md":  page("More", "More.\n"),
		"ur/more.md":  strings.Replace(page("مزید", "مزید۔\n"), "---\n", "---\ntranslated_from: \"intro:0000000000\"\n", 1),
	})
	in.Search, in.Offline = false, false
	want, _ := Run(in, output.Discard{})
	got, diags := Translations(in)
	if got == nil {
		t.Fatalf("no report: %v", diags)
	}
	if !reflect.DeepEqual(got.Translations, want.Translations) {
		t.Errorf("translations\n got %+v\nwant %+v", got.Translations, want.Translations)
	}
	if !reflect.DeepEqual(got.Stamps, want.Stamps) {
		t.Errorf("stamps\n got %v\nwant %v", got.Stamps, want.Stamps)
	}
}
