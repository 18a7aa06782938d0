package site

import (
	"slices"
	"testing"
)

// The names a stage writes and the names another reads back come from
// here, so each encoder is tested with its decoder.
func TestSearchNamesRoundTrip(t *testing.T) {
	for _, lang := range []string{"en", "ur", "pt-br"} {
		idx := SearchIndexName(lang)
		if got, ok := SearchIndexLang(idx[len(SearchDir):]); !ok || got != lang {
			t.Errorf("SearchIndexLang(%q) = %q, %v", idx, got, ok)
		}
		printed := "index-" + lang + ".1a2b3c4d5e.idx" // as fingerprinted
		if got, ok := SearchIndexLang(printed); !ok || got != lang {
			t.Errorf("SearchIndexLang(%q) = %q, %v", printed, got, ok)
		}
		texts := SearchTextsName(lang)
		if got, ok := SearchTextsLang(texts[len(SearchDir):]); !ok || got != lang {
			t.Errorf("SearchTextsLang(%q) = %q, %v", texts, got, ok)
		}
		if _, ok := SearchIndexLang(texts[len(SearchDir):]); ok {
			t.Errorf("SearchIndexLang takes the texts file %q for an index", texts)
		}
		attrs := SearchIndexAttrs(lang)
		if !slices.Contains(attrs, SearchAttr(texts)) {
			t.Errorf("SearchIndexAttrs(%q) = %v lacks the texts' attribute", lang, attrs)
		}
		if !slices.Contains(attrs, SearchAttr(SearchIndexScript(lang))) {
			t.Errorf("SearchIndexAttrs(%q) = %v lacks the script's attribute", lang, attrs)
		}
	}
	for _, bad := range []string{"index-en.1a2b3c4d5e.js", "index-.idx", "search-wasm.1a.js", "other-en.idx"} {
		if l, ok := SearchIndexLang(bad); ok {
			t.Errorf("SearchIndexLang(%q) = %q, want no index", bad, l)
		}
	}
	// static/js/search.js reads these exact names.
	for name, want := range map[string]string{
		SearchIndexName("en"):   "data-index-en-idx",
		SearchTextsName("en"):   "data-texts-en-idx",
		SearchIndexScript("ur"): "data-index-ur-js",
		SearchModuleScript:      "data-search-wasm-js",
		"search/wasm_exec.js":   "data-wasm-exec-js",
	} {
		if got := SearchAttr(name); got != want {
			t.Errorf("SearchAttr(%q) = %q, want %q", name, got, want)
		}
	}
	if PrintName("en/guides/x/") != "en/guides/x/print.html" || GoName("1234") != "go/1234/index.html" {
		t.Error("print or short-code page names moved")
	}
}
