package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mehfooz/generator/internal/output"
)

// levelFacts has one fact at each level; police 15 and Rescue 1122 are
// the numbers a reader in danger dials, and must never look doubtful.
const levelFacts = `helpline: {value: "1991", link: "tel:1991", source: test, verified_on: 2026-11-01, level: confirmed}
police-emergency: {value: "15", link: "tel:15", source: test, verified_on: 2026-10-20, level: corroborated, use: [emergency]}
rescue-emergency: {value: "1122", link: "tel:1122", source: test, verified_on: 2026-11-05, level: confirmed, use: [emergency]}
sms-line: {value: "8866", source: test, verified_on: 2026-09-30, level: reported}
`

// TestFactLevels: the quiet marker follows a reported fact only, in both
// languages, and each page that shows facts names the oldest date they
// were checked on.
func TestFactLevels(t *testing.T) {
	in, dir := testSite(t, map[string]string{
		"facts.yaml":           levelFacts,
		"en/guides/threats.md": page("Threats", "Intro.\n\n## What to do\n\nCall {{< fact \"police-emergency\" >}} or {{< fact \"rescue-emergency\" >}}, or text {{< fact \"sms-line\" >}} today.\n"),
		"ur/guides/threats.md": page("دھمکیاں", "تعارف۔\n\n## کیا کریں\n\n{{< fact \"police-emergency\" >}} یا {{< fact \"rescue-emergency\" >}} پر فون کریں، یا {{< fact \"sms-line\" >}} پر پیغام بھیجیں۔\n"),
	})
	w, err := output.New(filepath.Join(dir, "public"))
	if err != nil {
		t.Fatal(err)
	}
	if _, diags := Run(in, w); diags.Err() != nil {
		t.Fatal(diags)
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join(dir, "public", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	for _, tc := range []struct {
		page, marker, checked string
	}{
		{"en/guides/threats/index.html", `8866 <small class="reported">(one source)</small> today`,
			`<p class="facts-checked">Facts on this page last checked on 30 September 2026.</p>`},
		{"ur/guides/threats/index.html", `8866 <small class="reported">(ایک ذریعے کے مطابق)</small> پر پیغام`,
			`<p class="facts-checked">اس صفحے کی معلومات آخری بار 30 ستمبر 2026 کو جانچی گئیں۔</p>`},
	} {
		html := read(tc.page)
		if !strings.Contains(html, tc.marker) {
			t.Errorf("%s: no marker after the reported fact (%s)", tc.page, tc.marker)
		}
		// One marker in the text and one in the note that explains it.
		if n := strings.Count(html, `class="reported"`); n != 2 {
			t.Errorf("%s: %d markers, want 2 (the reported fact and the note)", tc.page, n)
		}
		for _, n := range []string{`tel:15">15</a>`, `tel:1122">1122</a>`} {
			if i := strings.Index(html, n); i < 0 || strings.HasPrefix(strings.TrimSpace(html[i+len(n):]), "<small") {
				t.Errorf("%s: %s missing or marked", tc.page, n)
			}
		}
		if !strings.Contains(html, tc.checked) {
			t.Errorf("%s: no %s", tc.page, tc.checked)
		}
		if !strings.Contains(html, `class="check-note"`) {
			t.Errorf("%s: no note explaining the marker", tc.page)
		}
	}
	// Pages with only confirmed and corroborated facts: no marker, no
	// note, still the date line; pages without facts: no line at all.
	home := read("en/index.html")
	if strings.Contains(home, `class="reported"`) || strings.Contains(home, `class="check-note"`) {
		t.Error("en/: marker or note beside a confirmed fact")
	}
	if !strings.Contains(home, "last checked on 1 November 2026.") {
		t.Error("en/: no facts-checked line")
	}
	if ev := read("en/guides/evidence/index.html"); strings.Contains(ev, "facts-checked") {
		t.Error("en/guides/evidence/: a facts-checked line on a page without facts")
	}
}
