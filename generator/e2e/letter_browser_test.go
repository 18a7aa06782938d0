package e2e

// The complaint letter and the incident log in a real browser: what a
// reader types reaches the printed PDF, and nothing else happens to it. It
// is not sent, not stored, not put in the address bar, and gone after
// "Clear everything". With JavaScript off, both pages print as blank forms.

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"mehfooz/generator/internal/content"
	"mehfooz/generator/internal/letter"
	"mehfooz/internal/browsertest"
)

// pdfText prints the tab to PDF and returns the text pdftotext finds in it,
// and the number of pages. When MEHFOOZ_PDF_DIR is set the PDF is kept
// there as name.pdf, for a person to look at.
func pdfText(t *testing.T, tab *browsertest.Tab, name string) (string, int) {
	t.Helper()
	tool := browsertest.Tool(t, "pdftotext", "apt-get install -y poppler-utils")
	ctx, cancel := context.WithTimeout(tab.Ctx, 60*time.Second)
	defer cancel()
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4)))
	if err != nil {
		t.Fatalf("printing to PDF: %v", err)
	}
	dir := t.TempDir()
	if d := os.Getenv("MEHFOOZ_PDF_DIR"); d != "" {
		dir = d
	}
	file := filepath.Join(dir, name+".pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", file, err)
	}
	return string(out), strings.Count(string(out), "\f")
}

// squash drops spaces and line breaks, which PDF text extraction moves
// about, so a value typed on one line is found however it was wrapped.
func squash(s string) string {
	return strings.Join(strings.Fields(s), "")
}

// letters loads the project's letters, for the labels the pages show.
func letters(t *testing.T) *letter.Set {
	t.Helper()
	fsys := os.DirFS("../../content")
	langs := []string{"en", "ur"}
	facts, _ := content.LoadFacts(fsys, "facts.yaml", "content", langs)
	set, diags := letter.Load(fsys, "content", langs, facts)
	if diags.Err() != nil {
		t.Fatal(diags)
	}
	return set
}

// leftNothing fails t when the page kept anything: web storage, IndexedDB,
// cookies, or the entries in the address bar.
func leftNothing(t *testing.T, tab *browsertest.Tab) {
	t.Helper()
	state, err := browsertest.Eval[map[string]any](tab, `(async () => ({
		local: localStorage.length,
		session: sessionStorage.length,
		idb: (indexedDB.databases ? (await indexedDB.databases()).length : 0),
		cookie: document.cookie,
		url: location.search + location.hash,
	}))()`)
	if err != nil {
		t.Fatal(err)
	}
	if state["local"] != 0.0 || state["session"] != 0.0 || state["idb"] != 0.0 || state["cookie"] != "" || state["url"] != "" {
		t.Errorf("the page kept something: %v", state)
	}
}

// noRequests fails t when the tab asked for anything since the last Reset,
// even from the test server: typing and printing must not make a request.
// The browser's own request for /favicon.ico is not the page's doing.
func noRequests(t *testing.T, tab *browsertest.Tab) {
	t.Helper()
	for _, u := range tab.Rec.Foreign() {
		if !strings.HasSuffix(u, "/favicon.ico") {
			t.Errorf("a request while filling in and printing: %s", u)
		}
	}
	noProblems(t, tab)
}

// noProblems fails t on console errors, CSP violations and exceptions.
func noProblems(t *testing.T, tab *browsertest.Tab) {
	t.Helper()
	for _, p := range tab.Rec.TakeProblems() {
		if !strings.Contains(p, "/favicon.ico") {
			t.Errorf("console error or CSP violation: %s", p)
		}
	}
}

