package markdown

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mehfooz/generator/internal/diag"
)

type fakeFacts map[string][3]string // key → text, link, "check" or ""

func (f fakeFacts) Fact(key, lang string) (string, string, bool, bool) {
	v, ok := f[key]
	if !ok {
		return "", "", false, false
	}
	return v[0] + "/" + lang, v[1], v[2] == "check", true
}

func (f fakeFacts) Keys() []string {
	var ks []string
	for k := range f {
		ks = append(ks, k)
	}
	return ks
}

type fakeLinks map[string]string // rel → URL from any page

func (l fakeLinks) PageURL(from, to string) (string, bool) {
	u, ok := l[to]
	return u, ok
}

func (l fakeLinks) AssetURL(from, to string) (string, bool) {
	if to == "images/menu.png" {
		return "../../images/menu.png", true
	}
	return "", false
}

var (
	facts = fakeFacts{"helpline": {"1991", "tel:1991", ""}, "form": {"the form", "https://example.org/form", "check"}}
	links = fakeLinks{"guides/evidence.md": "../evidence/", "complaint/file-online.md": "../../complaint/file-online/"}
)

func convert(t *testing.T, lang, body string, src []Heading) Result {
	t.Helper()
	front := "---\ntitle: T\n---\n"
	source := []byte(front + body)
	c := New(lang, facts, links, WithExternalLabel("(leaves)"), WithCheckLabel("check it"))
	return c.Convert(Page{Path: "content/" + lang + "/guides/x.md", Rel: "guides/x.md", Lang: lang,
		Source: source, BodyOffset: len(front), Offsets: diag.NewOffsets("content/"+lang+"/guides/x.md", source), HeadingIDs: src})
}

func diagStrings(l diag.List) []string {
	var out []string
	for _, e := range l {
		out = append(out, e.Pos.String()+" "+e.Rule)
	}
	return out
}

// TestGolden renders testdata/*.md and compares with the .html beside it.
// go test ./generator/internal/markdown -update rewrites the golden files.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/golden/*.md")
	if len(files) == 0 {
		t.Fatal("no golden inputs")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			res := convert(t, "en", string(src), nil)
			var got strings.Builder
			got.Write(res.HTML)
			got.WriteString("<!-- headings:")
			for _, h := range res.Headings {
				got.WriteString(" " + h.ID)
			}
			got.WriteString(" -->\n<!-- diags:")
			for _, d := range diagStrings(res.Diags) {
				got.WriteString(" " + d)
			}
			got.WriteString(" -->\n")
			golden := strings.TrimSuffix(f, ".md") + ".html"
			if *update {
				os.WriteFile(golden, []byte(got.String()), 0o644)
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if got.String() != string(want) {
				t.Errorf("%s differs from %s:\n%s", f, golden, got.String())
			}
		})
	}
}

func TestHeadingIDsAcrossLanguages(t *testing.T) {
	en := convert(t, "en", "## Keep evidence\n\ntext\n\n### Screenshots\n\n## Report it {#report}\n\n## Keep evidence\n", nil)
	if len(en.Diags) != 0 {
		t.Fatal(en.Diags)
	}
	var ids []string
	for _, h := range en.Headings {
		ids = append(ids, h.ID)
	}
	if got := strings.Join(ids, " "); got != "keep-evidence screenshots report keep-evidence-1" {
		t.Fatalf("English ids = %s", got)
	}

	ur := convert(t, "ur", "## ثبوت محفوظ کریں\n\nمتن\n\n### اسکرین شاٹ\n\n## رپورٹ\n\n## ثبوت {#own}\n", en.Headings)
	if len(ur.Diags) != 0 {
		t.Fatal(ur.Diags)
	}
	ids = nil
	for _, h := range ur.Headings {
		ids = append(ids, h.ID)
	}
	if got := strings.Join(ids, " "); got != "keep-evidence screenshots report own" {
		t.Fatalf("Urdu ids = %s", got)
	}
	if !strings.Contains(string(ur.HTML), `<h2 id="keep-evidence">ثبوت محفوظ کریں</h2>`) {
		t.Errorf("Urdu heading not rendered with the English id:\n%s", ur.HTML)
	}

	// A level that differs, and a heading too few, are both errors.
	bad := convert(t, "ur", "## ایک\n\n## دو\n\n## تین\n", en.Headings)
	if got := diagStrings(bad.Diags); len(got) != 1 || got[0] != "content/ur/guides/x.md:6:1 heading-mismatch" {
		t.Errorf("level mismatch diags = %v", got)
	}
	short := convert(t, "ur", "## ایک\n\n### دو\n", en.Headings)
	if got := diagStrings(short.Diags); len(got) != 1 || !strings.HasSuffix(got[0], "heading-mismatch") {
		t.Errorf("missing heading diags = %v", got)
	}
	long := convert(t, "ur", "## ایک\n\n### دو\n\n## تین\n\n## چار\n\n## پانچ\n", en.Headings)
	if got := diagStrings(long.Diags); len(got) != 1 || got[0] != "content/ur/guides/x.md:12:1 heading-mismatch" {
		t.Errorf("extra heading diags = %v", got)
	}
}

