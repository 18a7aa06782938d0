package offline

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html"
	"html/template"
	"path"
	"sort"
	"strings"

	"mehfooz/generator/internal/diag"
	"mehfooz/generator/internal/htmledit"
	"mehfooz/generator/internal/site"
)

// PocketCSP is the pocket file's policy. The file is opened on its own, from
// a phone's downloads or a chat, so it carries its stylesheet inline and its
// pictures as data: URLs; it allows exactly that, and no script or request.
// (The site's pages keep style-src 'self'.)
const PocketCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

// pocketCSS is added to the site's stylesheet in the pocket file.
const pocketCSS = `.pocket-page{border-block-start:3px solid var(--accent);margin-block-start:3rem}` +
	`.pocket-top{font-size:.9rem}.offsite{color:var(--muted);font-size:.9em}`

// pocketPage is a page that may go into the pocket file.
type pocketPage struct {
	page      *site.Page
	id        string // "p-guides/evidence"
	main      []byte // what the page's <main> holds, as built
	lang, dir string // the <main>'s own language, on a stand-in for a missing translation
	required  bool
	rule      int // index of the rule that chose it
	tree      int // position in the site's tree
}

// file is the page's output name.
func (pp *pocketPage) file() string { return pp.page.URL + "index.html" }

// pocket makes the language's pocket file: the pages the rules pick, each
// page's <main> as a <section>, heading ids prefixed to stay unique and
// links between included pages turned into links within the file.
//
// The required pages must fit in budget, or it is a pocket-size error.
// The others are added in order while they fit; one that does not is left
// out, and the rules after its rule are not tried, so a less important
// page never takes the place of a more important one.
func (c *copier) pocket(rules []PocketRule, budget int) ([]byte, diag.List) {
	var diags diag.List
	cands := c.pocketCandidates(rules)
	var chosen []*pocketPage
	for _, pp := range cands {
		if pp.required {
			chosen = append(chosen, pp)
		}
	}
	doc, err := c.pocketDoc(chosen)
	if err != nil {
		diags.Add(diag.Errorf(outputPos(c.site.PocketName(c.lang)), "offline", "%v", err))
		return nil, diags
	}
	if len(doc) > budget {
		diags.Add(c.overBudget(len(doc), chosen, budget))
		return nil, diags
	}

	// A page's size with every candidate in the file, and its contents line.
	all := map[string]*pocketPage{}
	for _, pp := range cands {
		all[pp.file()] = pp
	}
	size, blocked, added := len(doc), -1, 0
	for _, pp := range cands {
		if pp.required {
			continue
		}
		if blocked >= 0 && pp.rule > blocked {
			break
		}
		est := len(c.section(pp, all)) + len(pp.page.Title()) + len(pp.id) + 30
		if size+est > budget {
			blocked = pp.rule
			continue
		}
		chosen = append(chosen, pp)
		size += est
		added++
	}
	// Links to pages left out become longer or shorter, so measure the
	// real thing, and drop the last added pages until it fits.
	for {
		if doc, err = c.pocketDoc(chosen); err != nil {
			diags.Add(diag.Errorf(outputPos(c.site.PocketName(c.lang)), "offline", "%v", err))
			return nil, diags
		}
		if len(doc) <= budget || added == 0 {
			break
		}
		chosen = chosen[:len(chosen)-1]
		added--
	}
	if len(doc) > budget {
		diags.Add(c.overBudget(len(doc), chosen, budget))
		return nil, diags
	}
	return doc, diags
}

// pocketCandidates lists the pages the rules pick, in rule order and, within
// a rule, in the order of the site's tree. Pages that need a script or take
// input (the complaint letter, the incident log) are left out: the pocket
// file has no scripts, and such pages keep their own address.
func (c *copier) pocketCandidates(rules []PocketRule) []*pocketPage {
	tree := c.pages()
	taken := map[*site.Page]bool{}
	var out []*pocketPage
	for ri, r := range rules {
		for ti, p := range tree {
			if taken[p] || !matchRule(r.Pattern, p.Key) {
				continue
			}
			taken[p] = true
			src := c.file(p.URL + "index.html")
			start, end := htmledit.Element(src, "main")
			if start == nil {
				continue
			}
			inner := src[start.Stop:end]
			if interactive(inner) {
				continue
			}
			inner = dropBlock(dropBlock(inner, `<footer class="page-meta">`, "</footer>"), `<nav class="toc"`, "</nav>")
			pp := &pocketPage{page: p, id: "p-" + p.Key, main: inner, required: r.Required, rule: ri, tree: ti}
			if p.Key == "" {
				pp.id = "p-home"
			}
			pp.lang, _ = start.Get("lang")
			pp.dir, _ = start.Get("dir")
			out = append(out, pp)
		}
	}
	return out
}

