package e2e

// Numbers, a CNIC and addresses on Urdu pages read in their own order as
// DISPLAYED, not only in the source: each character's place on the screen
// is measured and the characters are read back line by line, left to
// right. Inside right-to-left text without an isolate, 0800-39393 shows as
// 39393-0800, and reads back so. The printed letter is checked the same way
// through pdftotext -layout, which writes a PDF's text in the order it
// stands on the page.

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"mehfooz/generator/internal/output"
	"mehfooz/generator/internal/pipeline"
	"mehfooz/internal/browsertest"
)

// displayedJS finds the first occurrence of a string in the text under a
// selector and returns it as drawn: characters grouped into lines by their
// vertical place, lines top to bottom, each read left to right.
const displayedJS = `((sel, want) => {
	const root = document.querySelector(sel);
	if (!root) return "no " + sel;
	const nodes = [];
	let text = "";
	const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
	for (let n = walk.nextNode(); n; n = walk.nextNode()) { nodes.push([n, text.length]); text += n.data; }
	const at = text.indexOf(want);
	if (at < 0) return "not found";
	const chars = [];
	for (let i = at; i < at + want.length; i++) {
		let k = nodes.length - 1;
		while (nodes[k][1] > i) k--;
		const [node, start] = nodes[k];
		const r = document.createRange();
		r.setStart(node, i - start);
		r.setEnd(node, i - start + 1);
		const box = r.getBoundingClientRect();
		if (box.width === 0 && box.height === 0) return "not drawn";
		chars.push({c: text[i], x: box.left + box.width / 2, y: box.top + box.height / 2});
	}
	const lines = [];
	for (const ch of chars) {
		let line = lines.find(l => Math.abs(l.y - ch.y) < 8);
		if (!line) { line = {y: ch.y, cs: []}; lines.push(line); }
		line.cs.push(ch);
	}
	lines.sort((a, b) => a.y - b.y);
	return lines.map(l => l.cs.sort((a, b) => a.x - b.x).map(c => c.c).join("")).join("");
})`

func displayed(t *testing.T, tab *browsertest.Tab, sel, want string) string {
	t.Helper()
	got, err := browsertest.Eval[string](tab, displayedJS+"("+jsString(sel)+","+jsString(want)+")")
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestBrowserNumbersReadInOrderOnUrduPages(t *testing.T) {
	tab, origin := phoneTab(t)
	cases := []struct{ path, sel string }{
		{"/ur/helplines/", "main"},
		{"/ur/start/blackmail/", "main"},
		{"/ur/complaint/letter/", "main"},
		{"/ur/guides/blackmail-sextortion/print.html", "main"},
		{"/offline/mehfooz-ur-pocket.html", "body"},
	}
	wants := map[string][]string{
		"/ur/helplines/":                             {"0800-39393", "051-9106691", "helpdesk@digitalrightsfoundation.pk"},
		"/ur/start/blackmail/":                       {"0800-39393"},
		"/ur/complaint/letter/":                      {"12345-1234567-1"},
		"/ur/guides/blackmail-sextortion/print.html": {"0800-39393"},
		"/offline/mehfooz-ur-pocket.html":            {"0800-39393", "051-9106691", "helpdesk@digitalrightsfoundation.pk"},
	}
	for _, c := range cases {
		for _, font := range urduFonts {
			if err := tab.Do(20*time.Second, chromedp.Navigate(origin+c.path)); err != nil {
				t.Fatal(err)
			}
			if err := setUrduFont(tab, font.stack); err != nil {
				t.Fatal(err)
			}
			for _, want := range wants[c.path] {
				if got := displayed(t, tab, c.sel, want); got != want {
					t.Errorf("%s (%s): %q reads %q on the screen", c.path, font.name, want, got)
				}
			}
		}
	}
}

// browserHeaderFooter prints with the header and footer a browser adds by
// default (date, page title, address, page number).
func browserHeaderFooter(p *page.PrintToPDFParams) {
	on := true
	p.DisplayHeaderFooter = &on
}

// pdfLayoutText prints the tab to an A4 PDF and returns pdftotext -layout's
// text and the number of pages.
func pdfLayoutText(t *testing.T, tab *browsertest.Tab, name string, opts ...chromedp.PDFOption) (string, int) {
	t.Helper()
	tool := browsertest.Tool(t, "pdftotext", "apt-get install -y poppler-utils")
	ctx, cancel := context.WithTimeout(tab.Ctx, 60*time.Second)
	defer cancel()
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(append([]chromedp.PDFOption{chromedp.PDFPaper(chromedp.PaperA4)}, opts...)...))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(artifactDir(t), name+".pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-layout", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out), strings.Count(strings.TrimRight(string(out), "\f\n "), "\f") + 1
}

