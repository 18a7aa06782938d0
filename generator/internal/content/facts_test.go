package content

import (
	"reflect"
	"testing"
	"testing/fstest"

	"mehfooz/generator/internal/diag"
	"mehfooz/generator/internal/strictyaml"
)

var langs = []string{"en", "ur"}

func TestLoadFacts(t *testing.T) {
	src := `# The registry.
nccia-helpline:
  value: "1799"
  link: "tel:1799"
  source: "Arab News, 4 June 2025"
  source_url: "https://www.arabnews.pk/"
  verified_on: 2026-11-01
  level: reported

nccia-name:
  value:
    en: "National Cyber Crime Investigation Agency (NCCIA)"
    ur: "نیشنل سائبر کرائم انویسٹی گیشن ایجنسی"
  source: "Gazette"
  verified_on: 2026-11-01
  level: confirmed
drf-helpline: {value: 0800-39393, link: "tel:080039393", source: DRF, verified_on: 2026-10-01, level: corroborated, use: [emergency]}
`
	facts, diags := LoadFacts(fstest.MapFS{"facts.yaml": file(src)}, "facts.yaml", "content", langs)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	if got, want := facts.Keys(), []string{"nccia-helpline", "nccia-name", "drf-helpline"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Keys() = %v, want %v", got, want)
	}
	for _, tc := range []struct {
		key, lang, text, link string
		check, ok             bool
	}{
		{"nccia-helpline", "ur", "1799", "tel:1799", true, true},
		{"nccia-name", "ur", "نیشنل سائبر کرائم انویسٹی گیشن ایجنسی", "", false, true},
		{"nccia-name", "en", "National Cyber Crime Investigation Agency (NCCIA)", "", false, true},
		{"drf-helpline", "en", "0800-39393", "tel:080039393", false, true},
		{"drf-helpline", "fr", "", "tel:080039393", false, false},
		{"nccia-helpine", "en", "", "", false, false},
	} {
		text, link, check, ok := facts.Fact(tc.key, tc.lang)
		if text != tc.text || link != tc.link || check != tc.check || ok != tc.ok {
			t.Errorf("Fact(%q, %q) = %q, %q, %v, %v; want %q, %q, %v, %v",
				tc.key, tc.lang, text, link, check, ok, tc.text, tc.link, tc.check, tc.ok)
		}
	}
	f, ok := facts.Lookup("nccia-name")
	if !ok || f.Pos != (diag.Pos{File: "content/facts.yaml", Line: 10, Col: 1}) || f.VerifiedOn != strictyaml.NewDate(2026, 11, 1) ||
		f.Source != "Gazette" || f.Level != Confirmed {
		t.Errorf("Lookup(nccia-name) = %+v", f)
	}
	if f := facts.Entries()[0]; f.SourceURL != "https://www.arabnews.pk/" {
		t.Errorf("source_url = %q", f.SourceURL)
	}
	// Only a reported fact asks readers to check it.
	for key, want := range map[string]Level{"nccia-helpline": Reported, "nccia-name": Confirmed, "drf-helpline": Corroborated} {
		if f, _ := facts.Lookup(key); f.Level != want || f.Check != (want == Reported) {
			t.Errorf("%s: level %q check %v, want %q", key, f.Level, f.Check, want)
		}
	}
}

