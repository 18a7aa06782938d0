package translation

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// Chunk is a piece of a page's Markdown body as written: the intro (the
// text before the first heading), or one top-level heading and what follows
// it up to the next. Lead and Trail are the blank lines around Text, kept so
// that joining the chunks again gives back the body byte for byte.
type Chunk struct {
	Lead, Text, Trail string
}

// splitter finds headings the way the site's converter does: goldmark's
// CommonMark parser with tables (a table row is never a heading).
var splitter = goldmark.New(goldmark.WithExtensions(extension.Table))

// SplitBody cuts a Markdown body at its top-level headings, the same cuts
// the site's sections (and so translation stamps) are made at. The first
// chunk is always the intro, possibly empty.
func SplitBody(body []byte) []Chunk {
	doc := splitter.Parser().Parse(text.NewReader(body))
	cuts := []int{0}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		h, ok := n.(*ast.Heading)
		if !ok || h.Lines().Len() == 0 {
			continue
		}
		start := h.Lines().At(0).Start
		start = bytes.LastIndexByte(body[:start], '\n') + 1
		if start > cuts[len(cuts)-1] {
			cuts = append(cuts, start)
		}
	}
	cuts = append(cuts, len(body))
	out := make([]Chunk, 0, len(cuts)-1)
	for i := 0; i+1 < len(cuts); i++ {
		out = append(out, newChunk(string(body[cuts[i]:cuts[i+1]])))
	}
	return out
}

func newChunk(s string) Chunk {
	t := strings.TrimLeft(s, "\r\n")
	lead := s[:len(s)-len(t)]
	u := strings.TrimRight(t, " \t\r\n")
	return Chunk{Lead: lead, Text: u, Trail: t[len(u):]}
}

// JoinBody is SplitBody's inverse.
func JoinBody(chunks []Chunk) []byte {
	var b bytes.Buffer
	for _, c := range chunks {
		b.WriteString(c.Lead)
		b.WriteString(c.Text)
		b.WriteString(c.Trail)
	}
	return b.Bytes()
}
