package letter_test

import (
	"bytes"
	"html/template"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"

	"mehfooz/generator/internal/config"
	"mehfooz/generator/internal/content"
	"mehfooz/generator/internal/letter"
	"mehfooz/generator/internal/render"
)

// The layouts are tested from outside the package, as the renderer (which
// imports letter for PageData) would run them.

var siteLangs = []string{"en", "ur"}

// page is render.PageData with the field the build adds for letter pages,
// so the layouts can be run here before the build passes Letter itself.
type page struct {
	*render.PageData
	Letter *letter.Data
	strs   map[string]string
}

// T shadows PageData.T, whose strings only the renderer can set.
func (p *page) T(key string) (string, error) {
	s, ok := p.strs[key]
	if !ok {
		return "", os.ErrNotExist
	}
	return s, nil
}

const layouts = "../../../layouts"

// execute runs base.html with the partials and one kind layout.
func execute(t *testing.T, kind string, p *page) string {
	t.Helper()
	tpl := template.New("base").Option("missingkey=error")
	names, _ := filepath.Glob(filepath.Join(layouts, "partials", "*.html"))
	for _, name := range append([]string{filepath.Join(layouts, "base.html"), filepath.Join(layouts, kind+".html")}, names...) {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tpl.New(filepath.Base(name)).Parse(string(b)); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	if err := tpl.ExecuteTemplate(&out, "base", p); err != nil {
		t.Fatalf("%s.html: %v", kind, err)
	}
	return out.String()
}

func bundled(t *testing.T) (*letter.Set, map[string]map[string]string) {
	t.Helper()
	fsys := os.DirFS("../../../content")
	facts, _ := content.LoadFacts(fsys, "facts.yaml", "content", siteLangs)
	set, diags := letter.Load(fsys, "content", siteLangs, facts)
	if diags.Err() != nil {
		t.Fatal(diags)
	}
	strs, diags := config.LoadI18n(os.DirFS(layouts), "i18n", "layouts", siteLangs)
	if diags.Err() != nil {
		t.Fatal(diags)
	}
	return set, strs
}

func newPage(lang, kind string, set *letter.Set, strs map[string]map[string]string) *page {
	dir := "ltr"
	if lang == "ur" {
		dir = "rtl"
	}
	return &page{
		PageData: &render.PageData{
			Lang: lang, Dir: dir, Kind: kind, Title: "Title", SiteTitle: "Mehfooz", CSP: render.CSP,
			Content:   template.HTML(strings.Repeat("<p>Some guidance for the reader, in a paragraph or two.</p>\n", 30)),
			QuickExit: "https://example.org/", Home: "../../", SearchURL: "../../search/", Reviewed: "1 December 2026",
			Assets: map[string]string{"css/site.css": "../../css/site.css", "js/site.js": "../../js/site.js", "favicon.ico": "../../favicon.ico",
				"js/letter.js": "../../js/letter.js", "js/log.js": "../../js/log.js"},
		},
		Letter: set.For(lang),
		strs:   strs[lang],
	}
}

var (
	controlRE = regexp.MustCompile(`<(input|textarea|select)\b[^>]*>`)
	attrRE    = func(name string) *regexp.Regexp { return regexp.MustCompile(`\s` + name + `="([^"]*)"`) }
	idRE      = attrRE("id")
	formRE    = regexp.MustCompile(`(?s)<form\b[^>]*>.*?</form>`)
)

// checkPrivacy checks the promises both layouts make in their HTML.
func checkPrivacy(t *testing.T, html string, labelled func(control, id string) bool) {
	t.Helper()
	forms := formRE.FindAllString(html, -1)
	if len(forms) != 1 {
		t.Fatalf("%d forms, want 1", len(forms))
	}
	form := forms[0]
	open := form[:strings.IndexByte(form, '>')+1]
	if !strings.Contains(open, `autocomplete="off"`) || strings.Contains(open, "action=") || strings.Contains(open, "method=") {
		t.Errorf("form opens %s; want autocomplete=off and no action or method", open)
	}
	if strings.Contains(form, " name=") {
		t.Error("a control inside the form has a name, so it could be submitted")
	}
	controls := controlRE.FindAllString(html, -1)
	if len(controls) == 0 {
		t.Fatal("no form controls")
	}
	for _, c := range controls {
		if !strings.Contains(c, `autocomplete="off"`) {
			t.Errorf("%s: no autocomplete=off", c)
		}
		if !strings.Contains(c, `type="radio"`) && !strings.Contains(c, `spellcheck="false"`) {
			t.Errorf("%s: no spellcheck=false (enhanced spell check can send text away)", c)
		}
		id := ""
		if m := idRE.FindStringSubmatch(c); m != nil {
			id = m[1]
		}
		if !labelled(c, id) {
			t.Errorf("%s: no label", c)
		}
	}
	for _, bad := range []string{"<style", " style=", "<script>", "onclick", "innerHTML", "?"} {
		if bad == "?" {
			if regexp.MustCompile(`(href|src|action)="[^"]*\?`).MatchString(html) {
				t.Error("a URL with a query string")
			}
			continue
		}
		if strings.Contains(html, bad) {
			t.Errorf("the page contains %q", bad)
		}
	}
}

// brotliKB is the size of s compressed as the output stage does.
func brotliKB(s string) float64 {
	var b bytes.Buffer
	w := brotli.NewWriterLevel(&b, 11)
	w.Write([]byte(s))
	w.Close()
	return float64(b.Len()) / 1024
}

func TestLetterLayout(t *testing.T) {
	set, strs := bundled(t)
	css, err := os.ReadFile("../../../static/css/site.css")
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range siteLangs {
		t.Run(lang, func(t *testing.T) {
			html := execute(t, "letter", newPage(lang, "letter", set, strs))
			d := set.For(lang)
			checkPrivacy(t, html, func(c, id string) bool {
				if strings.Contains(c, `type="radio"`) {
					return strings.Contains(html, `<label><input type="radio" name="letter-kind" id="`+id+`"`)
				}
				return strings.Contains(html, `<label for="`+id+`">`)
			})
			for _, f := range d.Fields {
				if !strings.Contains(html, `<label for="lf-`+f.ID+`">`+template.HTMLEscapeString(f.Label)+`</label>`) {
					t.Errorf("no label for field %s", f.ID)
				}
			}
			// The blank letter is in the page: every letter, each blank
			// labelled, the first one chosen.
			for _, tpl := range d.Templates {
				if !strings.Contains(html, `<div class="letter-tpl lt`) || !strings.Contains(html, `id="lt-`+tpl.ID+`"`) {
					t.Errorf("letter %s is not in the page", tpl.ID)
				}
			}
			if n := strings.Count(html, ` checked`); n != 1 || !strings.Contains(html, `id="lk-nccia" class="lk1" value="nccia" autocomplete="off" checked`) {
				t.Errorf("%d radios checked; want the first letter only", n)
			}
			name := d.Fields[0]
			if !strings.Contains(html, `<span class="blank" data-f="name" dir="auto">`+template.HTMLEscapeString(name.Label)+`</span>`) {
				t.Error("no blank for the name in the letter")
			}
			if !strings.Contains(html, `class="blank multi" data-f="what"`) {
				t.Error("no multi-line blank for what happened")
			}
			// Until the script runs, the form and the buttons that need it
			// are hidden, and the note for readers without JavaScript shows.
			for _, want := range []string{`<form class="letter-form" id="letter-form" autocomplete="off" hidden>`, `<div class="form-buttons" id="letter-buttons" hidden>`,
				`<p class="nojs-note" id="letter-nojs">`, `src="../../js/letter.js" defer`, `form="letter-form"`} {
				if !strings.Contains(html, want) {
					t.Errorf("no %s", want)
				}
			}
			kb := brotliKB(html + string(css))
			t.Logf("%s: HTML %d bytes, HTML+CSS %.1f KB brotli (before minifying)", lang, len(html), kb)
			if kb > 14 {
				t.Errorf("HTML+CSS is %.1f KB brotli, over the 14 KB page budget", kb)
			}
		})
	}
}

func TestLetterLayoutWithoutLetters(t *testing.T) {
	_, strs := bundled(t)
	html := execute(t, "letter", newPage("en", "letter", &letter.Set{}, strs))
	if strings.Contains(html, "<form") {
		t.Error("a form without letters")
	}
}

func TestLogLayout(t *testing.T) {
	set, strs := bundled(t)
	for _, lang := range siteLangs {
		t.Run(lang, func(t *testing.T) {
			html := execute(t, "log", newPage(lang, "log", set, strs))
			checkPrivacy(t, html, func(c, id string) bool {
				m := attrRE("aria-labelledby").FindStringSubmatch(c)
				return m != nil && strings.Contains(html, `<th scope="col" id="`+m[1]+`">`)
			})
			if n := strings.Count(html, "<tr><td class=\"n\"></td>"); n != 12 {
				t.Errorf("%d empty rows, want 12", n)
			}
			if n := strings.Count(html, "<textarea"); n != 72 {
				t.Errorf("%d boxes, want 72", n)
			}
			for _, want := range []string{`src="../../js/log.js" defer`, `id="log-buttons" hidden`, `id="log-date"`, `<caption>`} {
				if !strings.Contains(html, want) {
					t.Errorf("no %s", want)
				}
			}
		})
	}
}
