package offline_test

import (
	"archive/zip"
	"bytes"
	"image"
	"image/color"
	"image/png"
	"io"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"mehfooz/generator/internal/diag"
	"mehfooz/generator/internal/offline"
	"mehfooz/generator/internal/output"
	"mehfooz/generator/internal/pipeline"
	"mehfooz/generator/internal/site"
)

// testLayouts is the project's layouts folder, read into memory.
func testLayouts(t testing.TB) fstest.MapFS {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "layouts")
	m := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		m[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

const siteYAML = `title: {en: "Mehfooz", ur: "محفوظ"}
base_url: "%BASE%"
languages:
  - {code: en, name: English, direction: ltr}
  - {code: ur, name: اردو, direction: rtl}
quick_exit: "https://www.google.com/search?q=weather"
`

const factsYAML = `helpline:
  value: "1991"
  link: "tel:1991"
  source: "test"
  verified_on: 2026-11-01
  level: confirmed
`

func page(title, body string, extra ...string) string {
	return "---\ntitle: \"" + title + "\"\ndescription: \"About " + title + ".\"\nreviewed: 2026-11-01\n" +
		strings.Join(extra, "") + "---\n" + body
}

// siteFiles is a small bilingual site with each part the offline copies
// care about: a decision tree, helplines, complaint pages, guides in and out
// of the pocket file, a platform page, an alias, a picture, a page missing
// in Urdu and pages the pocket file leaves out.
func siteFiles(base string) map[string]string {
	long := strings.Repeat("Rest when you can, and talk to someone you trust about how you feel. ", 40)
	return map[string]string{
		"site.yaml":  strings.Replace(siteYAML, "%BASE%", base, 1),
		"facts.yaml": factsYAML,
		"en/_index.md": page("Home", "Get help now. Call {{< fact \"helpline\" >}}. [Start here](start/_index.md), "+
			"or read [about us](about.md).\n"),
		"ur/_index.md":       page("سرورق", "ابھی مدد لیں۔ {{< fact \"helpline\" >}} پر فون کریں۔ [یہاں سے شروع کریں](start/_index.md)\n"),
		"en/start/_index.md": page("What is happening?", "- [Someone is blackmailing me](blackmail.md)\n- [My account was hacked](hacked.md)\n", "kind: workflow\n"),
		"ur/start/_index.md": page("کیا ہو رہا ہے؟", "- [کوئی بلیک میل کر رہا ہے](blackmail.md)\n- [اکاؤنٹ ہیک ہو گیا](hacked.md)\n", "kind: workflow\n"),
		"en/start/blackmail.md": page("Blackmail", "## What to do\n\nRead the [blackmail guide](../guides/blackmail-sextortion.md), "+
			"[keep evidence](../guides/evidence.md#screenshots), report on [Facebook](../platforms/facebook.md) and "+
			"[call a helpline](../helplines/_index.md). [Start again](_index.md).\n"),
		"ur/start/blackmail.md": page("بلیک میل", "## کیا کریں\n\n[بلیک میل کی رہنمائی](../guides/blackmail-sextortion.md) پڑھیں، "+
			"[ثبوت رکھیں](../guides/evidence.md#screenshots)، [فیس بک](../platforms/facebook.md) پر رپورٹ کریں۔\n"),
		"en/start/hacked.md":                page("Hacked", "See [hacked accounts](../guides/hacked-account.md).\n"),
		"en/helplines/_index.md":            page("Helplines", "Call {{< fact \"helpline\" >}}, or [complain](../complaint/_index.md).\n", "kind: page\n"),
		"en/guides/_index.md":               page("Guides", "All guides.\n"),
		"ur/guides/_index.md":               page("رہنما", "سب رہنما۔\n"),
		"en/guides/evidence.md":             page("Keep evidence", "Intro.\n\n## Screenshots\n\nTake them.\n\n![A screenshot of a chat](/images/pic.png)\n\n## Links\n\nSee [threats](threats.md#what-to-do) and [what we keep](../about.md).\n"),
		"ur/guides/evidence.md":             page("ثبوت", "تعارف۔\n\n## اسکرین شاٹ\n\nلیں۔\n\n![چیٹ کا اسکرین شاٹ](/images/pic.png)\n\n## لنک\n\n[دھمکیاں](threats.md#what-to-do) دیکھیں۔\n"),
		"en/guides/threats.md":              page("Threats", "Intro.\n\n## What to do\n\nKeep [evidence](evidence.md#screenshots). [StopNCII](https://stopncii.org/).\n\n[About this site](../about.md)\n"),
		"ur/guides/threats.md":              page("دھمکیاں", "تعارف۔\n\n## کیا کریں\n\n[ثبوت](evidence.md#screenshots) رکھیں۔\n"),
		"en/guides/blackmail-sextortion.md": page("Blackmail and sextortion", "Do not pay. [File online](../complaint/file-online.md#what-you-need).\n"),
		"en/guides/hacked-account.md":       page("Hacked account", "Change your password.\n"),
		"en/guides/cover-your-tracks.md":    page("Cover your tracks", "Clear your history.\n"),
		"en/guides/wellbeing.md":            page("Wellbeing", "## Rest\n\n"+long+"\n"),
		"en/complaint/_index.md":            page("Complaints", "How to complain.\n"),
		"en/complaint/file-online.md":       page("File online", "## What you need\n\nYour CNIC.\n"),
		"en/platforms/_index.md":            page("Platforms", "Report on platforms.\n"),
		"en/platforms/facebook.md":          page("Facebook", "## Report a profile\n\nTap the dots. "+long+"\n"),
		"en/about.md":                       page("About", "We keep nothing.\n", "aliases: [\"old-about/\"]\n"),
	}
}

// testInput writes the site to a temporary folder and returns its input,
// with the search index and the offline copies turned on.
func testInput(t testing.TB, files map[string]string, opts ...offline.Option) pipeline.Input {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	static := fstest.MapFS{
		"css/site.css":          {Data: []byte("body{margin:0}.banner{background:url(../images/bg.png)}")},
		"js/site.js":            {Data: []byte(siteJS)},
		"favicon.ico":           {Data: []byte("ico")},
		"js/search.js":          {Data: []byte("'use strict';")},
		"images/pic.png":        {Data: pngBytes(t, color.RGBA{200, 0, 0, 255})},
		"images/bg.png":         {Data: pngBytes(t, color.RGBA{0, 0, 200, 255})},
		"search/search.wasm":    {Data: []byte("\x00asm\x01\x00\x00\x00")},
		"search/wasm_exec.js":   {Data: []byte("'use strict';window.Go=function(){};")},
		"images/unused-pic.png": {Data: pngBytes(t, color.RGBA{0, 200, 0, 255})},
	}
	in := pipeline.Input{
		Content: os.DirFS(dir), ContentPrefix: "content",
		Layouts: testLayouts(t), LayoutsPrefix: "layouts",
		Static: static, StaticPrefix: "static",
	}
	in.Search, in.Offline, in.OfflineOptions = true, true, opts
	return in
}

// siteJS is a script the minifier shortens, renaming its variables.
const siteJS = `(function () {
  "use strict";
  var link = document.getElementById("quick-exit");
  if (!link) return;
  var target = link.href;
  link.title = target;
})();
`

func pngBytes(t testing.TB, c color.Color) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 2, 2))
	for x := 0; x < 2; x++ {
		for y := 0; y < 2; y++ {
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// run builds in into a throwaway output folder and returns the offline
// files it wrote, by output name.
func run(t testing.TB, in pipeline.Input) (map[string][]byte, diag.List) {
	t.Helper()
	w, err := output.New(filepath.Join(t.TempDir(), "public"), output.WithoutCompression())
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	_, diags := pipeline.Run(in, w)
	out := map[string][]byte{}
	entries, _ := os.ReadDir(filepath.Join(w.Dir(), "offline"))
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(w.Dir(), "offline", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[offline.Dir+e.Name()] = data
	}
	return out, diags
}

func mustRun(t testing.TB, in pipeline.Input) map[string][]byte {
	t.Helper()
	out, diags := run(t, in)
	if diags.Err() != nil {
		t.Fatal(diags)
	}
	return out
}

// unzip returns a zip's entries by name, in the zip's order.
func unzip(t testing.TB, data []byte) (map[string][]byte, []string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string][]byte{}
	var order []string
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		m[f.Name] = b
		order = append(order, f.Name)
		if !f.Modified.Equal(offline.ModTime) {
			t.Errorf("%s: modified %v, want %v", f.Name, f.Modified, offline.ModTime)
		}
	}
	return m, order
}

