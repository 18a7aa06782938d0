package main

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

	"mehfooz/generator/internal/browsertest"
)

var lineRE = regexp.MustCompile(`<line xMin="([0-9.]+)" yMin="[0-9.]+" xMax="([0-9.]+)"`)

// spread is the standard deviation of xs.
func spread(xs []float64) float64 {
	var sum, sq float64
	for _, x := range xs {
		sum += x
	}
	mean := sum / float64(len(xs))
	for _, x := range xs {
		sq += (x - mean) * (x - mean)
	}
	return math.Sqrt(sq / float64(len(xs)))
}

// TestBrowserPrintedHandout prints a guide's handout to PDF in each
// language, renders its first page to PNG (kept in test-artifacts/ for a
// look), and checks the direction of the printed text from where its lines
// start and end: left-to-right lines share a left edge, right-to-left lines
// a right edge.
func TestBrowserPrintedHandout(t *testing.T) {
	for _, tool := range []string{"pdftotext", "pdftoppm"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("MEHFOOZ_REQUIRE_BROWSER") != "" {
				t.Fatalf("%s is not installed (apt-get install poppler-utils)", tool)
			}
			t.Skipf("%s is not installed (apt-get install poppler-utils)", tool)
		}
	}
	dir := bundledSite(t)
	origin := browsertest.Serve(t, dir)
	b := browsertest.New(t)
	artifacts := filepath.Join("..", "test-artifacts")
	os.MkdirAll(artifacts, 0o755)
	for _, lang := range []string{"en", "ur"} {
		t.Run(lang, func(t *testing.T) {
			tab := b.NewTab(t)
			defer tab.Close()
			if err := tab.Do(20*time.Second, chromedp.Navigate(origin+"/"+lang+"/guides/evidence/print/")); err != nil {
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
			out, err := exec.Command("pdftotext", "-bbox-layout", "-f", "1", "-l", "1", pdfPath, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			var lefts, rights []float64
			for _, m := range lineRE.FindAllSubmatch(out, -1) {
				l, _ := strconv.ParseFloat(string(m[1]), 64)
				r, _ := strconv.ParseFloat(string(m[2]), 64)
				lefts, rights = append(lefts, l), append(rights, r)
			}
			if len(lefts) < 10 {
				t.Fatalf("only %d lines of text on the printed page", len(lefts))
			}
			l, r := spread(lefts), spread(rights)
			if lang == "ur" && !(r < l) {
				t.Errorf("Urdu handout does not print right to left: line ends spread %.1f, starts %.1f", r, l)
			}
			if lang == "en" && !(l < r) {
				t.Errorf("English handout does not print left to right: line starts spread %.1f, ends %.1f", l, r)
			}
		})
	}
}