func TestBrowserLetterPrintsWhatWasTypedAndKeepsNothing(t *testing.T) {
	dir := bundledSite(t)
	origin := browsertest.Serve(t, dir)
	b := browsertest.New(t)
	set := letters(t)
	// A profile link, as a reader would paste it; a name in the page's
	// language; a CNIC as printed on the card.
	typed := map[string]map[string]string{
		"en": {"name": "Ayesha Malik", "cnic": "35202-1234567-8", "accounts": "https://www.facebook.com/fake.profile.4471"},
		"ur": {"name": "Sana Tariq", "cnic": "42101-7654321-0", "accounts": "https://www.instagram.com/not.me.8823"},
	}
	story := map[string]map[string]string{
		"en": {"city": "Lahore", "when": "Since March 2026; last on 28 November",
			"what":     "Someone made a fake profile with my pictures.\nThey message my relatives from it.",
			"evidence": "14 screenshots of the fake profile\nA list of links"},
		"ur": {"city": "لاہور", "when": "مارچ 2026 سے، آخری بار 28 نومبر کو",
			"what":     "کسی نے میری تصویروں سے جعلی پروفائل بنائی ہے۔\nوہ اس سے میرے رشتہ داروں کو پیغام بھیجتا ہے۔",
			"evidence": "جعلی پروفائل کے 14 اسکرین شاٹ\nلنکس کی فہرست"},
	}
	for _, lang := range []string{"en", "ur"} {
		t.Run(lang, func(t *testing.T) {
			tab := b.NewTab(t)
			defer tab.Close()
			if err := tab.Do(20*time.Second, chromedp.Navigate(origin+"/"+lang+"/complaint/letter/"), chromedp.WaitVisible(chromedp.ID("lf-name"))); err != nil {
				t.Fatal(err)
			}
			noProblems(t, tab)
			// Loading asks only for the page's own files, with no query.
			for _, u := range tab.Rec.Foreign() {
				if !strings.HasPrefix(u, origin+"/") || strings.Contains(u, "?") {
					t.Errorf("loading the page requested %s", u)
				}
			}
			tab.Rec.Reset()
			vals := typed[lang]
			for _, id := range []string{"name", "cnic", "accounts"} {
				if err := tab.Do(20*time.Second, chromedp.SendKeys(chromedp.ID("lf-"+id), vals[id])); err != nil {
					t.Fatal(err)
				}
			}
			preview, err := browsertest.Eval[string](tab, `document.getElementById("lt-nccia").textContent`)
			if err != nil {
				t.Fatal(err)
			}
			for id, v := range vals {
				if !strings.Contains(preview, v) {
					t.Errorf("the letter does not show the %s %q:\n%s", id, v, preview)
				}
			}
			// The rest of the letter, in the page's language. PDF text
			// extraction breaks Nastaliq into pieces, so Urdu is checked in
			// the page and the printed checks use values in Latin letters.
			for id, v := range story[lang] {
				if err := tab.Do(20*time.Second, chromedp.SendKeys(chromedp.ID("lf-"+id), v)); err != nil {
					t.Fatal(err)
				}
				if ok, err := browsertest.Eval[bool](tab, `document.getElementById("lt-nccia").textContent.includes(`+jsString(v)+`)`); err != nil || !ok {
					t.Errorf("the letter does not show the %s typed (%v)", id, err)
				}
			}

			text, pages := pdfText(t, tab, "letter-"+lang)
			t.Logf("%s letter: %d page(s)", lang, pages)
			flat := squash(text)
			for id, v := range vals {
				if !strings.Contains(flat, squash(v)) {
					t.Errorf("the printed letter does not show the %s %q:\n%s", id, v, text)
				}
			}
			// Only the letter is printed: not the form, its hints, the
			// privacy note or the site's header.
			d := set.For(lang)
			for _, f := range d.Fields {
				if f.Hint != "" && strings.Contains(flat, squash(f.Hint)) {
					t.Errorf("the printed letter shows the form's hint for %s", f.ID)
				}
			}
			if pages < 1 || pages > 3 {
				t.Errorf("the letter prints on %d pages", pages)
			}

			// Another letter keeps what was typed; the loan-app box shows
			// only for the letter that uses it.
			if err := tab.Do(10*time.Second, chromedp.Click(chromedp.ID("lk-secp"))); err != nil {
				t.Fatal(err)
			}
			shown, err := browsertest.Eval[map[string]any](tab, `({
				nccia: document.getElementById("lt-nccia").offsetParent !== null,
				secp: document.getElementById("lt-secp").offsetParent !== null,
				company: document.getElementById("lf-company").offsetParent !== null,
				name: document.getElementById("lt-secp").textContent.includes(`+jsString(vals["name"])+`),
			})`)
			if err != nil {
				t.Fatal(err)
			}
			if shown["nccia"] != false || shown["secp"] != true || shown["company"] != true || shown["name"] != true {
				t.Errorf("after choosing the SECP letter: %v", shown)
			}

			// "Clear everything" empties the form and the letter.
			if err := tab.Do(10*time.Second, chromedp.Click(chromedp.ID("letter-clear"))); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(tab.Ctx, 10*time.Second)
			_, err = chromedp.Run(ctx, chromedp.Poll[bool](`(() => {
				const boxes = [...document.querySelectorAll("#letter-form input, #letter-form textarea")];
				const text = document.getElementById("letter-out").textContent;
				return boxes.every(b => b.value === "") && ![`+jsString(vals["name"])+`, `+jsString(vals["cnic"])+`, `+jsString(vals["accounts"])+`].some(v => text.includes(v));
			})()`))
			cancel()
			if err != nil {
				t.Errorf("clearing did not empty the form and the letter: %v", err)
			}
			noRequests(t, tab)
			leftNothing(t, tab)
		})
	}
}

