package translation

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"mehfooz/generator/internal/diag"
	"mehfooz/generator/internal/po"
)

// A catalogue is one page's translatable units as a PO file: the title,
// the description and each section (the intro and every top-level heading
// with its text), keyed by msgctxt "title", "description" and
// "section <anchor>" ("section _" for the intro). A section's entry is
// fuzzy when the source section changed since the translation was stamped,
// exactly as translate-status reports it.

// Page is what a catalogue is made from and written back into.
type Page struct {
	Rel        string // "guides/evidence.md"
	SourceLang string // "en"
	Lang       string // "ur"
	SourcePath string // "content/en/guides/evidence.md", for references
	TargetPath string // "content/ur/guides/evidence.md"

	Source     []byte // the source page's file
	SourceBody int    // offset of its body (after front matter)
	SourceMeta Meta
	Target     []byte // the translation's file; nil when there is none
	TargetBody int
	TargetMeta Meta

	// Stamp is the source page's sections as they are now, in the form of a
	// translated_from value (Stamp of its sections).
	Stamp string
}

// Meta is the translatable front matter of a page.
type Meta struct {
	Title, Description, TranslatedFrom string
}

// header fields that name the page a catalogue belongs to.
const (
	fieldPage   = "X-Source-Page"
	fieldSource = "X-Source-Language"
)

type unit struct {
	key    string // msgctxt
	anchor string // section anchor, "_" for the intro; "" for title and description
	chunk  int    // index into the body's chunks, -1 for front matter
	source string
	line   int // line in the source file
}

// units lists a page's translatable units in page order.
func (p *Page) units() ([]unit, []Chunk, error) {
	chunks := SplitBody(p.Source[p.SourceBody:])
	us := []unit{
		{key: "title", chunk: -1, source: p.SourceMeta.Title, line: fmLine(p.Source, "title")},
		{key: "description", chunk: -1, source: p.SourceMeta.Description, line: fmLine(p.Source, "description")},
	}
	anchors := stampAnchors(p.Stamp)
	a := 0
	line := bytes.Count(p.Source[:p.SourceBody], []byte("\n")) + 1
	for i, c := range chunks {
		line += strings.Count(c.Lead, "\n")
		if !(i == 0 && c.Text == "") {
			if a >= len(anchors) {
				return nil, nil, fmt.Errorf("%s: the page has more sections than its rendered form (%d)", p.SourcePath, len(anchors))
			}
			us = append(us, unit{key: "section " + anchors[a], anchor: anchors[a], chunk: i, source: c.Text, line: line})
			a++
		}
		line += strings.Count(c.Text+c.Trail, "\n")
	}
	if a != len(anchors) {
		return nil, nil, fmt.Errorf("%s: the page has %d sections but its rendered form %d", p.SourcePath, a, len(anchors))
	}
	return us, chunks, nil
}

// Export makes the page's catalogue.
func Export(p *Page) (*po.File, error) {
	us, _, err := p.units()
	if err != nil {
		return nil, err
	}
	var tchunks []Chunk
	if p.Target != nil {
		tchunks = SplitBody(p.Target[p.TargetBody:])
	}
	stamped, _ := Parse(p.TargetMeta.TranslatedFrom)
	now, _ := Parse(p.Stamp)
	f := &po.File{Header: []po.Field{
		{Name: "Project-Id-Version", Value: "mehfooz " + p.Rel},
		{Name: "Report-Msgid-Bugs-To", Value: ""},
		{Name: "POT-Creation-Date", Value: ""},
		{Name: "PO-Revision-Date", Value: ""},
		{Name: "Last-Translator", Value: ""},
		{Name: "Language-Team", Value: ""},
		{Name: "Language", Value: p.Lang},
		{Name: "MIME-Version", Value: "1.0"},
		{Name: "Content-Type", Value: "text/plain; charset=UTF-8"},
		{Name: "Content-Transfer-Encoding", Value: "8bit"},
		{Name: fieldPage, Value: p.Rel},
		{Name: fieldSource, Value: p.SourceLang},
	}}
	for _, u := range us {
		if u.source == "" {
			continue // gettext keeps the empty msgid for the header
		}
		id, ph := Mask(u.source)
		e := &po.Entry{Context: u.key, HasContext: true, ID: id,
			References: []string{fmt.Sprintf("%s:%d", p.SourcePath, u.line)}}
		if len(ph) > 0 {
			e.Extracted = append(e.Extracted, "Keep each {n} placeholder: it stands for a link address, a shortcode or an attribute.")
		}
		var target string
		switch {
		case p.Target == nil:
		case u.key == "title":
			target = p.TargetMeta.Title
		case u.key == "description":
			target = p.TargetMeta.Description
		case u.chunk < len(tchunks):
			target = tchunks[u.chunk].Text
		}
		e.Str = ph.MaskWith(target)
		if u.anchor != "" {
			e.Extracted = append(e.Extracted, "fingerprint "+u.anchor+":"+now[u.anchor])
		}
		if e.Str != "" && (stamped == nil || (u.anchor != "" && stamped[u.anchor] != now[u.anchor])) {
			e.Flags = []string{"fuzzy"}
		}
		f.Entries = append(f.Entries, e)
	}
	return f, nil
}