// dropBlock leaves out the first element that starts with open and ends at
// the first close after it. The pocket file drops a page's footer (its
// print link, review date and sources: the file says once when its pages
// were reviewed, and sources are online anyway) and its table of contents
// (the file has one): room for pages a reader needs.
func dropBlock(main []byte, open, close string) []byte {
	i := bytes.Index(main, []byte(open))
	if i < 0 {
		return main
	}
	j := bytes.Index(main[i:], []byte(close))
	if j < 0 {
		return main
	}
	out := append([]byte(nil), main[:i]...)
	return append(out, main[i+j+len(close):]...)
}

// matchRule reports whether a page key matches a rule's pattern.
func matchRule(pattern, key string) bool {
	if sec, ok := strings.CutSuffix(pattern, "/*"); ok {
		return key == sec || strings.HasPrefix(key, sec+"/")
	}
	return key == pattern
}

// interactive reports whether a page's content needs a script or takes
// input. A disabled input is only a picture of one (a checklist's boxes).
func interactive(main []byte) bool {
	found := false
	htmledit.Scan(main, func(t *htmledit.Tag) bool {
		switch t.Name {
		case "script", "form", "textarea", "select", "button", "iframe", "object", "embed":
			found = !t.End
		case "input":
			_, disabled := t.Get("disabled")
			found = !t.End && !disabled
		}
		return !found
	})
	return found
}

// imageTypes are the pictures the pocket file inlines as data: URLs.
var imageTypes = map[string]string{".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
	".webp": "image/webp", ".gif": "image/gif", ".svg": "image/svg+xml"}

// section is one page in the pocket file: its <main> with ids prefixed by
// the page's id and links rewritten for the pages in set (by output name).
func (c *copier) section(pp *pocketPage, set map[string]*pocketPage) []byte {
	src := pp.main
	name := pp.file()
	var e htmledit.Edits
	mark := false
	// The last three tags, to find a paragraph that is nothing but a link
	// made plain text ("Printable handout of this page"): it goes.
	var last [3]*htmledit.Tag
	var plain *htmledit.Tag
	// A link to a page left out of the file is plain text, named as being
	// in the full site, so it never looks like a link or a button that does
	// nothing. (A paragraph that is only such a link goes, below.)
	offsite := false
	htmledit.Scan(src, func(t *htmledit.Tag) bool {
		p, a0, a1 := last[0], last[1], last[2]
		last = [3]*htmledit.Tag{a0, a1, t}
		if t.End {
			if t.Name == "a" && mark {
				e.Insert(t.Start, c.extMark())
				mark = false
			}
			if t.Name == "a" && offsite {
				offsite = false
				note := ""
				if !(a0 != nil && a1 != nil && a0.Name == "p" && !a0.End && a1 == plain && a0.Stop == a1.Start) {
					note = ` <span class="offsite">` + html.EscapeString(c.strs.T("offline_in_full_site")) + `</span>`
				}
				e.Replace(t.Start, t.Stop, `</span>`+note)
			}
			if t.Name == "p" && p != nil && a0 != nil && a1 != nil && p.Name == "p" && !p.End && a0 == plain &&
				a1.Name == "a" && a1.End && p.Stop == a0.Start && a1.Stop == t.Start {
				e.Replace(p.Start, t.Stop, "")
			}
			return true
		}
		e.PrefixIDs(t, pp.id+"--")
		for _, a := range t.Attrs {
			switch {
			case a.Name == "href" || a.Name == "src":
				r := resolve(name, a.Value())
				switch r.kind {
				case refFragment:
					switch {
					case !r.hash:
					case r.frag == "":
						e.SetAttr(a, "#"+pp.id)
					default:
						e.SetAttr(a, "#"+pp.id+"--"+r.frag)
					}
				case refExternal:
				case refLocal:
					if q := set[r.file]; q != nil {
						u := "#" + q.id
						if r.frag != "" {
							u += "--" + r.frag
						}
						e.SetAttr(a, u)
					} else if mt := imageTypes[path.Ext(r.file)]; a.Name == "src" && mt != "" && c.files.Has(r.file) {
						e.SetAttr(a, "data:"+mt+";base64,"+base64.StdEncoding.EncodeToString(c.file(r.file)))
					} else if c.outside(&e, src, t, a, r) {
						mark = true
					} else if t.Name == "a" {
						plain = t
						offsite = true
						e.Replace(t.Start, t.Stop, `<span>`)
					}
				default:
					e.DropAttr(src, a)
				}
			}
		}
		return true
	})
	var b bytes.Buffer
	fmt.Fprintf(&b, `<section id="%s" class="pocket-page"`, html.EscapeString(pp.id))
	if pp.lang != "" {
		fmt.Fprintf(&b, ` lang="%s"`, html.EscapeString(pp.lang))
	}
	if pp.dir != "" {
		fmt.Fprintf(&b, ` dir="%s"`, html.EscapeString(pp.dir))
	}
	b.WriteString(">")
	b.Write(e.Apply(src))
	fmt.Fprintf(&b, `<p class="pocket-top" lang="%s" dir="%s"><a href="#contents">%s</a></p></section>`,
		html.EscapeString(c.lang), html.EscapeString(c.dir), html.EscapeString(c.strs.T("offline_to_contents")))
	return b.Bytes()
}

