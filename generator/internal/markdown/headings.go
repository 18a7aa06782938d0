package markdown

// The headings extension gives every heading its id: {#id} when written,
// else the id of the source-language heading at the same position (so a
// link to #keep-evidence works in every language), else a slug of the
// text a reader sees. The page's ids live in a parser.IDs plugged in with
// parser.WithIDs. goldmark's own auto ids are off: they are made from the
// raw line before the inlines are parsed, so a fact in a heading would
// give "call-fact-helpline" instead of "call-1991".

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"mehfooz/generator/internal/diag"
)

// reservedIDs are ids the layouts already use on every page.
var reservedIDs = map[string]bool{
	"main": true, "q": true, "quick-exit": true, "quick-exit-status": true,
	"sources": true, "topic-index": true, "workshop-guides": true, "toc": true,
}

// WithReservedIDs adds ids the layouts use (render.LayoutIDs) to those an
// explicit {#id} may not take; an entry ending in "-" reserves every id
// that starts with it.
func WithReservedIDs(ids ...string) Option {
	return func(c *Converter) {
		if c.reserved == nil {
			c.reserved = map[string]bool{}
		}
		for _, id := range ids {
			c.reserved[id] = true
		}
	}
}

// takenByLayout reports whether an explicit id is one the layouts use.
func (c *Converter) takenByLayout(id string) bool {
	if reservedIDs[id] || c.reserved[id] {
		return true
	}
	for r := range c.reserved {
		if strings.HasSuffix(r, "-") && strings.HasPrefix(id, r) {
			return true
		}
	}
	return false
}

// headingIDs is one page's parser.IDs: the ids taken so far, and the
// source-language page's headings when the page is a translation.
type headingIDs struct {
	src        []Heading
	translated bool
	seen       map[string]int
	next       map[string]int // the suffix to try next for a repeated id, so repeats cost linear time
}

func newHeadingIDs(src []Heading) *headingIDs {
	return &headingIDs{src: src, translated: src != nil, seen: map[string]int{}, next: map[string]int{}}
}

// Generate returns a new id for a heading whose text is value: its slug,
// made unique with -1, -2, ….
func (ids *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	id := Slug(string(value))
	if reservedIDs[id] {
		id += "-1"
	}
	return []byte(ids.unique(id, false))
}

// Put records an id written as {#id}.
func (ids *headingIDs) Put(value []byte) { ids.seen[string(value)]++ }

// unique takes id, or id-N when id is taken and keep is false.
func (ids *headingIDs) unique(id string, keep bool) string {
	if n := ids.seen[id]; n > 0 && !keep {
		n = max(n, ids.next[id])
		for ids.seen[fmt.Sprintf("%s-%d", id, n)] > 0 {
			n++
		}
		ids.next[id] = n + 1
		id = fmt.Sprintf("%s-%d", id, n)
	}
	ids.seen[id]++
	return id
}

// sameAsSource reports whether heading i may repeat id because the source
// page's heading i has it (the source decided; a repeat there is its own
// report).
func (ids *headingIDs) sameAsSource(i int, id string) bool {
	return ids.translated && i < len(ids.src) && ids.src[i].ID == id
}

type headingsExt struct{ takenByLayout func(string) bool }

func (e *headingsExt) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(e, prioHeadings)))
}

// Transform gives each heading its id and lists it in Result.Headings.
func (e *headingsExt) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	cv := docOf(pc)
	ids := pc.IDs().(*headingIDs)
	hidx := pc.Get(headingNodesKey).(map[*ast.Heading]int)
	var hs []*ast.Heading
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			hs = append(hs, h)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	src, translated := ids.src, ids.translated
	mismatch := false
	for i, h := range hs {
		txt := strings.TrimSpace(cv.plain(h))
		if h.Level == 1 {
			cv.errorf(h, "heading-h1", "a page body cannot have a level-1 heading (# %s): the title is the page's only h1", txt).
				WithHint("start sections at ## and put the page title in the front matter")
		}
		hd := Heading{Level: h.Level, Text: txt, Pos: cv.pos(h)}
		if v, ok := h.AttributeString("id"); ok {
			id, _ := v.([]byte)
			hd.ID, hd.Explicit = string(id), true
			if !validID(hd.ID) {
				cv.errorf(h, "heading-id", "heading id {#%s} must be letters, digits and hyphens", hd.ID)
			} else if e.takenByLayout(hd.ID) {
				cv.res.Diags.Add(diag.Errorf(cv.attrPos(h), "heading-id", "heading id {#%s} is taken by the page layout", hd.ID).
					WithHint("choose another id; two elements with one id break the skip link, the quick exit or the contents list"))
			}
		}
		if translated && !mismatch {
			switch {
			case i >= len(src):
				mismatch = true
				cv.headingMismatch(h, fmt.Sprintf("this page has %d headings, the %s has %d", len(hs), sourceName(src), len(src)))
			case src[i].Level != h.Level:
				mismatch = true
				cv.headingMismatch(h, fmt.Sprintf("heading %d is level %d here but level %d (%q) in the %s",
					i+1, h.Level, src[i].Level, src[i].Text, sourceName(src)))
			}
		}
		fromSource := false
		if hd.ID == "" && translated && i < len(src) && src[i].Level == h.Level {
			hd.ID, fromSource = src[i].ID, src[i].ID != ""
		}
		if hd.ID == "" {
			hd.ID = Slug(txt)
			if reservedIDs[hd.ID] {
				hd.ID += "-1"
			}
		}
		keep := ids.sameAsSource(i, hd.ID)
		switch {
		case hd.Explicit:
			if ids.seen[hd.ID] > 0 && !keep {
				cv.errorf(h, "heading-id", "heading id %q is used twice on this page", hd.ID)
			}
			ids.Put([]byte(hd.ID))
		case keep || fromSource:
			hd.ID = ids.unique(hd.ID, keep)
		default:
			hd.ID = string(ids.Generate([]byte(txt), ast.KindHeading))
		}
		h.SetAttributeString("id", []byte(hd.ID))
		hidx[h] = len(cv.res.Headings)
		cv.res.Headings = append(cv.res.Headings, hd)
	}
	if translated && !mismatch && len(hs) < len(src) {
		n := ast.Node(doc)
		if len(hs) > 0 {
			n = hs[len(hs)-1]
		}
		cv.headingMismatch(n, fmt.Sprintf("this page has %d headings, the %s has %d (missing: %q …)", len(hs), sourceName(src), len(src), src[len(hs)].Text))
	}
}

func sourceName(src []Heading) string {
	if len(src) > 0 && src[0].Pos.File != "" {
		return "source page " + src[0].Pos.File
	}
	return "source-language page"
}

func (cv *conversion) headingMismatch(n ast.Node, msg string) {
	// A warning when building, so one translator's slip does not take the
	// site down; `check` (the volunteers' and CI's gate) makes it an error.
	e := diag.Warnf(cv.pos(n), "heading-mismatch", "heading structure differs from the source page: %s", msg).
		WithHint("translate every heading of the source page, in the same order and at the same level, so links to #sections work in both languages")
	cv.res.Diags.Add(e)
}

func validID(id string) bool {
	if id == "" {
		return false
	}
	for _, r := range id {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// Slug makes a heading id from heading text: lower case, letters and
// digits kept (in any script), runs of spaces and hyphens become one
// hyphen, everything else is dropped.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			b.WriteRune(r)
			dash = false
		case r == '-' || r == '_' || unicode.IsSpace(r):
			if b.Len() > 0 && !dash {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	out := strings.TrimRight(b.String(), "-")
	if out == "" {
		return "section"
	}
	return out
}