func TestFactUseAndAge(t *testing.T) {
	src := `a: {value: x, source: s, verified_on: 2026-11-01, level: confirmed, use: [emergency, money]}
b: {value: y, source: s, verified_on: 2026-09-15, level: reported}
c: {value: z, source: s, verified_on: 2026-12-01, level: corroborated}
`
	facts, diags := LoadFacts(fstest.MapFS{"facts.yaml": file(src)}, "facts.yaml", "content", langs)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	a, _ := facts.Lookup("a")
	b, _ := facts.Lookup("b")
	if !a.Has(Emergency) || !a.Has(Money) || b.Has(Emergency) {
		t.Errorf("uses: a %v, b %v", a.Use, b.Use)
	}
	// The page stands behind its oldest fact; unknown keys are ignored.
	if got := facts.OldestVerified([]string{"a", "b", "c", "nope"}); got != strictyaml.NewDate(2026, 9, 15).Time {
		t.Errorf("OldestVerified = %v", got)
	}
	if got := facts.OldestVerified([]string{"c", "a"}); got != strictyaml.NewDate(2026, 11, 1).Time {
		t.Errorf("OldestVerified(c, a) = %v", got)
	}
	if got := facts.OldestVerified(nil); !got.IsZero() {
		t.Errorf("OldestVerified(nil) = %v", got)
	}
}

func TestLoadFactsWithoutAFile(t *testing.T) {
	facts, diags := LoadFacts(fstest.MapFS{}, "facts.yaml", "content", langs)
	if len(diags) > 0 || len(facts.Keys()) != 0 {
		t.Errorf("facts %v, diags %v", facts.Keys(), diags)
	}
	var none *Facts
	if _, _, _, ok := none.Fact("x", "en"); ok || none.Keys() != nil {
		t.Error("a nil registry must answer empty")
	}
}

