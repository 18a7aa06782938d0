// Package content is the load stage: it walks the content tree, splits each
// page into front matter and body with a state-function lexer, decodes the
// front matter strictly, and reads the facts registry. Everything it finds
// wrong is a positioned diagnostic; it never stops at the first one.
package content

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"

	"mehfooz/generator/internal/diag"
)

// File is one page in one language.
type File struct {
	Path       string // as shown in diagnostics: "content/ur/guides/evidence.md"
	Lang       string // "ur"
	Rel        string // "guides/evidence.md": slash-separated, the same in every language
	Meta       FrontMatter
	Body       []byte // Source after the front matter
	BodyOffset int    // byte offset of Body in Source
	Source     []byte
	Offsets    *diag.Offsets // positions in Source
}

// KeepFrontMatter lets go of the page's body once it is rendered, keeping
// the front matter that later errors point into (site.PosOf).
func (f *File) KeepFrontMatter() {
	if f.BodyOffset >= 0 && f.BodyOffset < len(f.Source) {
		f.Source = bytes.Clone(f.Source[:f.BodyOffset])
		if f.Offsets != nil {
			f.Offsets = f.Offsets.Prefix(f.Source) // it holds the whole text too
		}
	}
	f.Body = nil
}

// Asset is a file under a language directory that is not a page, such as
// an image beside the page that shows it.
type Asset struct {
	Path string // as shown in diagnostics
	Lang string
	Rel  string // relative to the language directory, slash-separated
}

// Tree is the loaded content.
type Tree struct {
	Files  []*File // by language order, then Rel
	Assets []Asset // by language order, then Rel
}

// slugRE matches a file or directory name that can be part of a URL.
var slugRE = regexp.MustCompile(`^[a-z0-9-]+$`)

// Load reads every page <lang>/**.md of fsys for each language code, in
// order. prefix is how fsys is named in diagnostics ("content"). Names that
// start with a dot (.facts/, .DS_Store) are ignored. Pages whose front
// matter has errors are still returned, with what could be decoded, so later
// stages can report more; pages that cannot be split are left out.
//
// Files are read in parallel; the result and the order of diagnostics are
// the same on every run.
func Load(fsys fs.FS, prefix string, langs []string) (*Tree, diag.List) {
	diags := checkTop(fsys, prefix, langs)
	tree := &Tree{}
	var pages []Asset // where the pages are, named as assets are
	for i, lang := range langs {
		p, a, d := walkLang(fsys, prefix, lang, i > 0)
		pages = append(pages, p...)
		tree.Assets = append(tree.Assets, a...)
		diags.Append(d)
	}
	order := func(a, b Asset) int {
		return cmp.Or(cmp.Compare(slices.Index(langs, a.Lang), slices.Index(langs, b.Lang)), cmp.Compare(a.Rel, b.Rel))
	}
	slices.SortFunc(pages, order)
	slices.SortFunc(tree.Assets, order)

	files := make([]*File, len(pages))
	lists := make([]diag.List, len(pages))
	limit := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, p := range pages {
		wg.Go(func() {
			limit <- struct{}{}
			defer func() { <-limit }()
			files[i], lists[i] = readPage(fsys, p)
		})
	}
	wg.Wait()
	for i, f := range files {
		diags.Append(lists[i])
		if f != nil {
			tree.Files = append(tree.Files, f)
		}
	}
	return tree, diags
}

// checkTop reports what sits at the top of the content tree but outside
// every language: pages, and directories of pages. Other files (site.yaml,
// facts.yaml) and directories without pages (search/) are left alone.
func checkTop(fsys fs.FS, prefix string, langs []string) diag.List {
	var diags diag.List
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		diags.Add(diag.Errorf(diag.Pos{File: cmp.Or(prefix, ".")}, ruleLayout, "cannot read the content directory: %v", err))
		return diags
	}
	for _, e := range entries {
		name := e.Name()
		shown := path.Join(prefix, name)
		switch {
		case strings.HasPrefix(name, "."), slices.Contains(langs, name) && e.IsDir():
		case e.IsDir() && holdsPages(fsys, name):
			hint := fmt.Sprintf("move its pages into a language directory, or add %q to languages in site.yaml", name)
			if s := suggestLang(name, langs); s != "" {
				hint = fmt.Sprintf("did you mean %q? ", s) + hint
			}
			diags.Add(diag.Errorf(diag.Pos{File: shown}, ruleLayout, "directory %s holds pages but is not a language of the site (%s)",
				shown, strings.Join(langs, ", ")).WithHint("%s", hint))
		case !e.IsDir() && isPage(name):
			example := "en"
			if len(langs) > 0 {
				example = langs[0]
			}
			diags.Add(diag.Errorf(diag.Pos{File: shown}, ruleLayout, "page %s is outside every language directory", shown).
				WithHint("move it into each language directory, e.g. %s", path.Join(prefix, example, name)))
		}
	}
	return diags
}

// suggestLang returns the language name was probably meant to be, or "".
// Two-letter codes are all one edit apart, so for them only a difference
// of case counts.
func suggestLang(name string, langs []string) string {
	s := diag.Suggest(name, langs)
	if len(name) <= 2 && !strings.EqualFold(s, name) {
		return ""
	}
	return s
}

