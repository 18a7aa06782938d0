package pipeline

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/rand"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"mehfooz/generator/internal/diag"
	"mehfooz/generator/internal/output"
)

// noisyPNG is an incompressible image of about n KB.
func noisyPNG(t *testing.T, side int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, side, side))
	r := rand.New(rand.NewSource(1))
	for i := range img.Pix {
		img.Pix[i] = byte(r.Intn(256))
	}
	img.Set(0, 0, color.Black)
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}

// TestEveryCheckRule trips each rule with a small fixture and asserts the
// rule id and the exact position reported.
func TestEveryCheckRule(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		setup func(in *Input)
		rule  string
		at    string // file suffix:line:col
	}{
		{"front matter", map[string]string{"en/guides/threats.md": "---\ntitle: x\ndescription: y\nreviewed: 2026-11-01\ncolour: red\n---\n"},
			nil, "unknown-key", "en/guides/threats.md:5:1"},
		{"unknown fact", map[string]string{"en/guides/threats.md": page("Threats", "Intro.\n\n## What to do\n\nCall {{< fact \"nope\" >}}.\n")},
			nil, "unknown-fact", "en/guides/threats.md:10:6"},
		{"stale fact", nil, func(in *Input) { in.Now = time.Date(2027, 12, 1, 0, 0, 0, 0, time.UTC) }, "stale-fact", "facts.yaml:1:1"},
		{"weak fact", map[string]string{"facts.yaml": strings.Replace(testFacts, "level: confirmed", "level: reported\n  use: [emergency]", 1)},
			nil, "weak-fact", "facts.yaml:1:1"},
		{"prose fact", map[string]string{"en/guides/threats.md": page("Threats", "Intro.\n\n## What to do\n\nCall 0300-1234567 or rescue 1122.\n")},
			nil, "prose-fact", "en/guides/threats.md:10:6"},
		{"stale review", nil, func(in *Input) { in.Now = time.Date(2027, 12, 1, 0, 0, 0, 0, time.UTC) }, "stale-review", "en/_index.md:4:11"},
		{"broken link", map[string]string{"en/guides/threats.md": page("Threats", "Intro.\n\n## What to do\n\nKeep [evidence](evidense.md#screenshots).\n")},
			nil, "broken-link", "en/guides/threats.md:10:6"},
		{"broken anchor", map[string]string{"en/guides/threats.md": page("Threats", "Intro.\n\n## What to do\n\nKeep [evidence](evidence.md#screenshot).\n")},
			nil, "broken-anchor", "en/guides/threats.md:10:6"},
		{"raw HTML", map[string]string{"en/guides/threats.md": page("Threats", "Intro.\n\n## What to do\n\n<iframe src=x></iframe>\n")},
			nil, "raw-html", "en/guides/threats.md:10:1"},
		{"remote image", map[string]string{"en/guides/threats.md": page("Threats", "Intro.\n\n## What to do\n\n![a map](https://maps.example/x.png)\n")},
			nil, "remote-image", "en/guides/threats.md:10:1"},
		{"image without alt", map[string]string{"en/guides/threats.md": page("Threats", "Intro.\n\n## What to do\n\nSee ![](/css/site.css).\n")},
			nil, "image-alt", "en/guides/threats.md:10:5"},
		{"image over budget", nil, func(in *Input) {
			in.Static.(fstest.MapFS)["images/big.png"] = &fstest.MapFile{Data: noisyPNG(t, 300)}
		}, "image-size", "static/images/big.png"},
		{"page over budget", map[string]string{"en/guides/threats.md": page("Threats", "Intro.\n\n## What to do\n\n"+randomText(40000)+"\n")},
			nil, "page-weight", "en/guides/threats.md:1:1"},
		{"missing translation", map[string]string{"en/guides/wellbeing.md": page("Rest", "Sleep.\n\nSee [evidence](evidence.md).\n")},
			nil, "missing-translation", "en/guides/wellbeing.md:1:1"},
		{"outdated translation", map[string]string{"ur/guides/threats.md": strings.Replace(page("دھمکیاں", "تعارف۔\n\n## کیا کریں\n\n[ثبوت](evidence.md#screenshots) رکھیں۔\n"),
			"reviewed: 2026-11-01\n", "reviewed: 2026-11-01\ntranslated_from: \"_:00000000 what-to-do:00000000\"\n", 1)},
			nil, "outdated-translation", "ur/guides/threats.md:5:18"},
		{"heading mismatch", map[string]string{"ur/guides/threats.md": page("دھمکیاں", "تعارف۔\n\n### کیا کریں\n\n[ثبوت](evidence.md#screenshots) رکھیں۔\n")},
			nil, "heading-mismatch", "ur/guides/threats.md:8:1"},
		{"tree dead end", map[string]string{
			"en/start/_index.md": page("Start", "- [Yes](yes.md)\n"), "ur/start/_index.md": page("شروع", "- [ہاں](yes.md)\n"),
			"en/start/yes.md": page("Yes", "Go back to the [start](_index.md).\n"), "ur/start/yes.md": page("ہاں", "[شروع](_index.md)\n")},
			nil, "tree-dead-end", "en/start/yes.md:1:1"},
		{"tree dead end in the section site.yaml names", map[string]string{"site.yaml": testSiteYAML + "sections:\n  tree: triage\n  help: [helplines]\n",
			"en/triage/_index.md": page("Start", "- [Yes](yes.md)\n"), "ur/triage/_index.md": page("شروع", "- [ہاں](yes.md)\n"),
			"en/triage/yes.md": page("Yes", "See the [guides](../guides/_index.md).\n"), "ur/triage/yes.md": page("ہاں", "[رہنما](../guides/_index.md)\n")},
			nil, "tree-dead-end", "en/triage/yes.md:1:1"},
		{"orphan page", map[string]string{"en/secret.md": page("Secret", "Nobody links here.\n"), "ur/secret.md": page("راز", "یہاں کوئی لنک نہیں۔\n")},
			nil, "orphan-page", "en/secret.md:1:1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in, dir := testSite(t, c.files)
			if c.setup != nil {
				c.setup(&in)
			}
			w, err := output.New(filepath.Join(dir, "public"))
			if err != nil {
				t.Fatal(err)
			}
			defer w.Abort()
			_, diags := Run(in, w)
			var found *diag.Error
			for _, d := range diags {
				if d.Rule == c.rule {
					found = d
					break
				}
			}
			if found == nil {
				t.Fatalf("no %s diagnostic; got:\n%v", c.rule, diags)
			}
			at := found.Pos.String()
			if !strings.HasSuffix(at, c.at) {
				t.Errorf("%s at %s, want …%s", c.rule, at, c.at)
			}
			if found.Hint == "" {
				t.Errorf("%s has no fix in words", c.rule)
			}
		})
	}
}