func TestFactsErrors(t *testing.T) {
	const f = "content/facts.yaml"
	for _, tc := range []struct {
		name, src, want string
	}{
		{"unknown field", "a:\n  value: x\n  source: s\n  verified_on: 2026-11-01\n  level: confirmed\n  verified: 2026-11-01\n",
			f + `:6:3: unknown key "verified" in a | hint: did you mean "verified_on"?`},
		{"missing source and date", "a:\n  value: x\n",
			f + `:2:3: missing required key "level" in a | hint: add a line "level: …"` + "\n" +
				f + `:2:3: missing required key "source" in a | hint: add a line "source: …"` + "\n" +
				f + `:2:3: missing required key "verified_on" in a | hint: add a line "verified_on: …"`},
		{"fact with nothing", "a:\n",
			f + `:1:3: missing required key "level" in a | hint: add a line "level: …"` + "\n" +
				f + `:1:3: missing required key "source" in a | hint: add a line "source: …"` + "\n" +
				f + `:1:3: missing required key "value" in a | hint: add a line "value: …"` + "\n" +
				f + `:1:3: missing required key "verified_on" in a | hint: add a line "verified_on: …"`},
		{"unknown level", "a:\n  value: x\n  source: s\n  verified_on: 2026-11-01\n  level: official\n",
			f + `:5:10: a.level: want confirmed, corroborated or reported, found "official" | hint: confirmed: an official or primary source says it; corroborated: two or more independent sources agree; reported: one source`},
		{"misspelt level", "a: {value: x, source: s, verified_on: 2026-11-01, level: corroborate}\n",
			f + `:1:58: a.level: want confirmed, corroborated or reported, found "corroborate" | hint: did you mean "corroborated"?`},
		{"old check key", "a:\n  value: x\n  source: s\n  verified_on: 2026-11-01\n  check: true\n",
			f + `:2:3: missing required key "level" in a | hint: add a line "level: …"` + "\n" +
				f + `:5:3: a: check is replaced by level | hint: write level: reported (one source), corroborated (two or more agree) or confirmed (an official source), and remove check`},
		{"unknown use", "a:\n  value: x\n  source: s\n  verified_on: 2026-11-01\n  level: confirmed\n  use: [emergency, loans]\n",
			f + `:6:20: a.use: want emergency or money, found "loans" | hint: emergency: a number or place for someone in danger now; money: where to complain about money taken, or its rules; or leave use out`},
		{"bad date", "a: {value: x, source: s, verified_on: 1/11/2026, level: confirmed}\n",
			f + `:1:39: a.verified_on: want a date like 2026-11-24, found "1/11/2026"`},
		{"value missing a language falls back to the source language", "a:\n  value: {en: x}\n  source: s\n  verified_on: 2026-11-01\n  level: confirmed\n",
			f + `:1:1: warning: 1 fact has no "ur" text and shows the "en" text instead: a | hint: add ur: "…" under each value; readers of ur are told the fact is in another language until then; mehfooz facts --missing ur lists them all`},
		{"value missing the source language", "a:\n  value: {ur: x}\n  source: s\n  verified_on: 2026-11-01\n  level: confirmed\n",
			f + `:2:10: a.value has no "en" text | hint: add en: "…" under value, or write one value for every language`},
		{"value with an empty language", "a:\n  value:\n    en: x\n    ur:\n  source: s\n  verified_on: 2026-11-01\n  level: confirmed\n",
			f + `:4:8: a.value.ur is empty | hint: write the text in this language`},
		{"value with an unknown language", "a:\n  value: {en: x, ur: y, urd: z}\n  source: s\n  verified_on: 2026-11-01\n  level: confirmed\n",
			f + `:2:25: a.value: "urd" is not a language of the site | hint: did you mean "ur"?`},
		{"value with a list", "a:\n  value: {en: x, ur: [y]}\n  source: s\n  verified_on: 2026-11-01\n  level: confirmed\n",
			f + `:2:22: a.value.ur: want text, found a list`},
		{"value as a list", "a:\n  value: [x, y]\n  source: s\n  verified_on: 2026-11-01\n  level: confirmed\n",
			f + `:2:10: a.value: want text, or a mapping of language: text, found a list | hint: write value: "…", or value: {en: "…", ur: "…"}`},
		{"empty value", "a:\n  value: \"\"\n  source: s\n  verified_on: 2026-11-01\n  level: confirmed\n",
			f + `:2:10: required key "value" is empty | hint: write a value after "value:"`},
		{"link scheme", "a:\n  value: x\n  link: http://example.org\n  source: s\n  verified_on: 2026-11-01\n  level: confirmed\n",
			f + `:3:9: a.link: want an https://, tel: or mailto: link, found "http://example.org" | hint: write e.g. tel:1799, mailto:helpdesk@example.org or https://example.org/`},
		{"empty tel link", "a:\n  value: x\n  link: \"tel:\"\n  source: s\n  verified_on: 2026-11-01\n  level: confirmed\n",
			f + `:3:9: a.link: want an https://, tel: or mailto: link, found "tel:" | hint: write e.g. tel:1799, mailto:helpdesk@example.org or https://example.org/`},
		{"source over http", "a:\n  value: x\n  source: s\n  source_url: http://example.org\n  verified_on: 2026-11-01\n  level: confirmed\n",
			f + `:4:15: a.source_url: want an https:// address, found "http://example.org" | hint: link the source's https:// page, or leave source_url out and describe the source in source`},
		{"bad key characters", "NCCIA_Helpline:\n  value: x\n  source: s\n  verified_on: 2026-11-01\n  level: confirmed\n",
			f + `:1:1: fact key "NCCIA_Helpline" may use only lowercase letters a-z, digits and "-" | hint: write "nccia-helpline", and cite it as {{< fact "nccia-helpline" >}}`},
		{"duplicate key", "a: {value: x, source: s, verified_on: 2026-11-01, level: confirmed}\na: {value: y, source: s, verified_on: 2026-11-01, level: confirmed}\n",
			f + `:2:1: duplicate key "a" | hint: it is already set on line 1; keep one of them`},
		{"not a mapping", "- a\n",
			f + `:1:1: want a mapping, found a list`},
		{"Urdu text keeps columns", "a:\n  value: {en: x, ur: \"ثبوت\", fr: y}\n  source: s\n  verified_on: 2026-11-01\n  level: confirmed\n",
			f + `:2:30: a.value: "fr" is not a language of the site | hint: languages are en, ur`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := LoadFacts(fstest.MapFS{"facts.yaml": file(tc.src)}, "facts.yaml", "content", langs)
			diags.Sort()
			if got := messages(diags); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}