// jsString quotes s for a JavaScript expression.
func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`).Replace(s) + "'"
}

func TestBrowserLogPrintsItsRows(t *testing.T) {
	dir := bundledSite(t)
	origin := browsertest.Serve(t, dir)
	b := browsertest.New(t)
	tab := b.NewTab(t)
	if err := tab.Do(20*time.Second, chromedp.Navigate(origin+"/en/complaint/incident-log/"), chromedp.WaitVisible(chromedp.ID("log-add"))); err != nil {
		t.Fatal(err)
	}
	noProblems(t, tab)
	tab.Rec.Reset()
	rows := `#log-rows tr`
	if err := tab.Do(20*time.Second,
		chromedp.Click(chromedp.ID("log-add")),
		chromedp.SendKeys(chromedp.CSS(rows+`:nth-child(13) textarea[aria-labelledby="lc-date"]`), "2026-11-30"),
		chromedp.SendKeys(chromedp.CSS(rows+`:nth-child(13) textarea[aria-labelledby="lc-what"]`), "Threatening voice note from an unknown number"),
		chromedp.SendKeys(chromedp.CSS(rows+`:nth-child(13) textarea[aria-labelledby="lc-link"]`), "0300-1234567"),
	); err != nil {
		t.Fatal(err)
	}
	text, _ := pdfText(t, tab, "log-en")
	flat := squash(text)
	for _, v := range []string{"2026-11-30", "Threateningvoicenote", "0300-1234567", "Printedon"} {
		if !strings.Contains(flat, v) {
			t.Errorf("the printed log does not show %q:\n%s", v, text)
		}
	}
	if err := tab.Do(10*time.Second, chromedp.Click(chromedp.ID("log-clear"))); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(tab.Ctx, 10*time.Second)
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelectorAll("#log-rows tr").length === 12 &&
		[...document.querySelectorAll("#log-rows textarea")].every(b => b.value === "")`))
	cancel()
	if err != nil {
		t.Errorf("clearing did not empty the log back to 12 rows: %v", err)
	}
	noRequests(t, tab)
	leftNothing(t, tab)
}

func TestBrowserLetterAndLogPrintBlankWithJavaScriptOff(t *testing.T) {
	dir := bundledSite(t)
	origin := browsertest.Serve(t, dir)
	b := browsertest.New(t)
	set := letters(t)
	tab := b.NewTab(t)
	if _, err := chromedp.Call(tab.Ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "ur"} {
		t.Run("letter_"+lang, func(t *testing.T) {
			if err := tab.Do(20*time.Second, chromedp.Navigate(origin+"/"+lang+"/complaint/letter/")); err != nil {
				t.Fatal(err)
			}
			text, pages := pdfText(t, tab, "letter-blank-"+lang)
			flat := squash(text)
			// The first letter, with a labelled blank for every field it uses.
			nccia := set.For(lang).Templates[0]
			for _, f := range set.For(lang).Fields {
				if lang == "en" || isLatin(f.Label) {
					if slices.Contains(nccia.Uses, f.ID) && !strings.Contains(flat, squash(f.Label)) {
						t.Errorf("the blank letter has no line labelled %q", f.Label)
					}
				}
				if f.Hint != "" && lang == "en" && strings.Contains(flat, squash(f.Hint)) {
					t.Errorf("the blank letter prints the form's hint for %s", f.ID)
				}
			}
			if lang == "ur" && !containsUrdu(text) {
				t.Errorf("the blank Urdu letter has no Urdu text:\n%s", text)
			}
			if !strings.Contains(flat, "____") {
				t.Error("the blank letter has no line for a signature")
			}
			t.Logf("blank %s letter: %d page(s)", lang, pages)
			// The switch works without the script too (by :has() in the
			// stylesheet), so a blank PTA or SECP letter can be printed.
			if err := tab.Do(10*time.Second, chromedp.Click(chromedp.ID("lk-pta"))); err != nil {
				t.Fatal(err)
			}
			shown, err := browsertest.Eval[map[string]any](tab, `({
				nccia: document.getElementById("lt-nccia").offsetParent !== null,
				pta: document.getElementById("lt-pta").offsetParent !== null,
			})`)
			if err != nil || shown["nccia"] != false || shown["pta"] != true {
				t.Errorf("after choosing the PTA letter with JavaScript off: %v (%v)", shown, err)
			}
		})
	}
	t.Run("log_en", func(t *testing.T) {
		if err := tab.Do(20*time.Second, chromedp.Navigate(origin+"/en/complaint/incident-log/")); err != nil {
			t.Fatal(err)
		}
		text, _ := pdfText(t, tab, "log-blank-en")
		// Column headings wrap in narrow columns, so look for their words.
		for _, w := range strings.Fields("No. Date Time App or place What happened Link, username or number Screenshot file name Printed on:") {
			if !strings.Contains(text, w) {
				t.Errorf("the blank log has no %q:\n%s", w, text)
			}
		}
		if n := strings.Count(squash(text), "123456789101112"); n != 1 {
			t.Errorf("the blank log does not have rows 1 to 12:\n%s", text)
		}
	})
}

func isLatin(s string) bool {
	for _, r := range s {
		if r > 0x24f {
			return false
		}
	}
	return true
}

// containsUrdu reports whether s has letters of the Arabic script, in any
// of the forms PDF text extraction gives them.
func containsUrdu(s string) bool {
	for _, r := range s {
		if (r >= 0x600 && r <= 0x6ff) || (r >= 0xfb50 && r <= 0xfeff) {
			return true
		}
	}
	return false
}

// Every box, choice and button has an accessible name, in both languages,
// as Chromium's accessibility tree computes it.
func TestBrowserLetterAndLogFieldsAreLabelled(t *testing.T) {
	dir := bundledSite(t)
	origin := browsertest.Serve(t, dir)
	b := browsertest.New(t)
	tab := b.NewTab(t)
	controls := map[string]bool{"textbox": true, "radio": true, "button": true, "date": true, "DateTime": true, "combobox": true, "spinbutton": true}
	for _, page := range []string{"/en/complaint/letter/", "/ur/complaint/letter/", "/en/complaint/incident-log/", "/ur/complaint/incident-log/"} {
		if err := tab.Do(20*time.Second, chromedp.Navigate(origin+page), chromedp.WaitVisible(chromedp.CSS("form"))); err != nil {
			t.Fatalf("%s: %v", page, err)
		}
		tree, err := chromedp.Call(tab.Ctx, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
		if err != nil {
			t.Fatal(err)
		}
		counts := map[string]int{}
		for _, n := range tree.Nodes {
			if n.Ignored || n.Role == nil {
				continue
			}
			role := strings.Trim(string(n.Role.Value), `"`)
			if !controls[role] {
				continue
			}
			counts[role]++
			name := ""
			if n.Name != nil {
				name = strings.Trim(string(n.Name.Value), `"`)
			}
			if strings.TrimSpace(name) == "" {
				t.Errorf("%s: a %s without a name (DOM node %d)", page, role, n.BackendDOMNodeID)
			}
		}
		if counts["textbox"] < 6 || counts["button"] < 2 {
			t.Errorf("%s: found %v; want the form's boxes and buttons", page, counts)
		}
	}
}
