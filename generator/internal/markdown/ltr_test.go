package markdown

import (
	"strings"
	"testing"
)

func TestLTRInUrduProseAndFacts(t *testing.T) {
	r := convert(t, "ur", "ہیلپ لائن 0800-39393 پر فون کریں، یا {{< fact \"helpline\" >}}۔ شناختی کارڈ 12345-1234567-1\nای میل <helpdesk@example.pk> یا `0800-1 کوڈ`\n", nil)
	html := string(r.HTML)
	for _, want := range []string{
		`<bdi dir="ltr">0800-39393</bdi> پر`,
		`<bdi dir="ltr">12345-1234567-1</bdi>`,
		`<bdi dir="ltr" class="addr"><a href="mailto:helpdesk@example.pk">`,
		`<code>0800-1 کوڈ</code>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s in\n%s", want, html)
		}
	}
	// English pages are left as written.
	en := string(convert(t, "en", "Call 0800-39393.\n", nil).HTML)
	if strings.Contains(en, "bdi") {
		t.Errorf("English page got isolates: %s", en)
	}
}

func TestLeadSectionMovesFirst(t *testing.T) {
	r := convert(t, "en", "Intro.\n\n## What this sounds like\n\nA.\n\n## What to do first\n\n1. Step.\n\n### Detail\n\nD.\n\n## Where to get help\n\nH.\n", nil)
	html := string(r.HTML)
	i, j, k := strings.Index(html, "Intro."), strings.Index(html, `id="what-to-do-first"`), strings.Index(html, `id="what-this-sounds-like"`)
	if !(i < j && j < k) || !strings.Contains(html, "Step.</li>\n</ol>\n<h3") {
		t.Errorf("lead section not moved before the first heading:\n%s", html)
	}
	// A translation's headings take their ids by position from the
	// source's written order, and move the same way.
	ur := convert(t, "ur", "## الف\n\nA.\n\n## ب\n\n1. Step.\n\n### ج\n\nD.\n\n## د\n\nH.\n", r.Headings)
	if !strings.HasPrefix(string(ur.HTML), `<h2 id="what-to-do-first">ب</h2>`) {
		t.Errorf("translation moved wrongly:\n%s", ur.HTML)
	}
}