// randomText is n bytes of words that brotli cannot shrink much.
func randomText(n int) string {
	r := rand.New(rand.NewSource(2))
	var b strings.Builder
	for b.Len() < n {
		w := make([]byte, 3+r.Intn(8))
		for i := range w {
			w[i] = byte('a' + r.Intn(26))
		}
		b.Write(w)
		b.WriteByte(' ')
	}
	return b.String()
}

// The page-weight check skips brotli for pages that fit at gzip's fastest
// level; an incompressible page below the five heaviest must still be
// weighed and caught.
func TestPageWeightBeyondTheHeaviest(t *testing.T) {
	files := map[string]string{"en/guides/threats.md": page("Threats", "Intro.\n\n## What to do\n\n"+randomText(26000)+"\n")}
	for i := range 6 {
		files[fmt.Sprintf("en/guides/long-%d.md", i)] = page("Long", strings.Repeat("Keep every message and write down when it came. ", 900)+"\n")
	}
	in, dir := testSite(t, files)
	w, err := output.New(filepath.Join(dir, "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	rep, diags := Run(in, w)
	var over []string
	for _, d := range diags {
		if d.Rule == "page-weight" {
			over = append(over, d.Pos.File)
		}
	}
	if len(over) != 1 || !strings.HasSuffix(over[0], "en/guides/threats.md") {
		t.Fatalf("page-weight errors for %v, want en/guides/threats.md alone", over)
	}
	if rep == nil {
		return
	}
	for i, h := range rep.Heavy {
		if h.URL == "en/guides/threats/" && i < 5 {
			t.Fatalf("threats ranks %d by minified size: the test needs it below the five heaviest", i)
		}
	}
}
