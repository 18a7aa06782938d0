package markdown

import "mehfooz/generator/internal/diag"

// Facts is the facts registry as the converter needs it.
type Facts interface {
	// Fact returns a fact's text in lang, an optional link, and whether
	// the fact still needs verifying.
	Fact(key, lang string) (text, link string, check, ok bool)
	// Keys lists every key, for "did you mean".
	Keys() []string
}

// Links resolves links between pages of one language.
type Links interface {
	// PageURL returns the URL of the page at targetRel (a content path
	// such as "guides/evidence.md") relative to the page at fromRel.
	PageURL(fromRel, targetRel string) (string, bool)
}

// AssetLinks is optionally implemented by Links to resolve local images.
type AssetLinks interface {
	AssetURL(fromRel, targetRel string) (string, bool)
}

// Page is one Markdown file to convert.
type Page struct {
	Path       string // as shown in diagnostics: "content/en/guides/evidence.md"
	Rel        string // relative to the language root: "guides/evidence.md"
	Lang       string
	Source     []byte // the whole file, front matter included
	BodyOffset int    // where the body starts in Source
	Offsets    *diag.Offsets
	// HeadingIDs, when not nil, are the source-language page's headings:
	// headings without {#id} take their ids by position.
	HeadingIDs []Heading
}

// Heading is one heading of a page.
type Heading struct {
	Level    int
	ID       string
	Text     string
	Pos      diag.Pos
	Explicit bool // the id was written as {#id}
}

// Link is an internal link to another page.
type Link struct {
	Target string // content path relative to the language root
	Anchor string
	Pos    diag.Pos
}

// Section is the text under one heading, for the search index; the first
// section (Anchor "") is the text before the first heading.
type Section struct {
	Anchor  string
	Heading string
	Text    string
}

// Result is a converted page.
type Result struct {
	HTML     []byte
	Headings []Heading
	Links    []Link
	Facts    []string // keys used
	Checks   []string // keys used that only one source supports (level: reported)
	Sections []Section
	Diags    diag.List
}
