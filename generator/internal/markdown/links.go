package markdown

// The links extension turns a link to another page's Markdown file
// (../guides/evidence.md#keep) into that page's URL and lists it for the
// anchor check, which runs once every page's headings are known. Local
// images become URLs under static/ the same way. A link or image that
// does not resolve is an error where it was written; those policy refused
// are left as policy made them.

import (
	"path"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

type linksExt struct {
	lang  string
	links Links
}

func (e *linksExt) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(e, prioLinks)))
}

// Transform resolves the page's links and images. Those with a scheme are
// left to external (marked), and those policy refused are left alone.
func (e *linksExt) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	cv := docOf(pc)
	refused := pc.Get(refusedKey).(map[ast.Node]bool)
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			e.link(cv, n, refused[n])
		case *ast.Image:
			e.image(cv, n, refused[n])
		}
		return ast.WalkContinue, nil
	})
}

func (e *linksExt) link(cv *conversion, n *ast.Link, refused bool) {
	dest := string(n.Destination)
	if refused || scheme(dest) != "" {
		return
	}
	if strings.HasPrefix(dest, "//") {
		cv.errorf(n, "link", "link %q has no scheme", dest).WithHint("write the full address starting with https://")
		return
	}
	target, anchor, _ := strings.Cut(dest, "#")
	if target == "" {
		// An anchor on this page; checked with the others once headings are known.
		cv.res.Links = append(cv.res.Links, Link{Target: cv.page.Rel, Anchor: anchor, Pos: cv.pos(n)})
		return
	}
	if strings.Contains(target, "?") {
		cv.errorf(n, "link", "link %q has a query string", dest).WithHint("link to the .md file of the page")
		return
	}
	if !strings.HasSuffix(target, ".md") {
		cv.errorf(n, "link", "link %q does not point to a .md file", dest).
			WithHint("link to the page's Markdown file, such as ../guides/evidence.md; the build turns it into the page's address")
		return
	}
	var rel string
	if strings.HasPrefix(target, "/") {
		rel = path.Clean(strings.TrimPrefix(target, "/"))
	} else {
		rel = path.Join(path.Dir(cv.page.Rel), target)
	}
	if rel == ".." || strings.HasPrefix(rel, "../") {
		cv.errorf(n, "broken-link", "link %q leads outside the %s pages", dest, e.lang)
		return
	}
	var url string
	ok := false
	if e.links != nil {
		url, ok = e.links.PageURL(cv.page.Rel, rel)
	}
	if !ok {
		cv.errorf(n, "broken-link", "link to %q: there is no page content/%s/%s", dest, e.lang, rel).
			WithHint("check the file name and the ../ steps; paths are relative to this file")
		return
	}
	cv.res.Links = append(cv.res.Links, Link{Target: rel, Anchor: anchor, Pos: cv.pos(n)})
	if anchor != "" {
		url += "#" + anchor
	}
	n.Destination = []byte(url)
}

func (e *linksExt) image(cv *conversion, n *ast.Image, refused bool) {
	dest := string(n.Destination)
	if refused {
		return // a remote image
	}
	rel := path.Clean(strings.TrimPrefix(dest, "/"))
	al, ok := e.links.(AssetLinks)
	var url string
	if ok {
		url, ok = al.AssetURL(cv.page.Rel, rel)
	}
	if !ok || rel == ".." || strings.HasPrefix(rel, "../") {
		cv.errorf(n, "broken-image", "image %q: there is no file static/%s", dest, rel).
			WithHint("image paths are relative to the static folder, such as /images/report-menu.png")
		return
	}
	n.Destination = []byte(url)
}
