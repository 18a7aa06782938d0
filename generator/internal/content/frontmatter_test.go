package content

import (
	"reflect"
	"strings"
	"testing"

	"mehfooz/generator/internal/diag"
	"mehfooz/generator/internal/strictyaml"
)

// messages prints a diagnostic list one diagnostic per line, hints inline.
func messages(l diag.List) string {
	return strings.ReplaceAll(l.Error(), "\n\t", " | ")
}

// page is a page whose front matter has the required keys on lines 2 to 4,
// then extra from line 5.
func page(extra string) string {
	return "---\ntitle: x\ndescription: y\nreviewed: 2026-11-24\n" + extra + "---\nBody.\n"
}

func TestFrontMatterErrors(t *testing.T) {
	const path = "content/ur/guides/evidence.md"
	for _, tc := range []struct {
		name, src, want string
	}{
		{"unknown key", "---\ntitel: ثبوت\ndescription: y\nreviewed: 2026-11-24\n---\n",
			path + `:2:1: unknown key "titel" | hint: did you mean "title"?`},
		{"unknown key far from every key", page("colour: red\n"),
			path + `:5:1: unknown key "colour" | hint: allowed keys: title, description, kind, weight, draft, topics, reviewed, sources, aliases, date, lastmod, translated_from, guides, duration, audience`},
		{"missing keys", "---\nweight: 1\n---\n",
			path + `:2:1: missing required key "title" | hint: add a line "title: …"` + "\n" +
				path + `:2:1: missing required key "description" | hint: add a line "description: …"` + "\n" +
				path + `:2:1: missing required key "reviewed" | hint: add a line "reviewed: …"`},
		{"empty front matter", "---\n---\nBody",
			path + `:2:1: missing required key "title" | hint: add a line "title: …"` + "\n" +
				path + `:2:1: missing required key "description" | hint: add a line "description: …"` + "\n" +
				path + `:2:1: missing required key "reviewed" | hint: add a line "reviewed: …"`},
		{"wrong date", "---\ntitle: x\ndescription: y\nreviewed: yesterday\n---\n",
			path + `:4:11: reviewed: want a date like 2026-11-24, found "yesterday"`},
		{"wrong weight", page("weight: first\n"),
			path + `:5:9: weight: want a whole number, found "first"`},
		{"unknown kind suggests the nearest", page("kind: guid\n"),
			path + `:5:7: unknown kind "guid" | hint: did you mean "guide"?`},
		{"unknown kind lists the kinds", page("kind: article\n"),
			path + `:5:7: unknown kind "article" | hint: kinds are guide, platform, complaint, workflow, workshop, page, letter, log, offline; or leave kind out to use the section's default`},
		{"description too long", "---\ntitle: x\ndescription: " + strings.Repeat("ب", 161) + "\nreviewed: 2026-11-24\n---\n",
			path + `:3:14: description is 161 characters long | hint: keep it to one sentence of at most 160 characters`},
		{"topic not lowercase", page("topics: [evidence, Blackmail]\n"),
			path + `:5:20: topic "Blackmail" is not lowercase | hint: write "blackmail"`},
		{"topic not ASCII", page("topics:\n  - ثبوت\n"),
			path + `:6:5: topic "ثبوت" is not lowercase ASCII words | hint: topics are the same in every language: use English words in a-z and 0-9, separated by a space or "-"`},
		{"source without url", page("sources:\n  - title: FIA\n"),
			path + `:6:5: missing required key "url" in sources[0] | hint: add a line "url: …"`},
		{"source over http", page("sources:\n  - {title: FIA, url: \"http://fia.gov.pk\"}\n"),
			path + `:6:23: sources[0].url: want an https:// address, found "http://fia.gov.pk" | hint: link the source's https:// page`},
		{"source url is not an address", page("sources:\n  - title: FIA\n    url: fia.gov.pk\n"),
			path + `:7:10: sources[0].url: want an https:// address, found "fia.gov.pk" | hint: link the source's https:// page`},
		{"sources is not a list", page("sources: https://fia.gov.pk\n"),
			path + `:5:10: sources: want a list, found "https://fia.gov.pk" | hint: write a list as [a, b], or as one "- item" line per item`},
		{"colon in a title", "---\ntitle: Step 2: report it\ndescription: y\nreviewed: 2026-11-24\n---\n",
			path + `:2:8: unexpected ":" after a value | hint: put a value that contains ": " in double quotes, e.g. title: "Step 2: report it"; otherwise check the indentation`},
		{"CRLF and a byte order mark", "\uFEFF---\r\ntitle: x\r\ndescription: y\r\nreviewed: 2026-11-24\r\ndraft: no\r\n---\r\n",
			path + `:5:8: draft: want true or false, found "no"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := parsePage(Asset{Path: path, Lang: "ur", Rel: "guides/evidence.md"}, []byte(tc.src))
			if got := messages(diags); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestFrontMatterValues(t *testing.T) {
	src := `---
title: "Someone is blackmailing me with photos"
description: "What to do first."
kind: workshop
weight: 10
draft: true
topics: [blackmail, intimate images, sim-swap]
reviewed: 2026-11-24
sources:
  - title: "Meta: Not Without My Consent"
    url: "https://www.facebook.com/safety/notwithoutmyconsent"
aliases: [old-name/]
date: 2026-01-02
lastmod: 2026-03-04
translated_from: "sha256:abc"
guides:
  - ../guides/evidence.md
duration: "90 minutes"
audience: "Young women, 16 and over"
---
Body.
`
	f, diags := parsePage(Asset{Path: "p.md", Lang: "en", Rel: "workshops/basics.md"}, []byte(src))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	m := f.Meta
	want := FrontMatter{
		Title: "Someone is blackmailing me with photos", Description: "What to do first.", Kind: "workshop",
		Weight: 10, Draft: true, Topics: []string{"blackmail", "intimate images", "sim-swap"},
		Reviewed: strictyaml.NewDate(2026, 11, 24),
		Sources:  []Source{{Title: "Meta: Not Without My Consent", URL: "https://www.facebook.com/safety/notwithoutmyconsent"}},
		Aliases:  []string{"old-name/"}, Date: strictyaml.NewDate(2026, 1, 2), Lastmod: strictyaml.NewDate(2026, 3, 4),
		TranslatedFrom: "sha256:abc", Guides: []string{"../guides/evidence.md"},
		Duration: "90 minutes", Audience: "Young women, 16 and over",
		Pos: m.Pos,
	}
	if !reflect.DeepEqual(m, want) {
		t.Errorf("got  %+v\nwant %+v", m, want)
	}
	if got := m.Pos.Value("guides[0]"); got != (diag.Pos{File: "p.md", Line: 17, Col: 5}) {
		t.Errorf("guides[0] at %v", got)
	}
	if string(f.Body) != "Body.\n" || string(f.Source[f.BodyOffset:]) != "Body.\n" {
		t.Errorf("body %q at %d", f.Body, f.BodyOffset)
	}
}

func TestValidKind(t *testing.T) {
	for _, k := range Kinds {
		if !ValidKind(k) {
			t.Errorf("ValidKind(%q) = false", k)
		}
	}
	if ValidKind("list") || ValidKind("") {
		t.Error("ValidKind accepts a kind front matter cannot name")
	}
}