// TestBrowserPrintedLetterReadsRightAndFitsOnePage fills the letter in each
// language with numbers inside sentences, and checks the screen and the
// printed A4 page: every number reads in order, and the letter with its
// signature is one page. The PDFs are kept in test-artifacts/.
func TestBrowserPrintedLetterReadsRightAndFitsOnePage(t *testing.T) {
	dir := bundledSite(t)
	origin := browsertest.Serve(t, dir)
	b := browsertest.New(t)
	fill := map[string]map[string]string{
		"ur": {"what": "اس نے جاز کیش نمبر 0345-7654321 پر پیسے مانگے اور 0300-1112223 سے فون کیا۔", "cnic": "35202-1234567-8"},
		"en": {"what": "He asked for money on JazzCash 0345-7654321 and called from 0300-1112223.", "cnic": "35202-1234567-8"},
	}
	for _, lang := range []string{"en", "ur"} {
		t.Run(lang, func(t *testing.T) {
			tab := b.NewTab(t)
			defer tab.Close()
			if err := tab.Do(20*time.Second, chromedp.Navigate(origin+"/"+lang+"/complaint/letter/")); err != nil {
				t.Fatal(err)
			}
			// Fill every visible box: the long ones with the sentence,
			// the CNIC box with a CNIC, the rest with a short word.
			if _, err := browsertest.Eval[bool](tab, `((what, cnic) => {
				for (const f of document.querySelectorAll("#letter-form input, #letter-form textarea")) {
					if (f.offsetParent === null) continue;
					const id = f.id;
					f.value = id.includes("cnic") ? cnic : (f.tagName === "TEXTAREA" ? what : "Lahore");
					f.dispatchEvent(new Event("input", {bubbles: true}));
				}
				return true;
			})(`+jsString(fill[lang]["what"])+","+jsString(fill[lang]["cnic"])+`)`); err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{"0345-7654321", "0300-1112223", "35202-1234567-8"} {
				if got := displayed(t, tab, "#letter-out", want); got != want {
					t.Errorf("letter preview: %q reads %q on the screen", want, got)
				}
			}
			// Printed as a browser prints by default, with its header and
			// footer turned on: the stylesheet's page margins leave them
			// out, so neither the page title (which names this site) nor
			// the address is on the paper.
			text, pages := pdfLayoutText(t, tab, "letter-"+lang, browserHeaderFooter)
			title, _ := browsertest.Eval[string](tab, "document.title")
			for _, leak := range []string{"127.0.0.1", "/complaint/letter", title} {
				if strings.Contains(text, leak) {
					t.Errorf("the printed %s letter carries %q (the browser's header or footer)", lang, leak)
				}
			}
			if pages != 1 {
				t.Errorf("the %s letter prints on %d pages, want 1", lang, pages)
			}
			flat := strings.Join(strings.Fields(text), " ")
			for _, want := range []string{"0345-7654321", "0300-1112223", "35202-1234567-8"} {
				if !strings.Contains(flat, want) {
					t.Errorf("printed %s letter: %q is not in the text as printed (reversed?):\n%s", lang, want, text)
				}
			}
		})
	}
}

// copyDir copies the tree at src to dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestBrowserHandoutShowsItsAddressOnPageOne prints the Urdu handout of
// the bundled content built with a base_url: its first page carries the
// QR code and the short address with the domain, reading left to right.
// Without base_url (the bundled build) no bare /go/ address is printed.
func TestBrowserHandoutShowsItsAddressOnPageOne(t *testing.T) {
	const base = "https://mehfooz.example/"
	tmp := t.TempDir()
	content := filepath.Join(tmp, "content")
	copyDir(t, projectRoot+"/content", content)
	cfg := filepath.Join(content, "site.yaml")
	b, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "\nbase_url: \"\"") {
		t.Fatal("content/site.yaml has no empty base_url to set")
	}
	if err := os.WriteFile(cfg, []byte(strings.Replace(string(b), "\nbase_url: \"\"", "\nbase_url: \""+base+"\"", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(tmp, "public")
	w, err := output.New(out)
	if err != nil {
		t.Fatal(err)
	}
	in := bundledInput()
	in.Content = os.DirFS(content)
	if _, diags := pipeline.Run(in, w); diags.Err() != nil {
		w.Abort()
		t.Fatalf("building with base_url: %v", diags)
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	br := browsertest.New(t)
	for _, c := range []struct {
		dir  string
		with bool
	}{{out, true}, {bundledSite(t), false}} {
		origin := browsertest.Serve(t, c.dir)
		tab := br.NewTab(t)
		if err := tab.Do(20*time.Second, chromedp.Navigate(origin+"/ur/guides/blackmail-sextortion/print.html")); err != nil {
			t.Fatal(err)
		}
		name := "handout-ur-no-base-url"
		if c.with {
			name = "handout-ur-base-url"
		}
		text, _ := pdfLayoutText(t, tab, name)
		first, _, _ := strings.Cut(text, "\f")
		if !c.with {
			if strings.Contains(text, "/go/") {
				t.Errorf("without base_url the handout prints a bare /go/ address:\n%s", first)
			}
			continue
		}
		qr, _ := browsertest.Eval[int](tab, `document.querySelectorAll("main .handout-link figure.qr svg").length`)
		if qr != 1 || !strings.Contains(first, base+"go/") {
			t.Errorf("with base_url the handout's first page lacks the QR code (%d) or the short address %sgo/…:\n%s", qr, base, first)
		}
	}
}