// ids returns the ids in an HTML document.
func ids(doc []byte) map[string]int { return offline.IDs(doc) }

func TestZipLinksAllResolveInsideTheZip(t *testing.T) {
	out := mustRun(t, testInput(t, siteFiles("")))
	for _, lang := range []string{"en", "ur"} {
		t.Run(lang, func(t *testing.T) {
			entries, order := unzip(t, out[site.ZipName("mehfooz", lang)])
			// The start page, then the language's pages in order, then the
			// files they use in order (the zip is written as a stream).
			split := slices.IndexFunc(order, func(n string) bool { return !strings.HasPrefix(n, lang+"/") && n != offline.StartPage })
			if order[0] != offline.StartPage || split < 0 || !slices.IsSorted(order[1:split]) || !slices.IsSorted(order[split:]) ||
				slices.ContainsFunc(order[split:], func(n string) bool { return strings.HasPrefix(n, lang+"/") }) {
				t.Errorf("entries not in order (%s, pages, files): %v", offline.StartPage, order)
			}
			for _, name := range order {
				other := "ur/"
				if lang == "ur" {
					other = "en/"
				}
				switch {
				case strings.HasPrefix(name, other), name == "index.html", name == "404.html":
					t.Errorf("%s: the %s copy holds another language's or the site root's page", name, lang)
				case strings.HasSuffix(name, ".wasm"), strings.HasSuffix(name, ".idx"), strings.HasSuffix(name, ".br"), strings.HasSuffix(name, ".gz"):
					t.Errorf("%s: fetch-only or precompressed file in the copy", name)
				case strings.Contains(name, "old-about"):
					t.Errorf("%s: an alias redirect is in the copy", name)
				case name == "images/unused-pic.png":
					t.Errorf("%s: a file no page uses is in the copy", name)
				}
			}
			for _, want := range []string{offline.StartPage, lang + "/index.html", lang + "/guides/evidence/index.html",
				lang + "/search/index.html", "images/bg.png", "images/pic.png"} {
				if entries[want] == nil {
					t.Errorf("the copy lacks %s", want)
				}
			}
			links := 0
			for _, name := range order {
				if path.Ext(name) != ".html" {
					continue
				}
				for _, l := range offline.Links(name, entries[name]) {
					switch {
					case l.Kind == "fragment" && l.Frag != "":
						if ids(entries[name])[l.Frag] == 0 {
							t.Errorf("%s: %s=%q: no such id", name, l.Attr, l.Value)
						}
					case l.Kind == "root" || l.Kind == "outside":
						t.Errorf("%s: %s=%q leaves the copy", name, l.Attr, l.Value)
					case l.Kind == "local" && strings.HasPrefix(l.Attr, "data-"):
						if l.FetchOnly {
							t.Errorf("%s: %s=%q names a file the copy cannot fetch", name, l.Attr, l.Value)
						}
					case l.Kind == "local":
						links++
						if l.Dir {
							t.Errorf("%s: %s=%q is a folder: file:// shows a listing", name, l.Attr, l.Value)
						}
						target := entries[l.File]
						if target == nil {
							t.Errorf("%s: %s=%q: %s is not in the zip", name, l.Attr, l.Value, l.File)
						} else if l.Frag != "" && ids(target)[l.Frag] == 0 {
							t.Errorf("%s: %s=%q: %s has no id %q", name, l.Attr, l.Value, l.File, l.Frag)
						}
					}
				}
			}
			if links < 50 {
				t.Errorf("only %d local links checked", links)
			}

			// Search: the module, this language's index and Go's glue as
			// classic scripts, at the paths the form names.
			search := string(entries[lang+"/search/index.html"])
			for _, attr := range []string{"data-search-wasm-js", "data-index-" + lang + "-js", "data-wasm-exec-js"} {
				v := attrValue(search, attr)
				if v == "" {
					t.Errorf("search page lacks %s", attr)
					continue
				}
				if f := offline.Resolve(lang+"/search/index.html", attr, v).File; entries[f] == nil {
					t.Errorf("%s=%q: %s is not in the zip", attr, v, f)
				}
			}
			if strings.Contains(search, "data-index-"+strings.TrimSuffix(map[string]string{"en": "ur/", "ur": "en/"}[lang], "/")) {
				t.Error("the search page still names the other language's index")
			}
			if !strings.Contains(search, `data-search-other=""`) {
				t.Error("the search page still searches the other language")
			}

			// The start page, in the copy's language, leads into it.
			start := string(entries[offline.StartPage])
			dir := map[string]string{"en": "ltr", "ur": "rtl"}[lang]
			for _, want := range []string{`<html lang="` + lang + `" dir="` + dir + `">`, `href="` + lang + `/start/index.html"`,
				`href="` + lang + `/search/index.html"`, `id="quick-exit" href="https://www.google.com/search?q=weather"`,
				map[string]string{"en": "1 November 2026", "ur": "1 نومبر 2026"}[lang]} {
				if !strings.Contains(start, want) {
					t.Errorf("start page lacks %s:\n%s", want, start)
				}
			}
		})
	}
}

