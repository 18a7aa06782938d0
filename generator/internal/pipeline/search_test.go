package pipeline

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"mehfooz/generator/internal/output"
	"mehfooz/generator/internal/searchindex"
)

// TestBuildGivesTheSearchFormEveryAsset runs the whole build on a small
// site with the project's layouts and checks the search form's data
// attributes, which static/js/search.js reads.
func TestBuildGivesTheSearchFormEveryAsset(t *testing.T) {
	page := func(title, body string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: \"" + title + "\"\ndescription: \"About " + title + ".\"\nreviewed: 2026-11-01\n---\n" + body)}
	}
	contentFS := fstest.MapFS{
		"site.yaml": {Data: []byte("title: {en: \"Mehfooz\", ur: \"محفوظ\"}\nbase_url: \"\"\nlanguages:\n" +
			"  - {code: en, name: English, direction: ltr}\n  - {code: ur, name: اردو, direction: rtl}\n" +
			"quick_exit: \"https://www.google.com/search?q=weather\"\n")},
		"facts.yaml":           {Data: []byte("{}\n")},
		"search/synonyms.yaml": {Data: []byte("dhamki: [threat]\n")},
		"en/_index.md":         page("Home", "Get help.\n"),
		"ur/_index.md":         page("سرورق", "مدد لیں۔\n"),
		"en/guides/_index.md":  page("Guides", "All guides.\n"),
		"ur/guides/_index.md":  page("رہنما", "سب رہنما۔\n"),
		"en/guides/threats.md": page("Threats", "Intro.\n\n## What to do\n\nKeep evidence.\n"),
		"ur/guides/threats.md": page("دھمکیاں", "تعارف۔\n\n## کیا کریں\n\nثبوت رکھیں۔\n"),
	}
	staticFS := fstest.MapFS{
		"css/site.css":           {Data: []byte("body{margin:0}")},
		"js/site.js":             {Data: []byte("'use strict';")},
		"favicon.ico":            {Data: []byte("ico")},
		"js/search.js":           {Data: []byte("'use strict';")},
		searchindex.ModulePath:   {Data: []byte("\x00asm\x01\x00\x00\x00")},
		searchindex.WasmExecPath: {Data: []byte("/* go */")},
	}
	in := Input{
		Content: contentFS, ContentPrefix: "content",
		Layouts: os.DirFS("../../../layouts"), LayoutsPrefix: "layouts",
		Static: staticFS, StaticPrefix: "static",
		Search: true,
	}
	out := output.NewMemory(nil)
	_, diags := Run(in, out)
	if diags.Err() != nil {
		t.Fatal(diags)
	}
	attrs := []string{"data-search-lang=", "data-search-other=", "data-root=", "data-index-en-idx=", "data-index-en-js=",
		"data-index-ur-idx=", "data-index-ur-js=", "data-search-wasm=", "data-search-wasm-js=", "data-wasm-exec-js="}
	for _, page := range []string{"en/search/index.html", "ur/search/index.html", "en/index.html", "ur/index.html"} {
		html := string(out.Files()[page])
		if html == "" {
			t.Errorf("%s was not written", page)
			continue
		}
		for _, a := range attrs {
			if !strings.Contains(html, a) {
				t.Errorf("%s: the search form has no %s attribute", page, strings.TrimSuffix(a, "="))
			}
		}
	}
}
