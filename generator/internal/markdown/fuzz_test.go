package markdown

import (
	"bytes"
	"strings"
	"testing"

	"mehfooz/generator/internal/diag"
)

// FuzzConvert: any body converts without panicking, and nothing the
// sanitiser promises to remove reaches the HTML.
func FuzzConvert(f *testing.F) {
	for _, s := range []string{
		"## A\n\ntext {{< fact \"helpline\" >}}",
		"[x](javascript:alert(1)) <script>x</script>",
		"{{< fact", "{{<>}}", "{{< fact \"\" >}}", "![](x.png)", "[a](../../../etc/passwd.md#x)",
		"## ثبوت {#id}\n\n### b\n", "<https://x.org> www.x.org a@b.org",
		"| a |\n|---|\n| {{< fact \"form\" >}} |",
		"[l](JaVaScRiPt:x) [m](\x01javascript:y) ![i](//evil/x.png)",
		"call 1991 or +92 51 9106691, s.20, دفعہ ۲۰, ۱۹۹۱ پر کال کریں, [x](tel:1991) example.org/x\nsection\n21",
		"فون 0800-39393\nای میل a@b.pk، *26A* `0800-1` [051-9106691](tel:1) https://x.org/a.",
	} {
		f.Add(s, true)
	}
	src := []Heading{{Level: 2, ID: "a"}, {Level: 3, ID: "b"}}
	f.Fuzz(func(t *testing.T, body string, translated bool) {
		front := "---\n---\n"
		source := []byte(front + body)
		p := Page{Path: "p.md", Rel: "guides/p.md", Lang: "en", Source: source, BodyOffset: len(front),
			Offsets: diag.NewOffsets("p.md", source)}
		if translated {
			p.HeadingIDs = src
		}
		res := New("en", facts, links).Convert(p)
		// Right to left, the LTR extension splits text nodes too.
		rtl := New("ur", facts, links).Convert(p)
		low := bytes.ToLower(append(res.HTML, rtl.HTML...))
		for _, bad := range []string{"<script", "href=\"javascript:", "src=\"javascript:", "href=\"data:", "href=\"vbscript:"} {
			if bytes.Contains(low, []byte(bad)) {
				t.Fatalf("HTML contains %q for %q:\n%s", bad, body, res.HTML)
			}
		}
		for _, e := range res.Diags {
			if e.Pos.File != "p.md" || (e.Pos.Line == 0 && !strings.Contains(e.Msg, "rendering")) {
				if e.Pos.Line == 0 && e.Rule == "heading-mismatch" {
					continue
				}
				t.Fatalf("diagnostic without position: %v", e)
			}
		}
	})
}

// FuzzShortcode: the shortcode lexer accepts a key or explains why not,
// and an accepted key is one word.
func FuzzShortcode(f *testing.F) {
	for _, s := range []string{` fact "helpline" `, `fact`, `fact "a b"`, `quote "x"`, `fact "\u0000"`, ``, `fact "x" extra`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, inner string) {
		key, problem := parseFact(inner)
		if (key == "") == (problem == "") {
			t.Fatalf("parseFact(%q) = %q, %q: want exactly one of key and problem", inner, key, problem)
		}
		if strings.ContainsAny(key, " \t\"") {
			t.Fatalf("key %q has spaces or quotes", key)
		}
	})
}
