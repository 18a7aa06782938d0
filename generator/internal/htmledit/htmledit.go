// Package htmledit finds the tags of built HTML and edits them in place:
// the offline copies rewrite every page's links with it, and the pocket
// file and the print pages embed other pages' bodies with it (embed.go).
package htmledit

import (
	"bytes"
	"html"
	"slices"
	"sort"
	"strings"
	"sync"
)

// The built pages are minified HTML: attributes may be unquoted, end tags of
// void elements are absent, and nothing is guaranteed to be well formed
// beyond what a browser accepts. Its users only need the tags and their
// attributes, so this is a tag scanner, not a parser: it finds every
// start and end tag in order, with byte offsets, and skips comments,
// doctypes and the raw text of script, style, textarea and title, as the
// HTML tokenizer does.

// Tag is one start or end tag.
type Tag struct {
	Name        string // lower-case
	End         bool   // an end tag: </name>
	Start, Stop int    // the whole tag is src[Start:Stop]
	Attrs       []Attr
}

// Attr is one attribute of a start tag.
type Attr struct {
	Name        string // lower-case
	Raw         []byte // the value as written, in src
	Start, Stop int    // the attribute with its value, src[Start:Stop]
}

// Value is the attribute's value with character references decoded. It is
// made on demand: most attributes' values are never looked at.
func (a Attr) Value() string { return html.UnescapeString(string(a.Raw)) }

// Get returns the value of the attribute name and whether it is there.
func (t *Tag) Get(name string) (string, bool) {
	for _, a := range t.Attrs {
		if a.Name == name {
			return a.Value(), true
		}
	}
	return "", false
}

// knownNames are the lower-case names of the tags and attributes the built
// pages use, so scanning a page does not allocate a string per name. They
// are filed by length and first letter: looking one up compares a few
// strings, where a map hashed every name of every tag.
var knownNames [24][26][]string

func init() {
	for _, n := range strings.Fields(`html head body main header footer nav section article aside div span p a
		ul ol li dl dt dd h1 h2 h3 h4 h5 h6 strong em b i u s small mark code pre kbd abbr time del ins sup sub
		blockquote figure figcaption img picture source svg path use table thead tbody tfoot tr th td caption
		form label input button select option textarea details summary br hr meta link script style title
		noscript template iframe object embed
		href src srcset id class rel lang dir type name content charset http-equiv alt width height role
		hidden disabled checked for value action method placeholder autocomplete hreflang media target
		tabindex property datetime open loading decoding sizes viewbox fill d xmlns aria-label
		aria-labelledby aria-describedby aria-controls aria-owns aria-hidden aria-current aria-expanded
		aria-live headers list form data-search-lang data-count defer`) {
		l := &knownNames[len(n)][n[0]-'a']
		if !slices.Contains(*l, n) {
			*l = append(*l, n)
		}
	}
}

// lowerName returns the lower-case name b, without allocating for a
// known name.
func lowerName(b []byte) string {
	if len(b) > 0 && len(b) < len(knownNames) && b[0] >= 'a' && b[0] <= 'z' {
		for _, n := range knownNames[len(b)][b[0]-'a'] {
			if n == string(b) {
				return n
			}
		}
	}
	return strings.ToLower(string(b))
}

// arena hands out tags and attribute lists in blocks: a page has hundreds
// of tags, and one allocation each was most of what the offline copies
// allocated.
type arena struct {
	src     []byte
	tags    []Tag
	attrs   []Attr
	scratch []Attr // the attributes of the tag being read
}

// arenas are reused from one Scan to the next: the offline copies and the
// pocket file scan every page, and fresh blocks for each were a fifth of
// what a build allocated (370 MB at 2×1,000 pages).
var arenas = sync.Pool{New: func() any { return new(arena) }}

// maxPooled is the most tags an arena may hold and still go back to the
// pool, so one huge page does not pin its blocks for the rest of a build.
const maxPooled = 1 << 14