// tocEntry is a line of the pocket file's contents.
type tocEntry struct {
	ID, Title string
	Children  []tocEntry
}

// pocketData is what templates/pocket.html shows.
type pocketData struct {
	Lang, Dir, SiteTitle, CSP string
	CSS                       template.CSS
	QuickExit, CoverTracks    string
	Zip, Reviewed             string
	TOC                       []tocEntry
	Sections                  template.HTML
	S                         *strs
}

// pocketDoc assembles the pocket file from the chosen pages, grouped by
// section in the order the sections were first chosen, each group in the
// order of the site's tree. A section's own page heads its group in the
// contents; a decision tree is listed by its first question only, since
// its answers lead on.
func (c *copier) pocketDoc(chosen []*pocketPage) ([]byte, error) {
	set := map[string]*pocketPage{}
	groups := map[string][]*pocketPage{}
	var order []string
	for _, pp := range chosen {
		set[pp.file()] = pp
		sec := pp.page.Section
		if groups[sec] == nil {
			order = append(order, sec)
		}
		groups[sec] = append(groups[sec], pp)
	}
	cssName := c.asset("css/site.css")
	if cssName == "" {
		return nil, fmt.Errorf("the build wrote no css/site.css, which the pocket file inlines")
	}
	cfg := c.site.Config
	d := pocketData{
		Lang: c.lang, Dir: c.dir, SiteTitle: cfg.Title[c.lang], CSP: PocketCSP,
		CSS:       template.CSS(inlineCSS(string(c.file(cssName)) + "\n" + pocketCSS)),
		QuickExit: cfg.QuickExit, Zip: path.Base(c.site.ZipName(c.lang)), S: c.strs,
	}
	var pages []*site.Page
	var sections bytes.Buffer
	for _, sec := range order {
		g := groups[sec]
		sort.SliceStable(g, func(i, j int) bool { return g[i].tree < g[j].tree })
		var head *tocEntry
		if g[0].page.Key == sec && sec != "" {
			head = &tocEntry{ID: g[0].id, Title: g[0].page.Title()}
		}
		for i, pp := range g {
			sections.Write(c.section(pp, set))
			pages = append(pages, pp.page)
			switch {
			case head == nil:
				d.TOC = append(d.TOC, tocEntry{ID: pp.id, Title: pp.page.Title()})
			case i > 0 && g[0].page.Kind != "workflow":
				head.Children = append(head.Children, tocEntry{ID: pp.id, Title: pp.page.Title()})
			}
		}
		if head != nil {
			d.TOC = append(d.TOC, *head)
		}
	}
	d.Sections = template.HTML(sections.String())
	d.Reviewed = c.strs.Date(newest(pages))
	if q := c.site.Page(c.lang, "guides/cover-your-tracks.md"); q != nil && set[q.URL+"index.html"] != nil {
		d.CoverTracks = "#" + set[q.URL+"index.html"].id
	}
	var b bytes.Buffer
	if err := templates.ExecuteTemplate(&b, "pocket", d); err != nil {
		return nil, fmt.Errorf("pocket file: %v", err)
	}
	return b.Bytes(), nil
}

// overBudget is the error for a pocket file whose required pages do not fit.
func (c *copier) overBudget(size int, chosen []*pocketPage, budget int) *diag.Error {
	type weight struct {
		url string
		n   int
	}
	var ws []weight
	for _, pp := range chosen {
		ws = append(ws, weight{"/" + pp.page.URL, len(pp.main)})
	}
	sort.SliceStable(ws, func(i, j int) bool { return ws[i].n > ws[j].n })
	var list []string
	for _, w := range ws[:min(5, len(ws))] {
		list = append(list, fmt.Sprintf("%s (%s)", w.url, kb(w.n)))
	}
	// Shown at the budget in site.yaml when it is set there, the line to
	// change; otherwise at the file.
	pos := outputPos(c.site.PocketName(c.lang))
	if p := c.site.Config.Pos.Value("pocket.budget_kb"); p.File != "" {
		pos = p
	}
	return diag.Errorf(pos, "pocket-size",
		"the %s pocket file is %s with only the pages it must have, over its budget of %s; its largest pages: %s",
		c.lang, kb(size), kb(budget), strings.Join(list, ", ")).
		WithHint("shorten those pages, raise pocket.budget_kb in site.yaml, or move pages from pocket.required to pocket.optional there")
}

// inlineCSS makes a stylesheet safe inside <style>: "<" can only end the
// element ("</style>") or open a comment there, and "\3c " is the same
// character to CSS (static/ checks refuse it already; this is the last
// guard, since the pocket's policy lets inline style run).
func inlineCSS(s string) string {
	return strings.ReplaceAll(s, "<", `\3c `)
}
