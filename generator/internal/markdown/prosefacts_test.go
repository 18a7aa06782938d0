package markdown

import (
	"strings"
	"testing"

	"mehfooz/generator/internal/diag"
)

var registry = fakeFacts{
	"police-emergency": {"15", "tel:15", ""},
	"rescue-emergency": {"1122", "tel:1122", ""},
	"fia-helpline":     {"1991", "tel:1991", ""},
	"nccia-landline":   {"051-9106691", "tel:+92519106691", ""},
	"peca-s20":         {"section 20", "", "check"},
	"peca-s21":         {"section 21", "", ""},
	"ppc-s509":         {"section 509", "", ""},
	"peca-bill-s21":    {"section 21 of the 2015 bill", "", ""},
	"stopncii":         {"StopNCII.org", "https://stopncii.org/", ""},
}

// proseDiags converts body as a page of lang and returns its prose-fact
// warnings as "line:col message | hint".
func proseDiags(t *testing.T, lang, body string) []string {
	t.Helper()
	front := "---\ntitle: T\n---\n"
	source := []byte(front + body)
	file := "content/" + lang + "/guides/x.md"
	c := New(lang, registry, links)
	res := c.Convert(Page{Path: file, Rel: "guides/x.md", Lang: lang, Source: source, BodyOffset: len(front),
		Offsets: diag.NewOffsets(file, source)})
	var out []string
	for _, e := range res.Diags {
		if e.Rule != ruleProseFact {
			t.Errorf("unexpected %v", e)
			continue
		}
		if e.Severity != diag.SevWarning {
			t.Errorf("%v: want a warning; check escalates it", e)
		}
		out = append(out, strings.TrimPrefix(e.Pos.String(), file+":")+" "+e.Msg+" | "+e.Hint)
	}
	return out
}