func TestErrorsArePositioned(t *testing.T) {
	body := "Intro line\n\n" + // line 4
		"<div>raw</div>\n\n" + // line 6
		"A [bad](javascript:alert(1)) and [data](DATA:text/html,x) link.\n\n" + // line 8
		"![](/images/menu.png) and ![a photo](https://evil.example/x.png)\n\n" + // line 10
		"Call {{< fact \"helpline\" >}} or {{< fact \"helpine\" >}} or {{< quote \"x\" >}}.\n\n" + // line 12
		"See [evidence](evidence.md#keep) and [missing](nope.md) and [dir](../complaint/).\n\n" + // line 14
		"Inline <b>bold</b>.\n" // line 16
	res := convert(t, "en", body, nil)
	got := diagStrings(res.Diags)
	want := []string{
		"content/en/guides/x.md:6:1 raw-html",
		"content/en/guides/x.md:8:3 unsafe-link",
		"content/en/guides/x.md:8:34 unsafe-link",
		"content/en/guides/x.md:10:1 image-alt",
		"content/en/guides/x.md:10:27 remote-image",
		"content/en/guides/x.md:12:33 unknown-fact",
		"content/en/guides/x.md:12:59 shortcode",
		"content/en/guides/x.md:14:38 broken-link",
		"content/en/guides/x.md:14:61 link",
		"content/en/guides/x.md:16:8 raw-html",
		"content/en/guides/x.md:16:15 raw-html",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diags:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, e := range res.Diags {
		if e.Rule == "unknown-fact" && !strings.Contains(e.Hint, `"helpline"`) {
			t.Errorf("unknown fact hint = %q, want a suggestion", e.Hint)
		}
	}
	html := string(res.HTML)
	for _, bad := range []string{"javascript:", "DATA:", "evil.example", "<div>", "<b>"} {
		if strings.Contains(html, bad) {
			t.Errorf("output still contains %q:\n%s", bad, html)
		}
	}
	if len(res.Links) != 1 || res.Links[0].Target != "guides/evidence.md" || res.Links[0].Anchor != "keep" {
		t.Errorf("links = %+v", res.Links)
	}
}

func TestFactsAndExternalLinks(t *testing.T) {
	res := convert(t, "ur", "Call {{< fact \"helpline\" >}}; fill {{< fact \"form\" >}}; read <https://pta.gov.pk> or [PTA](https://pta.gov.pk/x).\n", nil)
	// The addresses are prose-fact warnings (prosefacts_test.go); nothing else.
	if d := withoutRule(res.Diags, ruleProseFact); len(d) != 0 {
		t.Fatal(d)
	}
	html := string(res.HTML)
	for _, want := range []string{
		`<a href="tel:1991">1991/ur</a>`,
		`<a href="https://example.org/form" rel="noopener noreferrer" class="external" data-short="example.org/form">the form/ur<span class="ext-mark" aria-hidden="true">↗</span><span class="vh"> (leaves)</span></a> <small class="reported">check it</small>`,
		`<a href="https://pta.gov.pk" rel="noopener noreferrer" class="external">https://pta.gov.pk<span class="ext-mark"`,
		`<a href="https://pta.gov.pk/x" rel="noopener noreferrer" class="external" data-short="pta.gov.pk/x">PTA<span`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s in\n%s", want, html)
		}
	}
	if strings.Join(res.Facts, ",") != "helpline,form" || strings.Join(res.Checks, ",") != "form" {
		t.Errorf("facts %v checks %v", res.Facts, res.Checks)
	}
}

// withoutRule returns the diagnostics of every other rule.
func withoutRule(l diag.List, rule string) diag.List {
	var out diag.List
	for _, e := range l {
		if e.Rule != rule {
			out.Add(e)
		}
	}
	return out
}

func TestSections(t *testing.T) {
	res := convert(t, "en", "Intro {{< fact \"helpline\" >}}.\n\n## First\n\n- one\n- two\n\n| a | b |\n|---|---|\n| c | d |\n\n## Second\n\n```\ncode\n```\n", nil)
	if len(res.Sections) != 3 {
		t.Fatalf("sections = %+v", res.Sections)
	}
	s := res.Sections
	if s[0].Anchor != "" || s[0].Text != "Intro 1991/en." {
		t.Errorf("intro = %+v", s[0])
	}
	if s[1].Anchor != "first" || !strings.Contains(s[1].Text, "one") || !strings.Contains(s[1].Text, "two") || !strings.Contains(s[1].Text, "d") {
		t.Errorf("first = %+v", s[1])
	}
	if s[2].Heading != "Second" || !strings.Contains(s[2].Text, "code") {
		t.Errorf("second = %+v", s[2])
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Keep evidence":              "keep-evidence",
		"What's next?  Step 2 — now": "whats-next-step-2-now",
		"ثبوت محفوظ کریں":            "ثبوت-محفوظ-کریں",
		"!!!":                        "section",
		"  Trim -- me -- ":           "trim-me",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

// fallbackFacts shows every fact in English, as a registry does for a
// language whose facts are not translated yet.
type fallbackFacts struct{ fakeFacts }

func (fallbackFacts) FallsBack(key, lang string) bool { return lang != "en" }

func TestAFactNotYetTranslatedIsMarkedForScreenReaders(t *testing.T) {
	c := New("sd", fallbackFacts{fakeFacts{"helpline": {"1991", "tel:1991", ""}}}, nil, WithFallback("en", "(not translated yet)"))
	source := []byte("Call {{< fact \"helpline\" >}}.\n")
	res := c.Convert(Page{Path: "content/sd/a.md", Rel: "a.md", Lang: "sd", Source: source, Offsets: diag.NewOffsets("content/sd/a.md", source)})
	if len(res.Diags) > 0 {
		t.Fatal(res.Diags)
	}
	want := `Call <span lang="en"><a href="tel:1991">1991/sd</a></span><span class="vh"> (not translated yet)</span>.`
	if !strings.Contains(string(res.HTML), want) {
		t.Errorf("got %s\nwant %s", res.HTML, want)
	}
}