// Import writes a catalogue's translations into the page. Entries that are
// fuzzy or empty leave the translation's text as it is; an entry whose
// msgid no longer matches the source is skipped with a warning. When every
// section then has a current translation, the page is stamped with the
// source's sections as they are now. The result is the new translation file
// (nil with nothing written when it cannot be made), and whether it was
// stamped. name is the catalogue's name in diagnostics.
func Import(p *Page, f *po.File, name string) ([]byte, bool, diag.List) {
	var diags diag.List
	us, _, err := p.units()
	if err != nil {
		diags.Add(diag.Errorf(diag.Pos{File: name}, "translate", "%v", err))
		return nil, false, diags
	}
	if got := f.HeaderValue(fieldPage); got != p.Rel {
		diags.Add(diag.Errorf(diag.Pos{File: name, Line: 1}, "translate", "the catalogue is for page %q, not %q", got, p.Rel))
		return nil, false, diags
	}
	byKey := map[string]*po.Entry{}
	for _, e := range f.Entries {
		if _, dup := byKey[e.Context]; dup {
			diags.Add(diag.Errorf(diag.Pos{File: name, Line: e.Line}, "translate", "a second entry for %q", e.Context))
			continue
		}
		byKey[e.Context] = e
	}
	var tchunks []Chunk
	if p.Target != nil {
		tchunks = SplitBody(p.Target[p.TargetBody:])
	}
	meta := p.TargetMeta
	complete := true // every section has a current, non-fuzzy translation
	known := map[string]bool{}
	for _, u := range us {
		known[u.key] = true
		e := byKey[u.key]
		if u.source == "" {
			continue
		}
		id, ph := Mask(u.source)
		switch {
		case e == nil:
			complete = false
			continue
		case e.ID != id:
			diags.Add(diag.Warnf(diag.Pos{File: name, Line: e.Line}, "translate", "the source of %q changed since this catalogue was exported; the entry is skipped", u.key).
				WithHint("export again: `mehfooz translate export --lang %s`", p.Lang))
			complete = false
			continue
		case e.Fuzzy() || e.Str == "":
			complete = false
			continue
		}
		text, missing, errs := ph.Unmask(e.Str)
		for _, pe := range errs {
			line := e.StrLine + strings.Count(e.Str[:pe.Offset], "\n")
			if strings.Contains(e.Str[:len(e.Str)-1], "\n") {
				line++ // multi-line strings start on the line after msgstr ""
			}
			diags.Add(diag.Errorf(diag.Pos{File: name, Line: line}, "placeholder", "%s in %q", pe.Msg, u.key).
				WithHint("copy the placeholder from the msgid exactly, as {n}"))
		}
		if len(errs) > 0 {
			continue
		}
		if len(missing) > 0 {
			diags.Add(diag.Warnf(diag.Pos{File: name, Line: e.StrLine}, "placeholder", "the translation of %q leaves out %s", u.key, phList(missing)))
		}
		switch {
		case u.key == "title":
			meta.Title = text
		case u.key == "description":
			meta.Description = text
		default:
			if u.chunk >= len(tchunks) {
				for len(tchunks) <= u.chunk {
					tchunks = append(tchunks, Chunk{Lead: "\n"})
				}
				tchunks[u.chunk].Trail = "\n"
			}
			tchunks[u.chunk].Text = text
		}
	}
	for _, e := range f.Entries {
		if !known[e.Context] {
			diags.Add(diag.Warnf(diag.Pos{File: name, Line: e.Line}, "translate", "%q is not a unit of %s any more; skipped", e.Context, p.Rel))
		}
	}
	if diags.Errors() > 0 {
		return nil, false, diags
	}
	var fm []byte
	if p.Target != nil {
		fm = p.Target[:p.TargetBody]
	} else {
		if !complete || meta.Title == "" || meta.Description == "" {
			diags.Add(diag.Warnf(diag.Pos{File: name}, "translate", "%s is not written: it has no translation yet and the catalogue is not complete", p.TargetPath))
			return nil, false, diags
		}
		fm = p.Source[:p.SourceBody]
		fm = dropLine(fm, "translated_from")
		tchunks = append([]Chunk(nil), tchunks...)
	}
	var ferr error
	if meta.Title != p.TargetMeta.Title || p.Target == nil {
		fm, ferr = setScalar(fm, "title", meta.Title)
	}
	if ferr == nil && (meta.Description != p.TargetMeta.Description || p.Target == nil) {
		fm, ferr = setScalar(fm, "description", meta.Description)
	}
	if ferr != nil {
		diags.Add(diag.Errorf(diag.Pos{File: p.TargetPath}, "translate", "%v", ferr))
		return nil, false, diags
	}
	out := append(append([]byte(nil), fm...), JoinBody(tchunks)...)
	if !complete {
		return out, false, diags
	}
	stamped, err := SetStamp(out, p.Stamp)
	if err != nil {
		diags.Add(diag.Errorf(diag.Pos{File: p.TargetPath}, "translate", "%v", err))
		return nil, false, diags
	}
	return stamped, true, diags
}