// attrValue returns the value of the first attribute name in doc.
func attrValue(doc, name string) string { return offline.AttrValue([]byte(doc), name) }

// Without an address, the language switch of a one-language copy leads to
// the start page's note on getting the copy in the other language.
func TestZipLanguageSwitchLeadsToTheOtherCopyWithoutAnAddress(t *testing.T) {
	out := mustRun(t, testInput(t, siteFiles("")))
	entries, _ := unzip(t, out[site.ZipName("mehfooz", "en")])
	page := string(entries["en/guides/evidence/index.html"])
	if !strings.Contains(page, `<a href="../../../START-HERE.html#other-languages" hreflang="ur" lang="ur" dir="rtl" class="lang-link">اردو</a>`) {
		t.Errorf("language switch does not lead to the start page's note:\n%s", page)
	}
	if start := string(entries[offline.StartPage]); !strings.Contains(start, `id="other-languages"`) || !strings.Contains(start, "mehfooz-ur.zip") {
		t.Errorf("the start page does not name the other copy:\n%s", start)
	}
	if strings.Contains(page, `rel="alternate"`) {
		t.Error("an alternate link to the Urdu page is left")
	}
}

func TestLinksLeavingTheCopyGoOnlineWithAnAddress(t *testing.T) {
	out := mustRun(t, testInput(t, siteFiles("https://mehfooz.example/")))
	entries, _ := unzip(t, out[site.ZipName("mehfooz", "en")])
	page := string(entries["en/guides/evidence/index.html"])
	for _, want := range []string{
		`<a href="https://mehfooz.example/ur/guides/evidence/" hreflang="ur" lang="ur" dir="rtl" class="lang-link external" rel="noopener noreferrer">اردو<span class="ext-mark" aria-hidden="true">↗</span><span class="vh"> (leaves this site)</span></a>`,
		`<link rel="alternate" hreflang="ur" href="https://mehfooz.example/ur/guides/evidence/">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s:\n%s", want, page)
		}
	}
	pocket := string(out[site.PocketName("mehfooz", "en")])
	want := `<a href="https://mehfooz.example/en/about/" class="external" rel="noopener noreferrer">what we keep<span class="ext-mark" aria-hidden="true">↗</span><span class="vh"> (leaves this site)</span></a>`
	if !strings.Contains(pocket, want) {
		t.Errorf("pocket file lacks %s", want)
	}
}

func TestPocketIsSelfContained(t *testing.T) {
	out := mustRun(t, testInput(t, siteFiles("")))
	for _, lang := range []string{"en", "ur"} {
		t.Run(lang, func(t *testing.T) {
			doc := out[site.PocketName("mehfooz", lang)]
			s := string(doc)
			dir := map[string]string{"en": "ltr", "ur": "rtl"}[lang]
			for _, want := range []string{`<html lang="` + lang + `" dir="` + dir + `">`, `<style>`, offline.PocketCSP,
				`id="quick-exit" href="https://www.google.com/search?q=weather"`, `id="p-start"`, `id="p-start/blackmail"`,
				`id="p-helplines"`, `id="p-guides/evidence"`, `id="p-guides/evidence--screenshots"`, `id="p-complaint/file-online"`,
				`src="data:image/png;base64,`, `href="#p-guides/cover-your-tracks"`} {
				if !strings.Contains(s, want) {
					t.Errorf("pocket file lacks %s", want)
				}
			}
			for _, bad := range []string{"<script", `src="http`, "<link", "<form", `id="p-about"`, `href="../`, `href="./`} {
				if strings.Contains(s, bad) {
					t.Errorf("pocket file has %s", bad)
				}
			}
			all := ids(doc)
			for id, n := range all {
				if n > 1 {
					t.Errorf("id %q used %d times", id, n)
				}
			}
			anchors := 0
			for _, l := range offline.Links(site.PocketName("mehfooz", lang), doc) {
				switch {
				case l.Attr == "src" && !strings.HasPrefix(l.Value, "data:"):
					t.Errorf("src=%q is not inside the file", l.Value)
				case l.Attr == "href" && strings.HasPrefix(l.Value, "#"):
					anchors++
					id, err := url.PathUnescape(l.Value[1:])
					if err != nil || all[id] == 0 {
						t.Errorf("href=%q: no such id", l.Value)
					}
				case l.Attr == "href" && (l.Kind != "external" || strings.HasPrefix(l.Value, "//")):
					t.Errorf("href=%q leaves the file", l.Value)
				}
			}
			if anchors < 20 {
				t.Errorf("only %d anchor links", anchors)
			}
		})
	}
	en := string(out[site.PocketName("mehfooz", "en")])
	// A link to a page the file leaves out is plain text, named as in the
	// full site; a cross-page anchor lands on the prefixed heading; a
	// stand-in keeps its language.
	for _, want := range []string{`<span>what we keep</span> <span class="offsite">(in the full site)</span>`, `href="#p-guides/threats--what-to-do"`, `href="#p-complaint/file-online--what-you-need"`} {
		if !strings.Contains(en, want) {
			t.Errorf("English pocket file lacks %s", want)
		}
	}
	// A paragraph that is only a link to a page left out goes.
	if strings.Contains(en, "About this site") {
		t.Error("a paragraph holding only a dead link is left in")
	}
	if ur := string(out[site.PocketName("mehfooz", "ur")]); !strings.Contains(ur, `<section id="p-guides/cover-your-tracks" class="pocket-page" lang="en" dir="ltr">`) {
		t.Error("the stand-in for the untranslated Urdu page lost its language")
	}
}