// getArena returns an arena for src whose first block holds every tag src
// can have, one per '<'.
func getArena(src []byte) *arena {
	ar := arenas.Get().(*arena)
	ar.src = src
	if n := bytes.Count(src, []byte("<")); cap(ar.tags) < n {
		ar.tags = make([]Tag, 0, n)
	}
	return ar
}

// release clears what the scan used, so the pool keeps no page alive, and
// puts the arena back.
func (ar *arena) release() {
	clear(ar.tags)
	clear(ar.attrs)
	clear(ar.scratch)
	*ar = arena{tags: ar.tags[:0], attrs: ar.attrs[:0], scratch: ar.scratch[:0]}
	if cap(ar.tags) <= maxPooled && cap(ar.attrs) <= maxPooled {
		arenas.Put(ar)
	}
}

func (ar *arena) tag() *Tag {
	if len(ar.tags) == cap(ar.tags) {
		ar.tags = make([]Tag, 0, 128)
	}
	ar.tags = ar.tags[:len(ar.tags)+1]
	return &ar.tags[len(ar.tags)-1]
}

// keep moves the scratch attributes into a block and returns them.
func (ar *arena) keep() []Attr {
	n := len(ar.scratch)
	if n == 0 {
		return nil
	}
	if cap(ar.attrs)-len(ar.attrs) < n {
		ar.attrs = make([]Attr, 0, max(256, n))
	}
	at := len(ar.attrs)
	ar.attrs = append(ar.attrs, ar.scratch...)
	ar.scratch = ar.scratch[:0]
	return ar.attrs[at : at+n : at+n]
}

// rawText reports whether name's content is text up to its end tag.
func rawText(name string) bool {
	switch name {
	case "script", "style", "textarea", "title":
		return true
	}
	return false
}

// Scan calls fn with every tag of src in document order until fn
// returns false. A Tag and its Attrs are valid until Scan returns: copy
// what must outlive it.
func Scan(src []byte, fn func(t *Tag) bool) {
	ar := getArena(src)
	defer ar.release()
	i := 0
	for i < len(src) {
		j := bytes.IndexByte(src[i:], '<')
		if j < 0 {
			return
		}
		i += j
		rest := src[i+1:]
		switch {
		case bytes.HasPrefix(rest, []byte("!--")):
			k := bytes.Index(src[i+4:], []byte("-->"))
			if k < 0 {
				return
			}
			i += 4 + k + 3
		case len(rest) > 0 && (rest[0] == '!' || rest[0] == '?'):
			k := bytes.IndexByte(rest, '>')
			if k < 0 {
				return
			}
			i += 1 + k + 1
		case len(rest) > 1 && rest[0] == '/' && isLetter(rest[1]):
			t := ar.tag()
			t.End, t.Start = true, i
			n := i + 2
			for n < len(src) && !isSpace(src[n]) && src[n] != '/' && src[n] != '>' {
				n++
			}
			t.Name = lowerName(src[i+2 : n])
			k := bytes.IndexByte(src[n:], '>')
			if k < 0 {
				return
			}
			t.Stop = n + k + 1
			i = t.Stop
			if !fn(t) {
				return
			}
		case len(rest) > 0 && isLetter(rest[0]):
			t := ar.startTag(src, i)
			if t == nil {
				return
			}
			i = t.Stop
			if !fn(t) {
				return
			}
			if rawText(t.Name) {
				k := indexFold(src[i:], "</"+t.Name)
				if k < 0 {
					return
				}
				i += k
			}
		default:
			i++
		}
	}
}

