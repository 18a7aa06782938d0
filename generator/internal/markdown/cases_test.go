package markdown

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"mehfooz/generator/internal/diag"
)

// Case files, one per extension, in the shape of goldmark's
// extension/_test/*.txt: a number (and a description after ":"), an
// optional "options: {json}" line, then the Markdown, the HTML and the
// diagnostics, each section closed by a separator line:
//
//	3: a link to another page
//	//- - - - - - - - -//
//	See [evidence](evidence.md#keep).
//	//- - - - - - - - -//
//	<p>See <a href="../evidence/#keep">evidence</a>.</p>
//	//- - - - - - - - -//
//	1:5 rule: message
//	//= = = = = = = = = = = = = = = = = = = = = = = =//
//
// Positions count from the case's first line. -update rewrites the HTML
// and diagnostics of every case from what Convert returns now.
const (
	caseSection = "//- - - - - - - - -//"
	caseEnd     = "//= = = = = = = = = = = = = = = = = = = = = = = =//"
)

type mdCase struct {
	No          int
	Description string
	Options     caseOptions
	optionsLine string
	Markdown    string
	HTML        string
	Diags       string
	line        int
}

// caseOptions are a case's settings: Lang of the page (default en), and
// Source, the source-language page's headings as "level id" pairs, for a
// translation.
type caseOptions struct {
	Lang   string   `json:"lang,omitempty"`
	Source []string `json:"source,omitempty"`
}

func readCases(t *testing.T, file string) []mdCase {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	var cases []mdCase
	line := 0
	next := func() (string, bool) {
		if !sc.Scan() {
			return "", false
		}
		line++
		return sc.Text(), true
	}
	section := func(end ...string) (string, string) {
		var buf []string
		for {
			l, ok := next()
			if !ok {
				t.Fatalf("%s:%d: case not closed", file, line)
			}
			for _, e := range end {
				if l == e {
					return strings.Join(buf, "\n"), l
				}
			}
			buf = append(buf, l)
		}
	}
	for {
		head, ok := next()
		if !ok {
			break
		}
		if strings.TrimSpace(head) == "" {
			continue
		}
		c := mdCase{line: line}
		num, desc, _ := strings.Cut(head, ":")
		if c.No, err = strconv.Atoi(strings.TrimSpace(num)); err != nil {
			t.Fatalf("%s:%d: want a case number, got %q", file, line, head)
		}
		c.Description = strings.TrimSpace(desc)
		l, _ := next()
		if opts, ok := strings.CutPrefix(l, "options:"); ok {
			c.optionsLine = l
			if err := json.Unmarshal([]byte(opts), &c.Options); err != nil {
				t.Fatalf("%s:%d: options: %v", file, line, err)
			}
			l, _ = next()
		}
		if l != caseSection {
			t.Fatalf("%s:%d: want %s, got %q", file, line, caseSection, l)
		}
		c.Markdown, _ = section(caseSection)
		var end string
		c.HTML, end = section(caseSection, caseEnd)
		if end == caseSection {
			c.Diags, _ = section(caseEnd)
		}
		cases = append(cases, c)
	}
	return cases
}

// run converts the case's Markdown as a page of its own.
func (c mdCase) run(t *testing.T) (html, diags string) {
	lang := c.Options.Lang
	if lang == "" {
		lang = "en"
	}
	var src []Heading
	if c.Options.Source != nil {
		src = []Heading{}
		for _, s := range c.Options.Source {
			lv, id, _ := strings.Cut(s, " ")
			n, err := strconv.Atoi(lv)
			if err != nil {
				t.Fatalf("case %d: source heading %q: want \"level id\"", c.No, s)
			}
			src = append(src, Heading{Level: n, ID: id, Text: id})
		}
	}
	body := []byte(c.Markdown + "\n")
	conv := New(lang, facts, links, WithExternalLabel("(leaves)"), WithCheckLabel("check it"), WithReservedIDs("lk-"))
	res := conv.Convert(Page{Path: "x.md", Rel: "guides/x.md", Lang: lang, Source: body,
		Offsets: diag.NewOffsets("x.md", body), HeadingIDs: src})
	var d []string
	for _, e := range res.Diags {
		d = append(d, fmt.Sprintf("%d:%d %s: %s", e.Pos.Line, e.Pos.Col, e.Rule, e.Msg))
	}
	return strings.TrimRight(string(res.HTML), "\n"), strings.Join(d, "\n")
}

func writeCases(file string, cases []mdCase) error {
	var b strings.Builder
	for i, c := range cases {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(strconv.Itoa(c.No))
		if c.Description != "" {
			b.WriteString(": " + c.Description)
		}
		b.WriteString("\n")
		if c.optionsLine != "" {
			b.WriteString(c.optionsLine + "\n")
		}
		b.WriteString(caseSection + "\n" + c.Markdown + "\n" + caseSection + "\n" + c.HTML + "\n")
		if c.Diags != "" {
			b.WriteString(caseSection + "\n" + c.Diags + "\n")
		}
		b.WriteString(caseEnd + "\n")
	}
	return os.WriteFile(file, []byte(b.String()), 0o644)
}

// TestCases runs testdata/cases/*.txt, one file per extension.
func TestCases(t *testing.T) {
	files, _ := filepath.Glob("testdata/cases/*.txt")
	if len(files) == 0 {
		t.Fatal("no case files")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			cases := readCases(t, file)
			seen := map[int]bool{}
			for i, c := range cases {
				if seen[c.No] {
					t.Errorf("%s:%d: case %d repeats a number", file, c.line, c.No)
				}
				seen[c.No] = true
				html, diags := c.run(t)
				if *update {
					cases[i].HTML, cases[i].Diags = html, diags
					continue
				}
				if html != c.HTML || diags != c.Diags {
					t.Errorf("%s:%d: case %d %s\nMarkdown:\n%s\nHTML:\n%s\nwant:\n%s\ndiagnostics:\n%s\nwant:\n%s",
						file, c.line, c.No, c.Description, c.Markdown, html, c.HTML, diags, c.Diags)
				}
			}
			if *update {
				if err := writeCases(file, cases); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}
