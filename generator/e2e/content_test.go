package e2e

// The bundled content's promises (issue: starter content), enforced so the
// content can never regress silently.

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"mehfooz/generator/internal/output"
	"mehfooz/generator/internal/pipeline"
)

// inventory is every URL promised to trainers, in both languages.
var inventory = map[string][]string{
	"guides": {"blackmail-sextortion", "intimate-images", "hacked-account", "impersonation", "loan-app-harassment",
		"threats", "hate-speech", "stalking-unwanted-contact", "evidence", "secure-your-accounts", "phone-spyware",
		"financial-fraud", "deepfakes", "cover-your-tracks", "supporting-someone", "wellbeing", "journalists-activists"},
	"complaint": {"file-online", "in-person", "documents", "peca-offences", "after-filing", "content-removal", "loan-apps"},
	"platforms": {"facebook", "instagram", "whatsapp", "tiktok", "youtube", "x", "snapchat", "google-search"},
}

// TestContentCheckIsClean is `mehfooz check --strict` on the bundled
// content: no error and no warning.
func TestContentCheckIsClean(t *testing.T) {
	w, err := output.New(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	_, diags := pipeline.Run(bundledInput(), w)
	w.Abort()
	diags.Escalate(pipeline.CheckErrors...)
	if len(diags) > 0 {
		t.Fatalf("mehfooz check --strict on the bundled content:\n%v", diags)
	}
}

func TestContentInventory(t *testing.T) {
	dir := bundledSite(t)
	for _, lang := range []string{"en", "ur"} {
		for section, slugs := range inventory {
			for _, s := range append([]string{""}, slugs...) {
				p := filepath.Join(dir, lang, section, s, "index.html")
				b, err := os.ReadFile(p)
				if err != nil {
					t.Errorf("missing /%s/%s/%s", lang, section, s)
					continue
				}
				// A stand-in for a missing translation does not count.
				if lang == "ur" && strings.Contains(string(b), `<main id="main" tabindex="-1" lang="en"`) {
					t.Errorf("/ur/%s/%s/ is not translated", section, s)
				}
			}
		}
		for _, p := range []string{"helplines", "start", "workshops", "about"} {
			if _, err := os.Stat(filepath.Join(dir, lang, p, "index.html")); err != nil {
				t.Errorf("missing /%s/%s/", lang, p)
			}
		}
	}
	starts, _ := filepath.Glob(filepath.Join(dir, "en", "start", "*", "index.html"))
	if len(starts) < 15 {
		t.Errorf("the decision tree has %d questions below the first, want at least 15", len(starts))
	}
	workshops, _ := filepath.Glob(filepath.Join(dir, "en", "workshops", "*", "index.html"))
	if len(workshops) < 2 {
		t.Errorf("%d workshop packs, want at least 2", len(workshops))
	}
}

var (
	headingIDRE = regexp.MustCompile(`<h[2-6] id="?([^" >]+)`)
	mainRE      = regexp.MustCompile(`(?s)<main.*</main>`)
	hrefRE      = regexp.MustCompile(`href="?([^" >]+)`)
)

func TestContentSameHeadingIDs(t *testing.T) {
	dir := bundledSite(t)
	for _, p := range builtPages(t, dir) {
		if !strings.HasPrefix(p, "/en/") {
			continue
		}
		en, _ := os.ReadFile(filepath.Join(dir, p, "index.html"))
		ur, err := os.ReadFile(filepath.Join(dir, "ur"+strings.TrimPrefix(p, "/en"), "index.html"))
		if err != nil {
			t.Errorf("%s has no Urdu page", p)
			continue
		}
		ids := func(b []byte) string {
			var out []string
			for _, m := range headingIDRE.FindAllSubmatch(mainRE.Find(b), -1) {
				out = append(out, string(m[1]))
			}
			return strings.Join(out, " ")
		}
		if a, b := ids(en), ids(ur); a != b {
			t.Errorf("%s: heading ids differ\n en: %s\n ur: %s", p, a, b)
		}
	}
}

// TestContentTreeEndsLeadToHelp: every decision-tree page that asks no
// further question links to at least one guide and one place to get help.
func TestContentTreeEndsLeadToHelp(t *testing.T) {
	dir := bundledSite(t)
	for _, lang := range []string{"en", "ur"} {
		pages, _ := filepath.Glob(filepath.Join(dir, lang, "start", "*", "index.html"))
		sort.Strings(pages)
		ends := 0
		for _, p := range pages {
			b, _ := os.ReadFile(p)
			var next, guide, help bool
			for _, m := range hrefRE.FindAllSubmatch(mainRE.Find(b), -1) {
				h := string(m[1])
				switch {
				case strings.HasPrefix(h, "../") && !strings.HasPrefix(h, "../../") && h != "../":
					next = true // another question
				case strings.Contains(h, "/guides/") && !strings.HasSuffix(h, "/guides/"):
					guide = true
				case strings.Contains(h, "/helplines/") || strings.Contains(h, "/complaint/") || strings.HasPrefix(h, "tel:"):
					help = true
				}
			}
			if next {
				continue
			}
			ends++
			rel, _ := filepath.Rel(dir, p)
			if !guide || !help {
				t.Errorf("/%s: a decision-tree end without a guide (%v) or a place to get help (%v)", filepath.Dir(rel), guide, help)
			}
		}
		if ends == 0 {
			t.Errorf("%s: the decision tree has no ends", lang)
		}
	}
}

func TestContentPagesCiteSources(t *testing.T) {
	dir := bundledSite(t)
	for _, lang := range []string{"en", "ur"} {
		for _, section := range []string{"guides", "complaint", "platforms"} {
			pages, _ := filepath.Glob(filepath.Join(dir, lang, section, "*", "index.html"))
			for _, p := range pages {
				if strings.HasSuffix(filepath.Dir(p), "print") {
					continue
				}
				b, _ := os.ReadFile(p)
				if strings.Contains(string(b), `class="kind-letter"`) || strings.Contains(string(b), `class="kind-log"`) {
					continue // forms to fill in, not advice
				}
				if !strings.Contains(string(b), `id="sources"`) && !strings.Contains(string(b), `id=sources`) {
					rel, _ := filepath.Rel(dir, p)
					t.Errorf("/%s cites no sources", filepath.Dir(rel))
				}
			}
		}
	}
}
