package bidi

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
