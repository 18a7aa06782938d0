package config

import (
	"os"
	"reflect"
	"testing"
	"testing/fstest"
)

func mustRead(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestLoadI18n(t *testing.T) {
	fsys := fstest.MapFS{
		"i18n/en.yaml": file("# UI strings\nsearch: Search\nquick_exit: \"Leave this site quickly\"\n"),
		"i18n/ur.yaml": file("search: تلاش\nquick_exit: \"یہ سائٹ جلدی سے چھوڑیں\"\n"),
		"i18n/fr.yaml": file("search: Chercher\n"),
	}
	strs, diags := LoadI18n(fsys, "i18n", "layouts", []string{"en", "ur"})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	want := map[string]map[string]string{
		"en": {"search": "Search", "quick_exit": "Leave this site quickly"},
		"ur": {"search": "تلاش", "quick_exit": "یہ سائٹ جلدی سے چھوڑیں"},
	}
	if !reflect.DeepEqual(strs, want) {
		t.Errorf("got %v\nwant %v", strs, want)
	}
}

func TestI18nErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		fsys fstest.MapFS
		want string
	}{
		{"key missing in the source language, and in a translation", fstest.MapFS{
			"i18n/en.yaml": file("search: Search\nnav_guides: Guides\nnav_start: Start\n"),
			"i18n/ur.yaml": file("search: تلاش\nnav_helplines: ہیلپ لائنز\n"),
		}, `layouts/i18n/en.yaml: missing key "nav_helplines", which layouts/i18n/ur.yaml has | hint: add nav_helplines: "…" in this language` + "\n" +
			`layouts/i18n/ur.yaml: warning: 2 interface strings are not translated into ur yet and show the en text: nav_guides, nav_start | hint: copy those keys from layouts/i18n/en.yaml into layouts/i18n/ur.yaml and translate them`},
		{"missing file of a translation", fstest.MapFS{
			"i18n/en.yaml": file("search: Search\n"),
		}, `layouts/i18n/ur.yaml: warning: no interface strings for ur yet: its pages show the en interface | hint: copy layouts/i18n/en.yaml to layouts/i18n/ur.yaml and translate it`},
		{"missing file of the source language", fstest.MapFS{
			"i18n/ur.yaml": file("search: تلاش\n"),
		}, `layouts/i18n/en.yaml: no interface strings for language "en" | hint: create it: one line key: "text" for every string the layouts use`},
		{"nested value", fstest.MapFS{
			"i18n/en.yaml": file("search:\n  label: Search\n"),
			"i18n/ur.yaml": file("search: تلاش\n"),
		}, `layouts/i18n/en.yaml:2:3: search: want text, found a mapping`},
		{"malformed file is not compared", fstest.MapFS{
			"i18n/en.yaml": file("search: Search\nnav: Guides\n"),
			"i18n/ur.yaml": file("search: \"تلاش\n"),
		}, `layouts/i18n/ur.yaml:1:9: quoted text is never closed | hint: add the closing " (write \" for a quote mark inside the text)`},
		{"duplicate key", fstest.MapFS{
			"i18n/en.yaml": file("search: Search\nsearch: Find\n"),
			"i18n/ur.yaml": file("search: تلاش\n"),
		}, `layouts/i18n/en.yaml:2:1: duplicate key "search" | hint: it is already set on line 1; keep one of them`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := LoadI18n(tc.fsys, "i18n", "layouts", []string{"en", "ur"})
			diags.Sort()
			if got := messages(diags); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestTheProjectI18nLoads(t *testing.T) {
	fsys := fstest.MapFS{
		"i18n/en.yaml": file(mustRead(t, "../../../layouts/i18n/en.yaml")),
		"i18n/ur.yaml": file(mustRead(t, "../../../layouts/i18n/ur.yaml")),
	}
	strs, diags := LoadI18n(fsys, "i18n", "layouts", []string{"en", "ur"})
	if len(diags) > 0 || len(strs["en"]) == 0 {
		t.Errorf("%d strings, diags %v", len(strs["en"]), diags)
	}
}

func TestI18nFallsBackToTheSourceLanguage(t *testing.T) {
	fsys := fstest.MapFS{
		"i18n/en.yaml": file("search: Search\nnav_start: Start\n"),
		"i18n/ur.yaml": file("search: تلاش\n"),
	}
	strs, diags := LoadI18n(fsys, "i18n", "layouts", []string{"en", "ur", "sd"})
	if diags.Errors() > 0 || diags.Warnings() != 2 {
		t.Fatalf("%v", diags)
	}
	if strs["ur"]["nav_start"] != "Start" || strs["sd"]["search"] != "Search" || strs["ur"]["search"] != "تلاش" {
		t.Errorf("%v", strs)
	}
}