func TestCopiesAreByteIdenticalAcrossBuilds(t *testing.T) {
	a := mustRun(t, testInput(t, siteFiles("")))
	b := mustRun(t, testInput(t, siteFiles("")))
	if len(a) != 4 {
		t.Fatalf("wrote %d offline files, want 4: %v", len(a), slices.Sorted(maps.Keys(a)))
	}
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between two builds of the same site", name)
		}
	}
}

func TestPocketOverBudgetIsAnError(t *testing.T) {
	_, diags := run(t, testInput(t, siteFiles(""), offline.WithPocketBudget(5<<10)))
	var got []*diag.Error
	for _, d := range diags {
		if d.Rule == "pocket-size" {
			got = append(got, d)
		}
	}
	if len(got) != 2 {
		t.Fatalf("pocket-size errors = %d, want one per language: %v", len(got), diags)
	}
	e := got[0]
	if e.Severity != diag.SevError || e.Pos.File != "public/"+site.PocketName("mehfooz", "en") ||
		!strings.Contains(e.Msg, "over its budget of 5.0 KB") || !strings.Contains(e.Msg, "/en/start/blackmail/ (") {
		t.Errorf("diagnostic = %s", e.Error())
	}
}

// The platform pages' reporting steps outrank the other guides: with
// less room, a guide goes first.
func TestPocketDropsOtherGuidesBeforePlatformPages(t *testing.T) {
	full := mustRun(t, testInput(t, siteFiles("")))[site.PocketName("mehfooz", "en")]
	for _, id := range []string{`id="p-platforms/facebook"`, `id="p-guides/wellbeing"`} {
		if !bytes.Contains(full, []byte(id)) {
			t.Fatalf("with the default budget the pocket file lacks %s", id)
		}
	}
	budget := len(full) - 200
	got := mustRun(t, testInput(t, siteFiles(""), offline.WithPocketBudget(budget)))[site.PocketName("mehfooz", "en")]
	if len(got) > budget {
		t.Errorf("pocket file is %d bytes, over the %d budget", len(got), budget)
	}
	if !bytes.Contains(got, []byte(`id="p-platforms/facebook"`)) || bytes.Contains(got, []byte(`id="p-guides/wellbeing"`)) {
		t.Error("with a little less room, the guide should go and the platform page stay")
	}
	if bytes.Contains(got, []byte(`<a>`)) {
		t.Error("a link to a page left out is still an <a>")
	}
}

