package translation

import (
	"bytes"
	"strings"
	"testing"

	"mehfooz/generator/internal/po"
)

const srcPage = `---
title: "Keep evidence"
description: "How to keep it."
---

Evidence is a record. Ask the {{< fact "nccia-short" >}}.

## What to do first

1. Save first, see [sharing](#sharing).
2. Call <tel:15>.

## Sharing

Keep it safe.
`

const tgtPage = `---
title: "ثبوت"
description: "کیسے رکھیں۔"
translated_from: "_:00000000 what-to-do-first:11111111 sharing:22222222"
---

ثبوت ریکارڈ ہے۔ {{< fact "nccia-short" >}} سے پوچھیں۔

## سب سے پہلے

1. پہلے محفوظ کریں، [شیئرنگ](#sharing) دیکھیں۔
2. <tel:15> پر کال کریں۔

## شیئرنگ

محفوظ رکھیں۔
`

func page(t *testing.T, target string) *Page {
	t.Helper()
	p := &Page{Rel: "guides/evidence.md", SourceLang: "en", Lang: "ur",
		SourcePath: "content/en/guides/evidence.md", TargetPath: "content/ur/guides/evidence.md",
		Source: []byte(srcPage), SourceBody: strings.Index(srcPage, "---\n\n") + 4,
		SourceMeta: Meta{Title: "Keep evidence", Description: "How to keep it."},
		// The intro and "sharing" are as stamped; "what-to-do-first" changed.
		Stamp: "_:00000000 what-to-do-first:99999999 sharing:22222222"}
	if target != "" {
		p.Target = []byte(target)
		p.TargetBody = strings.Index(target, "---\n\n") + 4
		p.TargetMeta = Meta{Title: "ثبوت", Description: "کیسے رکھیں۔", TranslatedFrom: "_:00000000 what-to-do-first:11111111 sharing:22222222"}
	}
	return p
}

func TestSplitBodyJoinsBackByteForByte(t *testing.T) {
	for _, body := range []string{srcPage, tgtPage, "", "no headings\n", "## only\n", "```\n## not a heading\n```\n\n## real\n\ntext\n\n\n"} {
		chunks := SplitBody([]byte(body))
		if got := string(JoinBody(chunks)); got != body {
			t.Errorf("join(split(%q)) = %q", body, got)
		}
	}
	chunks := SplitBody([]byte("```\n## not a heading\n```\n\n## real\n"))
	if len(chunks) != 2 || !strings.HasPrefix(chunks[1].Text, "## real") {
		t.Errorf("a heading inside a code block split the body: %+v", chunks)
	}
}

func FuzzSplitBody(f *testing.F) {
	f.Add([]byte(srcPage))
	f.Add([]byte(tgtPage))
	f.Fuzz(func(t *testing.T, body []byte) {
		if got := JoinBody(SplitBody(body)); !bytes.Equal(got, body) {
			t.Fatalf("join(split(%q)) = %q", body, got)
		}
	})
}

func TestMaskHidesAddressesAndShortcodesButNotWords(t *testing.T) {
	masked, ph := Mask(`See [the form](https://x.example/a_(b) "T") and {{< fact "k" >}}, <mailto:a@b.pk>, {5}.` + "\n## H {#id}\n[r]: https://r.example")
	want := `See [the form]({1}) and {2}, {3}, {4}.` + "\n## H {5}\n{6}"
	if masked != want {
		t.Fatalf("masked = %q\nwant     %q", masked, want)
	}
	if ph[0] != `](https://x.example/a_(b) "T")` || ph[3] != "{5}" {
		t.Errorf("placeholders = %q", ph)
	}
	back, missing, errs := ph.Unmask(masked)
	if len(errs) > 0 || len(missing) > 0 || !strings.Contains(back, `[the form](https://x.example/a_(b) "T")`) {
		t.Errorf("unmask = %q %v %v", back, missing, errs)
	}
}

func TestUnmaskRefusesDamagedAndUnknownPlaceholders(t *testing.T) {
	_, ph := Mask("a [b](#c) {{< fact \"d\" >}}")
	for _, s := range []string{"x {3}", "x {2", "x 2}", "x { 2 }", "x [b]( {1})"} {
		if _, _, errs := ph.Unmask(s); len(errs) == 0 {
			t.Errorf("%q: no error", s)
		}
	}
	if _, missing, errs := ph.Unmask("[b]({1}) {{< fact \"e\" >}}"); len(errs) > 0 || len(missing) != 1 || missing[0] != 2 {
		t.Errorf("a literal shortcode of the translation's own: %v %v", missing, errs)
	}
}

