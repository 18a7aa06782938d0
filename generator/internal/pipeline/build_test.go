package pipeline

import (
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"mehfooz/generator/internal/diag"
	"mehfooz/generator/internal/htmledit"
	"mehfooz/generator/internal/imagemeta"
	"mehfooz/generator/internal/output"
)

const testSiteYAML = `title: {en: "Mehfooz", ur: "محفوظ"}
base_url: ""
languages:
  - {code: en, name: English, direction: ltr}
  - {code: ur, name: اردو, direction: rtl}
quick_exit: "https://www.google.com/search?q=weather"
`

const testFacts = `helpline:
  value: "1991"
  link: "tel:1991"
  source: "test"
  verified_on: 2026-11-01
  level: confirmed
`

func page(title, body string) string {
	return "---\ntitle: \"" + title + "\"\ndescription: \"About " + title + ".\"\nreviewed: 2026-11-01\n---\n" + body
}

// testSite is a small bilingual site on disk (serve reads real paths).
func testSite(t testing.TB, extra map[string]string) (Input, string) {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"site.yaml":             testSiteYAML,
		"facts.yaml":            testFacts,
		"en/_index.md":          page("Home", "Get help now. Call {{< fact \"helpline\" >}}.\n"),
		"ur/_index.md":          page("سرورق", "ابھی مدد لیں۔ {{< fact \"helpline\" >}} پر فون کریں۔\n"),
		"en/guides/_index.md":   page("Guides", "All guides.\n"),
		"ur/guides/_index.md":   page("رہنما", "سب رہنما۔\n"),
		"en/guides/evidence.md": page("Keep evidence", "Intro.\n\n## Screenshots\n\nTake them.\n\n## Links\n\nSee [threats](threats.md#what-to-do).\n"),
		"ur/guides/evidence.md": page("ثبوت", "تعارف۔\n\n## اسکرین شاٹ\n\nلیں۔\n\n## لنک\n\n[دھمکیاں](threats.md#what-to-do) دیکھیں۔\n"),
		"en/guides/threats.md":  page("Threats", "Intro.\n\n## What to do\n\nKeep [evidence](evidence.md#screenshots).\n"),
		"ur/guides/threats.md":  page("دھمکیاں", "تعارف۔\n\n## کیا کریں\n\n[ثبوت](evidence.md#screenshots) رکھیں۔\n"),
	}
	for k, v := range extra {
		files[k] = v
	}
	for name, data := range files {
		p := filepath.Join(dir, "content", filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	root := filepath.Join("..", "..", "..")
	static := fstest.MapFS{
		"css/site.css": {Data: []byte("body{margin:0}")},
		"js/site.js":   {Data: []byte("'use strict';")},
		"favicon.ico":  {Data: []byte("ico")},
		"js/search.js": {Data: []byte("'use strict';")},
	}
	return Input{
		Content: os.DirFS(filepath.Join(dir, "content")), ContentPrefix: filepath.ToSlash(filepath.Join(dir, "content")),
		Layouts: os.DirFS(filepath.Join(root, "layouts")), LayoutsPrefix: "layouts",
		Static: static, StaticPrefix: "static",
	}, dir
}

func TestBuildSmallSite(t *testing.T) {
	in, dir := testSite(t, nil)
	w, err := output.New(filepath.Join(dir, "public"))
	if err != nil {
		t.Fatal(err)
	}
	rep, diags := Run(in, w)
	if diags.Err() != nil {
		t.Fatal(diags)
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	if rep.Pages != 8 {
		t.Errorf("pages = %d, want 8", rep.Pages)
	}
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join(dir, "public", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	ur := read("ur/guides/evidence/index.html")
	for _, want := range []string{`lang="ur"`, `dir="rtl"`, `id="screenshots"`, `href="../threats/#what-to-do"`} {
		if !strings.Contains(ur, want) {
			t.Errorf("ur/guides/evidence/ lacks %s", want)
		}
	}
	if !strings.Contains(read("index.html"), "محفوظ") {
		t.Error("the language chooser lacks the Urdu title")
	}
	for _, f := range []string{"404.html", "_headers", "en/search/index.html", "ur/search/index.html"} {
		read(f)
	}
}

// A one-shot build lets go of page bodies once rendered (serve keeps them
// to re-render); errors found later still point into the front matter.
func TestOneShotBuildLetsGoOfBodies(t *testing.T) {
	in, dir := testSite(t, nil)
	w, err := output.New(filepath.Join(dir, "public"))
	if err != nil {
		t.Fatal(err)
	}
	// Run, keeping the builder to look at the site afterwards.
	b, diags := load(in)
	if b == nil {
		t.Fatal(diags)
	}
	b.oneShot = true
	if _, diags := b.all(w); diags.Err() != nil {
		t.Fatal(diags)
	}
	w.Abort()
	held, pos := map[string]int{}, map[string]diag.Pos{}
	for _, pg := range b.site.Pages {
		held[pg.Lang+"/"+pg.Rel] = len(pg.File.Source) - pg.File.BodyOffset
		pos[pg.Lang+"/"+pg.Rel] = b.site.PosOf(pg, "title:")
	}
	if len(held) != 8 {
		t.Fatalf("saw %d pages, want 8", len(held))
	}
	for name, n := range held {
		if n != 0 {
			t.Errorf("%s: %d bytes of body still held after a one-shot build", name, n)
		}
		if pos := pos[name]; pos.Line != 2 || pos.Col != 1 {
			t.Errorf("%s: PosOf(title) = %d:%d, want 2:1", name, pos.Line, pos.Col)
		}
	}
}

func TestBadContentLeavesOutputAlone(t *testing.T) {
	in, dir := testSite(t, nil)
	w, _ := output.New(filepath.Join(dir, "public"))
	if _, diags := Run(in, w); diags.Err() != nil {
		t.Fatal(diags)
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(dir, "public", "en", "guides", "threats", "index.html"))

	bad, dir2 := testSite(t, map[string]string{
		"en/guides/threats.md": page("Threats", "Intro.\n\n## What to do\n\nCall {{< fact \"helpine\" >}}.\n"),
	})
	_ = dir2
	w, _ = output.New(filepath.Join(dir, "public"))
	_, diags := Run(bad, w)
	if diags.Err() == nil {
		t.Fatal("unknown fact built without error")
	}
	w.Abort()
	got := diags[0].Error()
	if !strings.Contains(got, "en/guides/threats.md:10:6: unknown fact \"helpine\"") || !strings.Contains(got, `did you mean "helpline"`) {
		t.Errorf("diagnostic = %s", got)
	}
	after, _ := os.ReadFile(filepath.Join(dir, "public", "en", "guides", "threats", "index.html"))
	if string(before) != string(after) {
		t.Error("a failed build changed the previous output")
	}
}

func TestIncrementalRendersOnlyWhatChanged(t *testing.T) {
	in, dir := testSite(t, nil)
	inc := NewIncremental(in)
	files, diags := inc.Build(nil)
	if diags.Err() != nil {
		t.Fatal(diags)
	}
	n := len(files)
	path := filepath.Join(dir, "content", "en", "guides", "threats.md")
	os.WriteFile(path, []byte(page("Threats", "Intro, edited.\n\n## What to do\n\nKeep [evidence](evidence.md#screenshots).\n")), 0o644)
	files, diags = inc.Build([]string{path})
	if diags.Err() != nil || inc.Full != 1 {
		t.Fatalf("body edit: full builds %d, diags %v", inc.Full, diags)
	}
	if len(files) != n || !strings.Contains(string(files["en/guides/threats/index.html"]), "Intro, edited.") {
		t.Error("the edited page was not re-rendered")
	}

	// A broken anchor is reported and the last good files stay.
	os.WriteFile(path, []byte(page("Threats", "Intro.\n\n## Steps\n\nKeep [evidence](evidence.md#screenshot).\n")), 0o644)
	if _, diags = inc.Build([]string{path}); diags.Err() == nil {
		t.Fatal("renamed heading: no error for the links to #what-to-do")
	}
	if !strings.Contains(diags.Error(), "#what-to-do") || !strings.Contains(diags.Error(), "did you mean #screenshots") {
		t.Errorf("diags = %v", diags)
	}

	// A title change shows in other pages' lists: full build.
	os.WriteFile(path, []byte(page("Threats and fear", "Intro.\n\n## What to do\n\nKeep [evidence](evidence.md#screenshots).\n")), 0o644)
	files, diags = inc.Build([]string{path})
	if diags.Err() != nil || inc.Full != 2 {
		t.Fatalf("title edit: full builds %d, diags %v", inc.Full, diags)
	}
	if !strings.Contains(string(files["en/guides/index.html"]), "Threats and fear") {
		t.Error("the section list does not show the new title")
	}
}

func TestMissingAndOutdatedTranslations(t *testing.T) {
	in, dir := testSite(t, map[string]string{
		"en/guides/wellbeing.md": page("Looking after yourself", "Rest.\n\n## Sleep\n\nTry to sleep. See [evidence](evidence.md).\n"),
	})
	w, _ := output.New(filepath.Join(dir, "public"))
	rep, diags := Run(in, w)
	if diags.Err() != nil {
		t.Fatal(diags)
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	var missing, unstamped int
	for _, s := range rep.Translations {
		switch s.Status.String() {
		case "missing":
			missing++
			if s.Rel != "guides/wellbeing.md" {
				t.Errorf("missing: %s", s.Rel)
			}
		case "not stamped":
			unstamped++
		}
	}
	if missing != 1 || unstamped != 4 {
		t.Errorf("missing %d, unstamped %d", missing, unstamped)
	}
	found := false
	for _, d := range diags {
		if d.Rule == "missing-translation" && strings.HasSuffix(d.Pos.File, "en/guides/wellbeing.md") {
			found = true
		}
	}
	if !found {
		t.Errorf("no missing-translation warning: %v", diags)
	}
	// The Urdu site has the page, in English, under Urdu navigation.
	html, err := os.ReadFile(filepath.Join(dir, "public", "ur", "guides", "wellbeing", "index.html"))
	if err != nil {
		t.Fatal("no stand-in page for the missing translation")
	}
	for _, want := range []string{`<html lang="ur" dir="rtl"`, `<main id="main" tabindex="-1" lang="en" dir="ltr">`,
		`اس صفحے کا ابھی اردو میں ترجمہ نہیں ہوا`, `href="../evidence/"`, `Try to sleep.`} {
		if !strings.Contains(string(html), want) {
			t.Errorf("stand-in page lacks %s", want)
		}
	}
	if !strings.Contains(string(mustRead(t, dir, "en/translations/index.html")), "Looking after yourself") {
		t.Error("the translations page does not list the missing page")
	}

	// Stamp the Urdu evidence page, change one English section: outdated.
	urPath := filepath.Join(dir, "content", "ur", "guides", "evidence.md")
	src, _ := os.ReadFile(urPath)
	src = []byte(strings.Replace(string(src), "reviewed: 2026-11-01\n", "reviewed: 2026-11-01\ntranslated_from: \""+rep.Stamps["guides/evidence.md"]+"\"\n", 1))
	os.WriteFile(urPath, src, 0o644)
	enPath := filepath.Join(dir, "content", "en", "guides", "evidence.md")
	os.WriteFile(enPath, []byte(page("Keep evidence", "Intro.\n\n## Screenshots\n\nTake them with the date showing.\n\n## Links\n\nSee [threats](threats.md#what-to-do).\n")), 0o644)
	w, _ = output.New(filepath.Join(dir, "public"))
	rep, diags = Run(in, w)
	if diags.Err() != nil {
		t.Fatal(diags)
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	var warn string
	for _, d := range diags {
		if d.Rule == "outdated-translation" {
			warn = d.Error()
		}
	}
	if !strings.Contains(warn, "ur/guides/evidence.md:5:18") || !strings.Contains(warn, "#screenshots") || strings.Contains(warn, "#links") {
		t.Errorf("outdated warning = %q", warn)
	}
	html = mustRead(t, dir, "ur/guides/evidence/index.html")
	for _, want := range []string{`ترجمے کے بعد`, `<a href="../../../en/guides/evidence/#screenshots">اسکرین شاٹ</a>`} {
		if !strings.Contains(string(html), want) {
			t.Errorf("outdated page lacks %s:\n%s", want, html)
		}
	}
}

func mustRead(t *testing.T, dir, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "public", filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// gpsJPEG is a real JPEG with an Exif block holding a GPS position.
func gpsJPEG(t *testing.T) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 8, 8))
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	le := binary.LittleEndian
	var tiff []byte
	tiff = append(tiff, 'I', 'I', 42, 0, 8, 0, 0, 0) // header, IFD0 at 8
	// IFD0: one entry, GPSInfo (0x8825) → GPS IFD at 26.
	tiff = le.AppendUint16(tiff, 1)
	tiff = le.AppendUint16(tiff, 0x8825)
	tiff = le.AppendUint16(tiff, 4)
	tiff = le.AppendUint32(tiff, 1)
	tiff = le.AppendUint32(tiff, 26)
	tiff = le.AppendUint32(tiff, 0)
	// GPS IFD: GPSLatitudeRef "N".
	tiff = le.AppendUint16(tiff, 1)
	tiff = le.AppendUint16(tiff, 1)
	tiff = le.AppendUint16(tiff, 2)
	tiff = le.AppendUint32(tiff, 2)
	tiff = append(tiff, 'N', 0, 0, 0)
	tiff = le.AppendUint32(tiff, 0)
	payload := append([]byte("Exif\x00\x00"), tiff...)
	app1 := []byte{0xFF, 0xE1, byte((len(payload) + 2) >> 8), byte(len(payload) + 2)}
	jpg := buf.Bytes()
	out := append([]byte{0xFF, 0xD8}, app1...)
	out = append(out, payload...)
	return append(out, jpg[2:]...)
}

func TestImagesLoseTheirLocation(t *testing.T) {
	in, dir := testSite(t, nil)
	raw := gpsJPEG(t)
	if !slices.Contains(imagemeta.Has(raw), imagemeta.KindGPS) {
		t.Fatalf("test image has no GPS block: %v", imagemeta.Has(raw))
	}
	static := in.Static.(fstest.MapFS)
	static["images/screenshot.jpg"] = &fstest.MapFile{Data: raw}
	static["images/phone.heic"] = &fstest.MapFile{Data: []byte("....ftypheic")}
	w, _ := output.New(filepath.Join(dir, "public"))
	_, diags := Run(in, w)
	if diags.Err() == nil || !strings.Contains(diags.Error(), "static/images/phone.heic: heic images can carry the place") {
		t.Fatalf("HEIC accepted: %v", diags)
	}
	w.Abort()
	delete(static, "images/phone.heic")
	w, _ = output.New(filepath.Join(dir, "public"))
	if _, diags = Run(in, w); diags.Err() != nil {
		t.Fatal(diags)
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	got := mustRead(t, dir, "images/screenshot.jpg")
	if kinds := imagemeta.Has(got); len(kinds) > 0 {
		t.Errorf("published image still carries %v", kinds)
	}
	if _, err := jpeg.Decode(bytes.NewReader(got)); err != nil {
		t.Errorf("published image does not decode: %v", err)
	}
}

func TestPrintPagesQRAndShortAddresses(t *testing.T) {
	in, dir := testSite(t, map[string]string{
		"site.yaml":              strings.Replace(testSiteYAML, `base_url: ""`, `base_url: "https://example.org/"`, 1),
		"en/workshops/_index.md": page("Workshops", "Packs.\n"),
		"en/workshops/session.md": "---\ntitle: \"A session\"\ndescription: \"Ninety minutes.\"\nreviewed: 2026-11-01\nkind: workshop\nduration: \"90 minutes\"\n" +
			"guides:\n  - ../guides/evidence.md\n  - ../guides/threats.md\n---\n## Notes for the facilitator\n\nStart with [evidence](../guides/evidence.md).\n",
	})
	w, _ := output.New(filepath.Join(dir, "public"))
	if _, diags := Run(in, w); diags.Err() != nil {
		t.Fatal(diags)
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	guide := string(mustRead(t, dir, "en/guides/evidence/index.html"))
	if !strings.Contains(guide, `href="print.html"`) {
		t.Error("the guide does not link its handout")
	}
	handout := string(mustRead(t, dir, "en/guides/evidence/print.html"))
	for _, want := range []string{`<svg`, `role="img"`, `https://example.org/go/`, `href="../threats/#what-to-do"`, `href="../../../ur/guides/evidence/print.html"`} {
		if !strings.Contains(handout, want) {
			t.Errorf("handout lacks %s", want)
		}
	}
	ur := string(mustRead(t, dir, "ur/guides/evidence/print.html"))
	if !strings.Contains(ur, `dir="rtl"`) || !strings.Contains(ur, `id="screenshots"`) {
		t.Error("Urdu handout is not right-to-left with the shared heading ids")
	}
	ws := string(mustRead(t, dir, "en/workshops/session/print.html"))
	for _, want := range []string{`id="guides-evidence--screenshots"`, `id="guides-threats--what-to-do"`, `href="#guides-evidence--top"`,
		`href="../../guides/threats/#what-to-do"`, `Notes for the facilitator`} {
		if !strings.Contains(ws, want) {
			t.Errorf("workshop print page lacks %s", want)
		}
	}
	i := strings.Index(handout, "https://example.org/go/")
	code := handout[i+len("https://example.org/go/") : i+len("https://example.org/go/")+4]
	both := string(mustRead(t, dir, "go/"+code+"/index.html"))
	if !strings.Contains(both, `href="../../en/guides/evidence/"`) || !strings.Contains(both, `href="../../ur/guides/evidence/"`) {
		t.Errorf("/go/%s/ does not offer both languages:\n%s", code, both)
	}
}

func TestRebase(t *testing.T) {
	in := `<a href="../threats/#x">a</a> <a href="#top">b</a> <a href="https://x.org/">c</a> <img src="../../../images/a.png"> <a href="tel:1991">d</a>`
	got := string(htmledit.Embed([]byte(in), "p--", func(v string) (string, bool) {
		return rebase(v, "en/guides/evidence/", "en/workshops/session/print/")
	}))
	want := `<a href="../../../guides/threats/#x">a</a> <a href="#p--top">b</a> <a href="https://x.org/">c</a> <img src="../../../../images/a.png"> <a href="tel:1991">d</a>`
	if got != want {
		t.Errorf("rebase:\n got %s\nwant %s", got, want)
	}
}

var update = flag.Bool("update", false, "rewrite golden files")

// TestGoldenPages compares whole rendered pages of the small site with
// testdata/golden; go test -update rewrites them after a deliberate change.
func TestGoldenPages(t *testing.T) {
	in, dir := testSite(t, nil)
	in.Now = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	w, _ := output.New(filepath.Join(dir, "public"), output.WithoutMinify())
	if _, diags := Run(in, w); diags.Err() != nil {
		t.Fatal(diags)
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"index.html", "404.html", "en/index.html", "en/guides/evidence/index.html",
		"ur/guides/evidence/index.html", "ur/guides/evidence/print.html", "en/search/index.html"} {
		got := mustRead(t, dir, name)
		base := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(name, "index.html"), ".html"), "/")
		if base == "" {
			base = "chooser"
		}
		golden := filepath.Join("testdata", "golden", strings.ReplaceAll(base, "/", "_")+".html")
		if *update {
			os.MkdirAll(filepath.Dir(golden), 0o755)
			os.WriteFile(golden, got, 0o644)
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (go test -update writes it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (go test -update after a deliberate change)", name, golden)
		}
	}
}

func TestIncrementalIndexCatchesUp(t *testing.T) {
	in, dir := testSite(t, nil)
	in.Search = true
	inc := NewIncremental(in)
	files, diags := inc.Build(nil)
	if diags.Err() != nil {
		t.Fatal(diags)
	}
	before := string(files["search/index-en.idx"])
	if before == "" {
		t.Fatal("no search/index-en.idx in memory")
	}
	path := filepath.Join(dir, "content", "en", "guides", "threats.md")
	os.WriteFile(path, []byte(page("Threats", "Brand new words.\n\n## What to do\n\nKeep [evidence](evidence.md#screenshots).\n")), 0o644)
	files, _ = inc.Build([]string{path})
	if string(files["search/index-en.idx"]) != before || !inc.Stale() {
		t.Fatal("the index was rebuilt with the page (it should lag, and say so)")
	}
	if !strings.Contains(string(files["en/index.html"]), "search/index-en.idx") {
		t.Error("the home page does not name the index by its plain name in serve")
	}
	files, diags = inc.RefreshIndex()
	if diags.Err() != nil || inc.Stale() || string(files["search/index-en.idx"]) == before {
		t.Errorf("RefreshIndex did not catch up: stale %v, %v", inc.Stale(), diags)
	}
	// The refreshed index is the one a full build of the edited site makes.
	full, _ := NewIncremental(in).Build(nil)
	if string(files["search/index-en.idx"]) != string(full["search/index-en.idx"]) {
		t.Error("the refreshed index differs from a full build's")
	}
}

func TestLongListsArePaginated(t *testing.T) {
	extra := map[string]string{}
	for i := 0; i < 120; i++ {
		name := fmt.Sprintf("en/guides/g%03d.md", i)
		extra[name] = page(fmt.Sprintf("Guide %03d", i), "Text.\n")
	}
	in, dir := testSite(t, extra)
	w, _ := output.New(filepath.Join(dir, "public"))
	if _, diags := Run(in, w); diags.Err() != nil {
		t.Fatal(diags)
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	first := string(mustRead(t, dir, "en/guides/index.html"))
	third := string(mustRead(t, dir, "en/guides/page/3/index.html"))
	if !strings.Contains(first, `href="page/2/" rel="next"`) || strings.Contains(first, "Guide 060") {
		t.Error("page 1 does not stop at 50 and link page 2")
	}
	if !strings.Contains(third, `href="../2/" rel="prev"`) || !strings.Contains(third, "Guide 119") || !strings.Contains(third, `href="../../g119/"`) {
		t.Error("page 3 lacks its items or the link back")
	}
}