func TestMissingStringsAreReported(t *testing.T) {
	in := testInput(t, siteFiles(""))
	layouts := in.Layouts.(fstest.MapFS)
	f := layouts["i18n/ur.yaml"]
	var kept []string
	for _, line := range strings.Split(string(f.Data), "\n") {
		if !strings.HasPrefix(line, "offline_pocket_title:") {
			kept = append(kept, line)
		}
	}
	// The build checks that both files have the same keys, so only the
	// offline stage's own check can see a key missing from both.
	layouts["i18n/ur.yaml"] = &fstest.MapFile{Data: []byte(strings.Join(kept, "\n"))}
	en := layouts["i18n/en.yaml"]
	layouts["i18n/en.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(string(en.Data), "\noffline_pocket_title:", "\n# offline_pocket_title:", 1))}
	_, diags := run(t, in)
	var msgs []string
	for _, d := range diags {
		if d.Rule == "offline" {
			msgs = append(msgs, d.Error())
		}
	}
	want := []string{
		"layouts/i18n/en.yaml: missing key \"offline_pocket_title\", which the offline copies need\n\thint: add offline_pocket_title: \"…\" in this language",
		"layouts/i18n/ur.yaml: missing key \"offline_pocket_title\", which the offline copies need\n\thint: add offline_pocket_title: \"…\" in this language",
	}
	if !slices.Equal(msgs, want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}
}

// The zip holds the site's files as given or as served, never damaged: the
// output writer minifies scripts in place, and a record of the bytes it was
// given used to hold the half-renamed result.
func TestZipAssetsAreIntact(t *testing.T) {
	in := testInput(t, siteFiles(""))
	w, err := output.New(filepath.Join(t.TempDir(), "public"), output.WithoutCompression())
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	if _, diags := pipeline.Run(in, w); diags.Err() != nil {
		t.Fatal(diags)
	}
	data, err := os.ReadFile(filepath.Join(w.Dir(), filepath.FromSlash(site.ZipName("mehfooz", "en"))))
	if err != nil {
		t.Fatal(err)
	}
	entries, order := unzip(t, data)
	found := false
	for _, name := range order {
		if !strings.HasPrefix(name, "js/site.") {
			continue
		}
		found = true
		served, _ := os.ReadFile(filepath.Join(w.Dir(), filepath.FromSlash(name)))
		if got := string(entries[name]); got != siteJS && got != string(served) {
			t.Errorf("%s in the zip is neither the source nor the served file:\n%s", name, got)
		}
	}
	if !found {
		t.Error("no js/site.*.js in the zip")
	}
}

// Without zips (check) the offline stage reports what it reports with
// them, and writes no zip.
func TestWithoutZipsKeepsDiagnostics(t *testing.T) {
	in := testInput(t, siteFiles(""), offline.WithPocketBudget(5<<10))
	base := in.Layouts.(fstest.MapFS)["base.html"]
	base.Data = bytes.Replace(base.Data, []byte("</body>"), []byte(`<a href="/abs/">a</a><a href="nowhere/">n</a></body>`), 1)
	_, want := run(t, in)
	if !slices.ContainsFunc(want, func(d *diag.Error) bool { return d.Rule == "offline" }) {
		t.Fatalf("the layout's links give no offline diagnostic: %v", want)
	}
	in.OfflineOptions = append(in.OfflineOptions, offline.WithoutZips())
	m := output.NewMeter()
	_, got := pipeline.Run(in, m)
	if got.Error() != want.Error() {
		t.Errorf("diagnostics without zips:\n%v\nwith:\n%v", got, want)
	}
	for _, lang := range []string{"en", "ur"} {
		if _, err := m.ReadFile(site.ZipName("mehfooz", lang)); err == nil {
			t.Errorf("%s written", site.ZipName("mehfooz", lang))
		}
	}
}