func TestExportMarksChangedSectionsFuzzy(t *testing.T) {
	cat, err := Export(page(t, tgtPage))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]*po.Entry{}
	for _, e := range cat.Entries {
		got[e.Context] = e
	}
	if len(cat.Entries) != 5 {
		t.Fatalf("%d entries, want title, description and three sections", len(cat.Entries))
	}
	if !got["section what-to-do-first"].Fuzzy() || got["section sharing"].Fuzzy() || got["section _"].Fuzzy() || got["title"].Fuzzy() {
		t.Errorf("fuzzy flags wrong: %+v", cat.Entries)
	}
	if s := got["section what-to-do-first"].Str; !strings.Contains(s, "[شیئرنگ]({1})") || !strings.Contains(s, "{2} پر") {
		t.Errorf("translation not masked with the source's numbers: %q", s)
	}
	if r := got["section sharing"].References[0]; r != "content/en/guides/evidence.md:13" {
		t.Errorf("reference = %q", r)
	}
}

func TestImportWithNoEditsChangesNothing(t *testing.T) {
	p := page(t, tgtPage)
	cat, _ := Export(p)
	out, stamped, diags := Import(p, cat, "t.po")
	if len(diags) > 0 || stamped || string(out) != tgtPage {
		t.Fatalf("stamped=%v diags=%v\n%s", stamped, diags, out)
	}
}

func TestImportWritesEditsAndStampsACompletePage(t *testing.T) {
	p := page(t, tgtPage)
	cat, _ := Export(p)
	for _, e := range cat.Entries {
		switch e.Context {
		case "section what-to-do-first":
			e.Flags = nil
			e.Str = "## پہلے\n\n1. نیا متن، [شیئرنگ]({1})۔\n2. {2}"
		case "title":
			e.Str = `نیا "عنوان"`
		}
	}
	out, stamped, diags := Import(p, cat, "t.po")
	if len(diags) > 0 || !stamped {
		t.Fatalf("stamped=%v diags=%v", stamped, diags)
	}
	s := string(out)
	for _, want := range []string{`title: "نیا \"عنوان\""`, "1. نیا متن، [شیئرنگ](#sharing)۔\n2. <tel:15>\n\n## شیئرنگ", `translated_from: "` + p.Stamp + `"`} {
		if !strings.Contains(s, want) {
			t.Errorf("missing %q in\n%s", want, s)
		}
	}
}

func TestImportRefusesABrokenPlaceholderAtItsLine(t *testing.T) {
	p := page(t, tgtPage)
	cat, _ := Export(p)
	var b bytes.Buffer
	for _, e := range cat.Entries {
		if e.Context == "section what-to-do-first" {
			e.Flags = nil
			e.Str = "## پہلے\n\n1. [شیئرنگ]({1})\n2. {7}"
		}
	}
	po.Write(&b, cat)
	parsed, _ := po.Parse("t.po", b.Bytes())
	_, _, diags := Import(p, parsed, "t.po")
	if diags.Errors() != 1 {
		t.Fatalf("diags = %v", diags)
	}
	// msgstr "" is followed by one line per line; {7} is on the fourth.
	line := 0
	for i, l := range strings.Split(b.String(), "\n") {
		if strings.Contains(l, "{7}") {
			line = i + 1
		}
	}
	if got := diags[0].Pos.Line; got != line || !strings.Contains(diags[0].Msg, "{7} is not in the source text") {
		t.Errorf("got %v, want line %d", diags[0], line)
	}
}

func TestImportCreatesAMissingTranslationOnlyWhenComplete(t *testing.T) {
	p := page(t, "")
	cat, _ := Export(p)
	if out, _, _ := Import(p, cat, "t.po"); out != nil {
		t.Fatal("an empty catalogue wrote a page")
	}
	for _, e := range cat.Entries {
		e.Str = "ترجمہ " + e.ID
	}
	out, stamped, diags := Import(p, cat, "t.po")
	if diags.Errors() > 0 || !stamped || !strings.Contains(string(out), "ترجمہ ## What to do first") {
		t.Fatalf("stamped=%v %v\n%s", stamped, diags, out)
	}
}