func phList(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = placeholder(n)
	}
	return strings.Join(s, ", ")
}

// stampAnchors lists a stamp's anchors in order.
func stampAnchors(stamp string) []string {
	var out []string
	for _, f := range strings.Fields(stamp) {
		a, _, _ := strings.Cut(f, ":")
		out = append(out, a)
	}
	return out
}

// fmLine is the 1-based line of key in a page's front matter, 0 if absent.
func fmLine(src []byte, key string) int {
	for i, l := range strings.Split(string(src), "\n") {
		if strings.HasPrefix(l, key+":") {
			return i + 1
		}
		if i > 0 && strings.TrimRight(l, "\r") == "---" {
			break
		}
	}
	return 0
}

// setScalar sets a one-line key of the front matter fm (from --- to ---).
func setScalar(fm []byte, key, value string) ([]byte, error) {
	lines := strings.SplitAfter(string(fm), "\n")
	for i, l := range lines {
		if i > 0 && strings.TrimRight(l, "\r\n") == "---" {
			break
		}
		if !strings.HasPrefix(l, key+":") {
			continue
		}
		if i+1 < len(lines) && (strings.HasPrefix(lines[i+1], " ") || strings.HasPrefix(lines[i+1], "\t")) {
			return nil, fmt.Errorf("%s spans several lines; write it on one line to import it", key)
		}
		nl := l[len(strings.TrimRight(l, "\r\n")):]
		lines[i] = key + ": " + yamlQuote(value) + nl
		return []byte(strings.Join(lines, "")), nil
	}
	return nil, fmt.Errorf("the front matter has no %s", key)
}

func dropLine(fm []byte, key string) []byte {
	lines := strings.SplitAfter(string(fm), "\n")
	out := lines[:0]
	for _, l := range lines {
		if !strings.HasPrefix(l, key+":") {
			out = append(out, l)
		}
	}
	return []byte(strings.Join(out, ""))
}

// yamlQuote writes s as a YAML double-quoted scalar, leaving every
// printable character (Urdu included) as it is.
func yamlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20:
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
