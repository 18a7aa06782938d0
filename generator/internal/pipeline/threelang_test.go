package pipeline

import (
	"os"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"mehfooz/generator/internal/output"
	"mehfooz/generator/internal/overlay"
	"mehfooz/generator/internal/site"
	"mehfooz/search/query"
)

// A site in three languages, two of them right to left, built with the
// default layouts: every language gets its pages, search index, zip and
// pocket file, the right direction, its own type, and a search that finds
// a Sindhi page from what an Urdu keyboard types. The pages are written
// here; the project ships no Sindhi content.
func TestThreeLanguageSite(t *testing.T) {
	if _, err := os.Stat("../../../static/search/search.wasm"); err != nil {
		t.Skip("no search module: run make wasm")
	}
	page := func(title, body string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: \"" + title + "\"\ndescription: \"" + title + "\"\nreviewed: 2026-11-01\n---\n" + body)}
	}
	pages := map[string][3]string{ // rel → en, ur, sd bodies (title first line)
		"_index.md":                   {"Help\nIt is not your fault. See [what to do](guides/evidence.md).", "مدد\nاس میں آپ کا کوئی قصور نہیں۔ [کیا کریں](guides/evidence.md) دیکھیں۔", "مدد\nان ۾ توهان جو ڪو ڏوهه ناهي. [ڇا ڪجي](guides/evidence.md) ڏسو."},
		"start/_index.md":             {"What is happening?\n- [Evidence](../guides/evidence.md)", "کیا ہو رہا ہے؟\n- [ثبوت](../guides/evidence.md)", "ڇا ٿي رهيو آهي؟\n- [ثبوت](../guides/evidence.md)"},
		"helplines/_index.md":         {"Helplines\nCall {{< fact \"helpline\" >}}.", "ہیلپ لائنز\n{{< fact \"helpline\" >}} پر فون کریں۔", "هيلپ لائينون\n{{< fact \"helpline\" >}} تي فون ڪريو."},
		"guides/_index.md":            {"Guides\nAll guides.", "گائیڈز\nسب گائیڈز۔", "رهنمائي\nسڀ رهنمائيون."},
		"guides/evidence.md":          {"Keep evidence\nTake screenshots and keep them safe.\n\n## What to do first\n\nSave every message.", "ثبوت رکھیں\nاسکرین شاٹ لیں اور سنبھال کر رکھیں۔\n\n## سب سے پہلے کیا کریں\n\nہر پیغام سنبھال کر رکھیں۔", "ثبوت سنڀاليو\nاسڪرين شاٽ وٺو ۽ سنڀالي رکو.\n\n## سڀ کان پهرين ڇا ڪجي\n\nهر پيغام سنڀالي رکو ۽ مدد لاءِ ڳالهايو."},
		"guides/cover-your-tracks.md": {"Cover your tracks\nClear the history.", "اپنے نشان مٹائیں\nہسٹری صاف کریں۔", "پنهنجا نشان مٽايو\nهسٽري صاف ڪريو."},
		"about.md":                    {"About\nWho we are.", "تعارف\nہم کون ہیں۔", "تعارف\nاسان ڪير آهيون."},
	}
	contentFS := fstest.MapFS{
		"site.yaml": {Data: []byte(`title: {en: "Help Desk", ur: "ہیلپ ڈیسک", sd: "هيلپ ڊيسڪ"}
downloads: help-desk
languages:
  - {code: en, name: English, direction: ltr}
  - {code: ur, name: اردو, direction: rtl, script: Arab, script_share: 90}
  - code: sd
    name: سنڌي
    direction: rtl
    script: Arab
    script_share: 90
    font: '"Noto Naskh Arabic", Tahoma, sans-serif'
    font_size: 1.125rem
    line_height: 1.9
quick_exit: "https://www.example.org/weather"
`)},
		"facts.yaml": {Data: []byte(`helpline:
  value: "0800-12345"
  link: "tel:080012345"
  source: "A test helpline"
  verified_on: 2026-11-01
  level: confirmed
`)},
	}
	for rel, bodies := range pages {
		for i, lang := range []string{"en", "ur", "sd"} {
			title, body, _ := strings.Cut(bodies[i], "\n")
			contentFS[lang+"/"+rel] = page(title, body+"\n")
		}
	}
	en, err := os.ReadFile("../../../layouts/i18n/en.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// Sindhi interface strings: a translator's first copy of the English.
	layouts := overlay.New(fstest.MapFS{"i18n/sd.yaml": {Data: en}}, os.DirFS("../../../layouts"))
	in := Input{
		Content: contentFS, ContentPrefix: "content",
		Layouts: layouts, LayoutsPrefix: "layouts",
		Static: os.DirFS("../../../static"), StaticPrefix: "static",
		Search: true, Offline: true,
	}
	out := output.NewMemory(nil)
	_, diags := Run(in, out)
	diags.Escalate(CheckErrors...) // as `mehfooz check` does
	if diags.Errors() > 0 {
		t.Fatalf("the three-language site does not pass check:\n%v", diags)
	}
	for _, d := range diags {
		t.Logf("warning: %v", d)
	}
	files := out.Files()
	dirs := map[string]string{"en": "ltr", "ur": "rtl", "sd": "rtl"}
	for lang, dir := range dirs {
		for _, rel := range []string{lang + "/index.html", lang + "/guides/evidence/index.html"} {
			html := string(files[rel])
			if !strings.Contains(html, `<html lang="`+lang+`" dir="`+dir+`"`) {
				t.Errorf("%s is not lang=%s dir=%s", rel, lang, dir)
			}
		}
		if files[site.ZipName("help-desk", lang)] == nil {
			t.Errorf("no zip copy for %s", lang)
		}
		pocket := string(files[site.PocketName("help-desk", lang)])
		if !strings.Contains(pocket, `lang="`+lang+`" dir="`+dir+`"`) {
			t.Errorf("no %s pocket file, or it is not %s", lang, dir)
		}
	}
	var css string
	for name, data := range files {
		if strings.HasPrefix(name, "css/site.") && strings.HasSuffix(name, ".css") {
			css = string(data)
		}
	}
	if !strings.Contains(css, `:lang(sd) { font-family: "Noto Naskh Arabic", Tahoma, sans-serif; }`) || !strings.Contains(css, `html[lang="sd"] body { line-height: 1.9; font-size: 1.125rem; }`) {
		t.Errorf("the stylesheet does not carry Sindhi's type:\n%s", css[max(0, len(css)-600):])
	}
	// Search: the Sindhi index, searched as an Urdu keyboard types
	// Sindhi's letters (ڪ ڀ ٽ typed as ک بھ ٹ).
	var idx []byte
	for name, data := range files {
		if strings.HasPrefix(name, "search/index-sd.") && path.Ext(name) == ".idx" {
			idx = data
		}
	}
	ix, err := query.Open(idx)
	if err != nil {
		t.Fatalf("the Sindhi index: %v", err)
	}
	for _, q := range []string{"سنڀاليو", "سنبھالیو", "اسکرین شاٹ"} {
		rs := ix.Search(q, 3)
		if len(rs) == 0 || rs[0].URL != "guides/evidence/" {
			t.Errorf("Sindhi search %q: %+v", q, rs)
		}
	}
}