// startTag reads the start tag at src[i] ('<' then a letter), or returns
// nil when the document ends inside it.
func (ar *arena) startTag(src []byte, i int) *Tag {
	ar.scratch = ar.scratch[:0]
	n := i + 1
	for n < len(src) && !isSpace(src[n]) && src[n] != '/' && src[n] != '>' {
		n++
	}
	name := lowerName(src[i+1 : n])
	for {
		for n < len(src) && (isSpace(src[n]) || src[n] == '/') {
			n++
		}
		if n >= len(src) {
			return nil
		}
		if src[n] == '>' {
			t := ar.tag()
			t.Name, t.Start, t.Stop, t.Attrs = name, i, n+1, ar.keep()
			return t
		}
		a := Attr{Start: n}
		m := n + 1 // a name may start with '='
		for m < len(src) && !isSpace(src[m]) && src[m] != '/' && src[m] != '>' && src[m] != '=' {
			m++
		}
		a.Name = lowerName(src[n:m])
		v := m
		for v < len(src) && isSpace(src[v]) {
			v++
		}
		if v < len(src) && src[v] == '=' {
			v++
			for v < len(src) && isSpace(src[v]) {
				v++
			}
			if v >= len(src) {
				return nil
			}
			switch q := src[v]; q {
			case '"', '\'':
				k := bytes.IndexByte(src[v+1:], q)
				if k < 0 {
					return nil
				}
				a.Raw = src[v+1 : v+1+k]
				m = v + 1 + k + 1
			default:
				e := v
				for e < len(src) && !isSpace(src[e]) && src[e] != '>' {
					e++
				}
				a.Raw = src[v:e]
				m = e
			}
		}
		a.Stop = m
		ar.scratch = append(ar.scratch, a)
		n = m
	}
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// indexFold is bytes.Index for an ASCII needle, ignoring case.
func indexFold(s []byte, needle string) int {
	n := len(needle)
	for i := 0; i+n <= len(s); i++ {
		if bytes.EqualFold(s[i:i+n], []byte(needle)) {
			return i
		}
	}
	return -1
}

// edit replaces src[start:stop] with text.
type edit struct {
	start, stop int
	text        string
}

// Edits collects replacements in one document; where two overlap, the
// first wins.
type Edits []edit

// Replace replaces src[start:stop].
func (e *Edits) Replace(start, stop int, text string) {
	*e = append(*e, edit{start, stop, text})
}

// Insert inserts text before src[at].
func (e *Edits) Insert(at int, text string) { e.Replace(at, at, text) }

// SetAttr gives attribute a the value val.
func (e *Edits) SetAttr(a Attr, val string) {
	e.Replace(a.Start, a.Stop, a.Name+`="`+html.EscapeString(val)+`"`)
}

// DropAttr removes attribute a with the space before it.
func (e *Edits) DropAttr(src []byte, a Attr) {
	start := a.Start
	for start > 0 && isSpace(src[start-1]) {
		start--
	}
	e.Replace(start, a.Stop, "")
}

// AddAttr adds an attribute at the end of start tag t.
func (e *Edits) AddAttr(src []byte, t *Tag, name, val string) {
	at := t.Stop - 1
	if at > 0 && src[at-1] == '/' {
		at--
	}
	e.Insert(at, " "+name+`="`+html.EscapeString(val)+`"`)
}

// Apply returns src with the edits made.
func (e Edits) Apply(src []byte) []byte {
	sort.SliceStable(e, func(i, j int) bool { return e[i].start < e[j].start })
	added := 0
	for _, ed := range e {
		added += len(ed.text)
	}
	var b bytes.Buffer
	b.Grow(len(src) + added)
	at := 0
	for _, ed := range e {
		if ed.start < at {
			continue // overlapping: the first edit wins
		}
		b.Write(src[at:ed.start])
		b.WriteString(ed.text)
		at = ed.stop
	}
	b.Write(src[at:])
	return b.Bytes()
}

// Element finds the first element called name in src and returns its start
// tag and the offset of its end tag (len(src) when it has none).
func Element(src []byte, name string) (start *Tag, end int) {
	end = -1
	Scan(src, func(t *Tag) bool {
		switch {
		case start == nil && !t.End && t.Name == name:
			c := *t // t lives in Scan's arena
			c.Attrs = slices.Clone(t.Attrs)
			start = &c
		case start != nil && t.End && t.Name == name:
			end = t.Start
			return false
		}
		return true
	})
	if start != nil && end < 0 {
		end = len(src)
	}
	return start, end
}