// holdsPages reports whether a directory has a page anywhere below it.
func holdsPages(fsys fs.FS, dir string) bool {
	found := errors.New("found")
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && isPage(d.Name()) {
			return found
		}
		return nil
	})
	return err == found
}

func isPage(name string) bool { return strings.EqualFold(path.Ext(name), ".md") }

// walkLang lists the pages and assets of one language, reporting names that
// are not slugs.
// A translation's language may have no directory yet: every page then falls
// back to the source language (the build reports them as missing).
func walkLang(fsys fs.FS, prefix, lang string, translation bool) (pages, assets []Asset, diags diag.List) {
	err := fs.WalkDir(fsys, lang, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == lang && errors.Is(err, fs.ErrNotExist) && translation {
				// Reported with the pages it lacks, as missing translations.
			} else if p == lang && errors.Is(err, fs.ErrNotExist) {
				diags.Add(diag.Errorf(diag.Pos{File: path.Join(prefix, lang)}, ruleLayout, "no directory for language %q", lang).
					WithHint("create %s/ with the pages, or remove %q from languages in site.yaml", path.Join(prefix, lang), lang))
			} else {
				diags.Add(diag.Errorf(diag.Pos{File: path.Join(prefix, p)}, ruleLayout, "cannot read: %v", err))
			}
			return nil
		}
		if p == lang {
			return nil
		}
		name, shown := d.Name(), path.Join(prefix, p)
		if strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		a := Asset{Path: shown, Lang: lang, Rel: strings.TrimPrefix(p, lang+"/")}
		switch {
		case d.IsDir():
			if !slugRE.MatchString(name) {
				diags.Add(slugError(shown, "directory", name))
				return fs.SkipDir
			}
		case isPage(name):
			stem, ok := strings.CutSuffix(name, ".md")
			if name != "_index.md" && !(ok && slugRE.MatchString(stem)) {
				diags.Add(slugError(shown, "file", name))
				return nil
			}
			pages = append(pages, a)
		default:
			assets = append(assets, a)
		}
		return nil
	})
	if err != nil {
		diags.Add(diag.Errorf(diag.Pos{File: path.Join(prefix, lang)}, ruleLayout, "cannot read: %v", err))
	}
	return pages, assets, diags
}

// slugError reports a file or directory name that is not a slug, with the
// slug it could be renamed to.
func slugError(shown, what, name string) *diag.Error {
	e := diag.Errorf(diag.Pos{File: shown}, ruleSlug, "%s name %q is not a slug", what, name)
	const rule = `slugs are ASCII and identical in every language: lowercase letters a-z, digits and "-"`
	stem, ext := name, ""
	if what == "file" {
		stem, ext = strings.TrimSuffix(name, path.Ext(name)), ".md"
	}
	if s := slugify(stem); s != "" {
		return e.WithHint("%s; rename it %q", rule, s+ext)
	}
	return e.WithHint("%s; use the name the page has in the other languages", rule)
}

// slugify lower-cases name, turns spaces, dots and underscores into "-" and
// drops everything else that is not a-z or 0-9.
func slugify(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '-', r == ' ', r == '_', r == '.':
			if s := b.String(); s != "" && !strings.HasSuffix(s, "-") {
				b.WriteByte('-')
			}
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// readPage reads, splits and decodes one page.
func readPage(fsys fs.FS, a Asset) (*File, diag.List) {
	src, err := fs.ReadFile(fsys, path.Join(a.Lang, a.Rel))
	if err != nil {
		return nil, diag.List{diag.Errorf(diag.Pos{File: a.Path}, ruleLayout, "cannot read: %v", err)}
	}
	return parsePage(a, src)
}

// parsePage splits and decodes the source of one page.
func parsePage(a Asset, src []byte) (*File, diag.List) {
	f := &File{Path: a.Path, Lang: a.Lang, Rel: a.Rel, Source: src, Offsets: diag.NewOffsets(a.Path, src)}
	parts, e := Split(src, f.Offsets)
	if e != nil {
		return nil, diag.List{e}
	}
	f.Body, f.BodyOffset = parts.Body, parts.BodyOffset
	var diags diag.List
	f.Meta, diags = decodeFrontMatter(f.Path, parts.FrontMatterLine, parts.FrontMatter)
	// Advice must say when it was last checked; a section's list page
	// (and the home) gives none of its own.
	index := path.Base(a.Rel) == "_index.md"
	parsed := true // a syntax error leaves no keys to judge
	for _, d := range diags {
		if !strings.HasPrefix(d.Msg, "missing required key") {
			parsed = false
		}
	}
	if !index && parsed && !f.Meta.Pos.Has("reviewed") {
		diags.Add(diag.Errorf(diag.Pos{File: f.Path, Line: parts.FrontMatterLine, Col: 1}, ruleFrontMatter, `missing required key "reviewed"`).
			WithHint(`add a line "reviewed: …"`))
	}
	return f, diags
}

// ReadPage reads and decodes one page, <lang>/<rel> of fsys, as Load
// would; serve uses it to reload the page that changed.
func ReadPage(fsys fs.FS, prefix, lang, rel string) (*File, diag.List) {
	return readPage(fsys, Asset{Path: path.Join(prefix, lang, rel), Lang: lang, Rel: rel})
}
