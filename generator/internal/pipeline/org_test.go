package pipeline

import (
	"archive/zip"
	"bytes"
	"go/scanner"
	"go/token"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"mehfooz/generator/internal/output"
)

// ourNames are what only this project's own site may say: its name in both
// scripts and its country. Another organisation's site must say none of
// them, so no generator code and no layout may hold them; they belong in
// content/site.yaml and the interface strings. The tool's own name, mehfooz
// in lower case, may appear where a tool signs its work (a comment in
// .htaccess, the search module's package paths), never as a name a reader
// sees: ourFileNames holds file names to that stricter rule.
var (
	ourNames     = regexp.MustCompile(`Mehfooz|محفوظ|(?i:pakistan)|پاکستان`)
	ourFileNames = regexp.MustCompile(`(?i)mehfooz|pakistan`)
)

// TestNoCodeOrLayoutNamesThisOrganisation reads every string literal of
// the generator's and the search module's Go code (comments and tests
// aside: they never reach a page) and every layout but the interface
// strings. The command's own name, mehfooz in lower case, is its name, not
// the organisation's.
func TestNoCodeOrLayoutNamesThisOrganisation(t *testing.T) {
	// محفوظ is also the everyday word for safe and saved, which sample
	// Urdu pages use: it counts where it stands quoted, as a name.
	named := regexp.MustCompile(`Mehfooz|[”"“]محفوظ[”"“]|Pakistan|پاکستان`)
	for _, root := range []string{"../../../generator", "../../../search", "../../../layouts"} {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			switch {
			case strings.HasSuffix(p, "_test.go") || strings.Contains(p, "/testdata/") || strings.Contains(p, "/i18n/"):
				return nil
			case strings.HasSuffix(p, ".go"):
				src, _ := os.ReadFile(p)
				var s scanner.Scanner
				fset := token.NewFileSet()
				s.Init(fset.AddFile(p, -1, len(src)), src, nil, 0)
				for {
					pos, tok, lit := s.Scan()
					if tok == token.EOF {
						break
					}
					if (tok == token.STRING || tok == token.CHAR) && named.MatchString(lit) {
						t.Errorf("%s: %s names the organisation; take it from site.yaml or the interface strings", fset.Position(pos), lit)
					}
				}
			case strings.HasSuffix(p, ".html"):
				src, _ := os.ReadFile(p)
				if m := ourNames.Find(src); m != nil {
					t.Errorf("%s holds %q; take it from site.yaml or the interface strings", p, m)
				}
			}
			return nil
		})
	}
}

// A site for a made-up organisation, built with the default layouts and
// static files, says none of this project's names anywhere: not on a page,
// not in a file name, not inside the offline copies.
func TestAnotherOrganisationsSiteSaysNoneOfOurNames(t *testing.T) {
	page := func(title, body string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: \"" + title + "\"\ndescription: \"" + title + ".\"\nreviewed: 2026-11-01\n---\n" + body)}
	}
	contentFS := fstest.MapFS{
		"site.yaml": {Data: []byte(`title: {en: "Safe Online Nepal", ne: "सुरक्षित अनलाइन नेपाल"}
country: {en: "Nepal", ne: "नेपाल"}
languages:
  - {code: en, name: English, direction: ltr}
  - {code: ne, name: नेपाली, direction: ltr}
quick_exit: "https://www.example.org/weather"
`)},
		"en/_index.md":                   page("Safe Online Nepal", "Help when someone harms you online. It is not your fault.\n"),
		"en/start/_index.md":             page("What is happening?", "- [Threats](../guides/threats.md)\n"),
		"en/helplines/_index.md":         page("Helplines", "Call a friend you trust.\n"),
		"en/guides/_index.md":            page("Guides", "All guides.\n"),
		"en/guides/threats.md":           page("Threats", "Keep the messages.\n\n## What to do first\n\nSave them.\n"),
		"en/guides/cover-your-tracks.md": page("Cover your tracks", "Clear the history.\n"),
		"en/about.md":                    page("About", "Who we are.\n"),
		"ne/_index.md":                   page("सुरक्षित अनलाइन नेपाल", "तपाईंको दोष होइन।\n"),
	}
	in := Input{
		Content: contentFS, ContentPrefix: "content",
		Layouts: os.DirFS("../../../layouts"), LayoutsPrefix: "layouts",
		Static: os.DirFS("../../../static"), StaticPrefix: "static",
		Search: true, Offline: true,
	}
	if _, err := os.Stat("../../../static/search/search.wasm"); err != nil {
		t.Skip("no search module: run make wasm")
	}
	out := output.NewMemory(nil)
	_, diags := Run(in, out)
	if diags.Err() != nil {
		t.Fatal(diags)
	}
	files := out.Files()
	if len(files) < 20 {
		t.Fatalf("only %d files built", len(files))
	}
	check := func(name string, data []byte) {
		if m := ourFileNames.Find([]byte(name)); m != nil {
			t.Errorf("file name %s holds %q", name, m)
		}
		if m := ourNames.Find(data); m != nil {
			i := bytes.Index(data, m)
			t.Errorf("%s holds %q: …%s…", name, m, data[max(0, i-60):min(len(data), i+60)])
		}
	}
	zips := 0
	for name, data := range files {
		check(name, data)
		if strings.HasSuffix(name, ".zip") {
			zips++
			zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range zr.File {
				rc, _ := f.Open()
				b, _ := io.ReadAll(rc)
				rc.Close()
				check(name+"!"+f.Name, b)
			}
		}
	}
	if zips != 2 || files["offline/safe-online-nepal-en-pocket.html"] == nil {
		t.Errorf("want offline/safe-online-nepal-{en,ne}.zip and pocket files; got %d zips", zips)
	}
	if chooser := string(files["index.html"]); !strings.Contains(chooser, "in Nepal.") {
		t.Errorf("the chooser does not give the site's country")
	}
}