func TestProseFacts(t *testing.T) {
	const (
		useFact = " | write {{< fact %q >}}"
		addNum  = ` | add the number to content/facts.yaml with its source, then write {{< fact "key" >}}`
	)
	for _, tc := range []struct {
		name, lang, body string
		want             []string // line:col message | hint
	}{
		// Phone numbers.
		{"a long number that is a fact", "en", "Call the agency on 051-9106691 today.\n",
			[]string{`4:20 prose states phone number "051-9106691"; write it through the facts register | write {{< fact "nccia-landline" >}}`}},
		{"the same number written with +92 and spaces", "en", "Ring +92 51 9106691.\n",
			[]string{`4:6 prose states phone number "+92 51 9106691"; write it through the facts register | write {{< fact "nccia-landline" >}}`}},
		{"a number not in the register", "en", "Text 0300-1234567.\n",
			[]string{`4:6 prose states phone number "0300-1234567"; write it through the facts register` + addNum}},
		{"a short fact number after call", "en", "If you are in danger, call 15.\n",
			[]string{`4:28 prose states phone number "15"; write it through the facts register | write {{< fact "police-emergency" >}}`}},
		{"a four-digit fact number that is no year", "en", "Rescue teams answer 1122 day and night.\n",
			[]string{`4:21 prose states phone number "1122"; write it through the facts register | write {{< fact "rescue-emergency" >}}`}},
		{"a tel: link", "en", "[Call us](tel:1991)\n",
			[]string{`4:1 prose states phone number "1991"; write it through the facts register | write {{< fact "fia-helpline" >}}`}},
		{"Urdu digits, Urdu word order", "ur", "فوری خطرے میں ۱۱۲۲ پر کال کریں۔\n",
			[]string{`4:15 prose states phone number "۱۱۲۲"; write it through the facts register | write {{< fact "rescue-emergency" >}}`}},
		{"Urdu: number after نمبر", "ur", "پولیس کا نمبر 15 ہے۔\n",
			[]string{`4:15 prose states phone number "15"; write it through the facts register | write {{< fact "police-emergency" >}}`}},
		// Law sections.
		{"section in words", "en", "This is an offence under section 21 of PECA.\n",
			[]string{`4:26 prose states law section "section 21"; write it through the facts register | write {{< fact "peca-s21" >}}, or {{< fact "peca-bill-s21" >}} when it is the 2015 bill's number`}},
		{"s.20 and PECA 2016 s.21", "en", "Not s.20 but PECA 2016 s.21.\n",
			[]string{
				`4:5 prose states law section "s.20"; write it through the facts register | write {{< fact "peca-s20" >}}`,
				`4:24 prose states law section "s.21"; write it through the facts register | write {{< fact "peca-s21" >}}, or {{< fact "peca-bill-s21" >}} when it is the 2015 bill's number`}},
		{"a PPC section", "en", "Section 509 of the Penal Code.\n",
			[]string{`4:1 prose states law section "Section 509"; write it through the facts register | write {{< fact "ppc-s509" >}}`}},
		{"a section not in the register", "en", "Read section 99.\n",
			[]string{`4:6 prose states law section "section 99"; write it through the facts register | add the section to content/facts.yaml with its source, then write {{< fact "key" >}}`}},
		{"Urdu دفعہ", "ur", "یہ دفعہ 20 کے تحت آتا ہے۔\n",
			[]string{`4:4 prose states law section "دفعہ 20"; write it through the facts register | write {{< fact "peca-s20" >}}`}},
		// Addresses.
		{"an outside link that is a fact", "en", "Use [StopNCII](https://stopncii.org/).\n",
			[]string{`4:5 prose states address "https://stopncii.org/"; write it through the facts register | write {{< fact "stopncii" >}}`}},
		{"an autolink on the host of a fact", "en", "See https://stopncii.org/how-it-works today.\n",
			[]string{`4:5 prose states address "https://stopncii.org/how-it-works"; write it through the facts register | write {{< fact "stopncii" >}}, or add this address to content/facts.yaml with its source`}},
		{"a bare address in Urdu prose", "ur", "ویب سائٹ example.org/help پر جائیں۔\n",
			[]string{`4:10 prose states address "example.org/help"; write it through the facts register | add the address to content/facts.yaml with its source, then write {{< fact "key" >}}; sources of the page go in its front matter`}},
		// What does not count.
		{"facts, years, days, codes and internal links", "en",
			"Call {{< fact \"police-emergency\" >}} or {{< fact \"rescue-emergency\" >}}; under {{< fact \"peca-s21\" >}}, see [the guide](evidence.md).\n\n" +
				"The Act of 2016 was amended in 2025. Wait 15 days, then 1-2 weeks. Dial *#21# to check forwarding. Mail help@example.org. Read it in `s.20`.\n\n" +
				"In 1991 nothing happened. Dated 2026-12-06.\n",
			nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := proseDiags(t, tc.lang, tc.body)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// The byte-level filters in front of the expressions must let through
// every text the rune-level checks they replaced let through.
func TestProseFilters(t *testing.T) {
	for _, c := range []struct {
		s             string
		digit, domain bool
	}{
		{"no numbers here", false, false},
		{"call 1099", true, false},
		{"دفعہ ۲۰", true, false},  // extended Arabic-Indic
		{"رقم ٢٠", true, false},   // Arabic-Indic
		{"ؠ ٪ ۔ ۺ", false, false}, // near the digits, not digits
		{"see FIA.GOV.pk now", false, true},
		{"a.b.c.Info", false, true},
		{"ends with a dot.", false, false},
		{"dot.i", false, false},
		{"x.p\u212a", false, true}, // Kelvin sign: ToLower makes it k
		{"x.\u0130o", false, true}, // dotted capital I: ToLower makes it i
	} {
		if got := hasAnyDigit(c.s); got != c.digit {
			t.Errorf("hasAnyDigit(%q) = %v, want %v", c.s, got, c.digit)
		}
		if got := mayHoldDomain(c.s); got != c.domain {
			t.Errorf("mayHoldDomain(%q) = %v, want %v", c.s, got, c.domain)
		}
		old := strings.IndexFunc(c.s, func(r rune) bool { return digitValue(r) >= 0 }) >= 0
		if old != c.digit {
			t.Errorf("case %q: the rune check says digit=%v", c.s, old)
		}
	}
}

// BenchmarkProseFilters runs the filters over a run of Urdu and of
// English prose with no digit and no domain, the common case.
func BenchmarkProseFilters(b *testing.B) {
	ur := strings.Repeat("اگر کوئی آپ کو آن لائن ہراساں کرے تو ثبوت محفوظ کریں۔ ", 8)
	en := strings.Repeat("If someone harasses you online, keep the evidence first. ", 8)
	for b.Loop() {
		for _, s := range []string{ur, en} {
			if hasAnyDigit(s) || mayHoldDomain(s) {
				b.Fatal("filter let plain prose through")
			}
		}
	}
}
