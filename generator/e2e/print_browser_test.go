package e2e

import (
	"context"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"mehfooz/internal/browsertest"
)

var wordRE = regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)"`)

// TestBrowserPrintedHandout prints a guide's handout to PDF in each
// language, renders its first page to PNG (kept in test-artifacts/ for a
// look), and checks the direction of the printed text from where its lines
// start and end: left-to-right lines share a left edge, right-to-left lines
// a right edge.
func TestBrowserPrintedHandout(t *testing.T) {
	for _, tool := range []string{"pdftotext", "pdftoppm"} {
		browsertest.Tool(t, tool, "apt-get install -y poppler-utils")
	}
	dir := bundledSite(t)
	origin := browsertest.Serve(t, dir)
	b := browsertest.New(t)
	artifacts := filepath.Join("..", "..", "test-artifacts")
	os.MkdirAll(artifacts, 0o755)
	for _, lang := range []string{"en", "ur"} {
		t.Run(lang, func(t *testing.T) {
			tab := b.NewTab(t)
			defer tab.Close()
			if err := tab.Do(20*time.Second, chromedp.Navigate(origin+"/"+lang+"/guides/evidence/print.html")); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(tab.Ctx, 30*time.Second)
			pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4)))
			cancel()
			if err != nil {
				t.Fatal(err)
			}
			tmp := t.TempDir()
			pdfPath := filepath.Join(tmp, "handout.pdf")
			os.WriteFile(pdfPath, pdf, 0o644)
			png := filepath.Join(artifacts, "handout-"+lang)
			if out, err := exec.Command("pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile", pdfPath, png).CombinedOutput(); err != nil {
				t.Fatalf("pdftoppm: %v\n%s", err, out)
			}
			if st, err := os.Stat(png + ".png"); err != nil || st.Size() < 1000 {
				t.Errorf("no screenshot of the printed handout: %v", err)
			}
			out, err := exec.Command("pdftotext", "-bbox", "-f", "1", "-l", "1", pdfPath, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			// Group words into printed lines by their baseline, then take
			// each line's left and right edge.
			type edge struct{ l, r float64 }
			lines := map[int]*edge{}
			for _, m := range wordRE.FindAllSubmatch(out, -1) {
				l, _ := strconv.ParseFloat(string(m[1]), 64)
				r, _ := strconv.ParseFloat(string(m[3]), 64)
				y, _ := strconv.ParseFloat(string(m[4]), 64)
				k := int(y / 4)
				if e := lines[k]; e != nil {
					e.l, e.r = math.Min(e.l, l), math.Max(e.r, r)
				} else {
					lines[k] = &edge{l, r}
				}
			}
			var lefts, rights []float64
			for _, e := range lines {
				lefts, rights = append(lefts, e.l), append(rights, e.r)
			}
			if len(lefts) < 10 {
				t.Fatalf("only %d lines of text on the printed page", len(lefts))
			}
			// Count lines that touch each margin: right-to-left text is
			// flush with the right margin and ragged on the left.
			minL, maxR := lefts[0], rights[0]
			for i := range lefts {
				minL, maxR = math.Min(minL, lefts[i]), math.Max(maxR, rights[i])
			}
			atLeft, atRight := 0, 0
			for i := range lefts {
				if lefts[i]-minL < 6 {
					atLeft++
				}
				if maxR-rights[i] < 6 {
					atRight++
				}
			}
			if lang == "ur" && !(atRight > 2*atLeft) {
				t.Errorf("Urdu handout does not print right to left: %d lines flush right, %d flush left", atRight, atLeft)
			}
			if lang == "en" && !(atLeft > 2*atRight) {
				t.Errorf("English handout does not print left to right: %d lines flush left, %d flush right", atLeft, atRight)
			}
		})
	}
}
