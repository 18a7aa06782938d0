package markdown

import (
	"strings"
	"testing"
)

func TestLTRRuns(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"ہیلپ لائن 0800-39393 پر", "0800-39393"},
		{"مثلاً 12345-1234567-1", "12345-1234567-1"},
		{"فون +92 51 9106691 پر", "+92 51 9106691"},
		{"دفعہ 26A کے تحت", "26A"},
		{"50,000 روپے", "50,000"},
		{"ای میل helpdesk@digitalrightsfoundation.pk پر۔", "helpdesk@digitalrightsfoundation.pk"},
		{"دیکھیں https://example.org/a/b, پھر", "https://example.org/a/b"},
		{"سائٹ stopncii.org پر", "stopncii.org"},
		{"پولیس 15 پر", ""},
		{"سال 2026 میں", ""},
	} {
		var got []string
		for _, r := range LTRRuns(c.in) {
			got = append(got, c.in[r[0]:r[1]])
		}
		if strings.Join(got, "|") != c.want {
			t.Errorf("LTRRuns(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestIsolateLTR(t *testing.T) {
	got := IsolateLTR("نمبر 0800-39393 اور a@b.pk <x>")
	want := `نمبر <bdi dir="ltr">0800-39393</bdi> اور <bdi dir="ltr" class="addr">a@<wbr>b<wbr>.pk</bdi> &lt;x&gt;`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

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
