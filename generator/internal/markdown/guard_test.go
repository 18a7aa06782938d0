package markdown

import (
	"mehfooz/internal/wanttest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestInvalid converts each testdata/invalid/<case>/input.md (a page body
// after a three-line front matter) and wants exactly the diagnostics in
// want.txt beside it, and no style= attribute in what it renders.
// -update rewrites want.txt.
func TestInvalid(t *testing.T) {
	wanttest.Cases(t, "testdata/invalid/*", *update, func(t *testing.T, dir string) string {
		src, err := os.ReadFile(filepath.Join(dir, "input.md"))
		if err != nil {
			t.Fatal(err)
		}
		res := convert(t, "en", string(src), nil)
		var got strings.Builder
		for _, d := range res.Diags {
			if d.Rule == ruleProseFact {
				continue // the hostile inputs state addresses on purpose; prosefacts_test covers the rule
			}
			got.WriteString(d.Error() + "\n")
		}
		if res.Diags.Errors() == 0 {
			t.Error("no error")
		}
		if strings.Contains(string(res.HTML), "style=") {
			t.Errorf("style= reached the page:\n%s", res.HTML)
		}
		return got.String()
	})
}

func TestAlignedCellsUseClasses(t *testing.T) {
	res := convert(t, "en", "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n", nil)
	html := string(res.HTML)
	if len(res.Diags) != 0 || strings.Contains(html, "style=") ||
		!strings.Contains(html, `<th class="align-left">a</th>`) || !strings.Contains(html, `<td class="align-right">3</td>`) {
		t.Errorf("diags %v, html:\n%s", res.Diags, html)
	}
	css, err := os.ReadFile("../../../static/css/site.css")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{".align-left", ".align-center", ".align-right"} {
		if !strings.Contains(string(css), c) {
			t.Errorf("static/css/site.css does not define %s", c)
		}
	}
}

func TestAutolinksKeepTheirScheme(t *testing.T) {
	res := convert(t, "en", "Call <tel:1799> or write <mailto:help@example.org>, or see <https://example.org/x>.\n", nil)
	html := string(res.HTML)
	for _, want := range []string{`<a href="tel:1799">tel:1799</a>`, `<a href="mailto:help@example.org">mailto:help@example.org</a>`, `href="https://example.org/x"`} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s in:\n%s", want, html)
		}
	}
	for _, d := range res.Diags {
		if d.Rule != ruleProseFact {
			t.Error(d)
		}
	}
}

// TestRepeatedHeadingIDs: repeats of one heading get -1, -2, … without
// colliding with an explicit id; the suffix search resumes where it left
// off, so 20,000 repeats cost linear time (BenchmarkRepeatedHeadings).
func TestRepeatedHeadingIDs(t *testing.T) {
	res := convert(t, "en", "## same\n\n## same {#same-2}\n\n## same\n\n## same\n\n## same\n", nil)
	var ids []string
	for _, h := range res.Headings {
		ids = append(ids, h.ID)
	}
	if got := strings.Join(ids, " "); got != "same same-2 same-1 same-3 same-4" {
		t.Errorf("ids = %s", got)
	}
}

func BenchmarkRepeatedHeadings(b *testing.B) {
	body := strings.Repeat("## same\n\n", 20000)
	c := New("en", facts, links)
	for b.Loop() {
		c.Convert(Page{Path: "x.md", Rel: "x.md", Lang: "en", Source: []byte(body)})
	}
}

// TestLayoutIDsAreReserved: an explicit id may not take an id the layouts
// use, nor one of the ids a layout makes with a prefix.
func TestLayoutIDsAreReserved(t *testing.T) {
	body := "## Out {#letter-out-h}\n\n## Link {#lk-x}\n\n## Fine {#fine}\n"
	c := New("en", facts, links, WithReservedIDs("letter-out-h", "lk-"))
	res := c.Convert(Page{Path: "x.md", Rel: "x.md", Lang: "en", Source: []byte(body)})
	got := diagStrings(res.Diags)
	if len(got) != 2 || got[0] != "x.md:1:8 heading-id" || got[1] != "x.md:3:9 heading-id" {
		t.Errorf("diags = %v", got)
	}
}
