package pipeline

import (
	"fmt"
	"hash/fnv"
	"html/template"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"

	"mehfooz/generator/internal/diag"
	"mehfooz/generator/internal/htmledit"
	"mehfooz/generator/internal/markdown"
	"mehfooz/generator/internal/qr"
	"mehfooz/generator/internal/render"
	"mehfooz/generator/internal/site"
)

// Trainers take the site into rooms without internet: each guide gets a
// printable handout, each workshop one printable page with all its guides,
// and every guide a short address that can be read out (/go/1234/).

// The print page sits beside the page's own index.html (site.PrintName):
// in the same folder, every relative link works unchanged, and the build
// makes no folder per page for it.

// shortCodes gives every guide a four-digit code from a hash of its key,
// so codes printed on handouts stay the same when guides are added. On a
// collision the later key (in key order) takes the next free code.
func shortCodes(s *site.Site) map[string]string {
	var keys []string
	seen := map[string]bool{}
	for _, p := range s.Pages {
		if p.Kind == "guide" && !seen[p.Key] {
			seen[p.Key] = true
			keys = append(keys, p.Key)
		}
	}
	sort.Strings(keys)
	codes, used := map[string]string{}, map[int]bool{}
	for _, k := range keys {
		h := fnv.New32a()
		h.Write([]byte(k))
		n := 1000 + int(h.Sum32()%9000)
		for used[n] {
			n = 1000 + (n-1000+1)%9000
		}
		used[n] = true
		codes[k] = fmt.Sprint(n)
	}
	return codes
}

// rebase rewrites v, a relative link in HTML rendered for the page at
// from, so it works from the page at to (both output URLs ending in "/");
// ok is false for a link that needs no change. Converting the Markdown
// again would do the same, at twice the cost.
func rebase(v, from, to string) (string, bool) {
	if from == to || v == "" || v[0] == '#' || v[0] == '/' || strings.Contains(strings.SplitN(v, "/", 2)[0], ":") {
		return "", false
	}
	target, frag, _ := strings.Cut(v, "#")
	abs := path.Join(path.Dir(from+"x"), target)
	if strings.HasSuffix(target, "/") || target == "." || target == ".." {
		abs += "/"
	}
	out := site.RelURL(to, strings.TrimPrefix(abs, "/"))
	if !strings.HasSuffix(abs, "/") {
		out = strings.TrimSuffix(out, "/") // a file, not a page
	}
	if frag != "" {
		out += "#" + frag
	}
	return out, true
}

// shortURL is the address to read out for a guide, with the site's domain;
// none when the site does not know its base URL.
func (b *builder) shortURL(p *site.Page) string {
	code, ok := b.codes[p.Key]
	if !ok {
		return ""
	}
	if b.cfg.BaseURL == "" {
		// "/go/2661/" on paper, with no site before it, cannot be typed.
		return ""
	}
	return b.cfg.BaseURL + site.GoURL(code)
}

// qrFor draws the QR code of a page's address; none without base_url,
// since a relative address cannot be scanned.
func (b *builder) qrFor(p *site.Page) (template.HTML, error) {
	if b.cfg.BaseURL == "" {
		return "", nil
	}
	c, err := qr.Encode(b.cfg.BaseURL+p.URL, qr.M)
	if err != nil {
		return "", err
	}
	return template.HTML(c.SVG(b.rend.T(p.Lang, "qr_title") + ": " + b.cfg.BaseURL + p.URL)), nil
}

// planPrint gives guides their short codes and marks the pages whose
// bodies a workshop's print page reuses, before any page is rendered.
func (b *builder) planPrint() {
	b.codes = shortCodes(b.site)
	b.keepBody = map[*site.Page]bool{}
	for _, p := range b.site.Pages {
		if p.Kind == "workshop" {
			b.keepBody[p] = true
			for _, g := range p.File.Meta.Guides {
				if q, ok := b.site.Resolve(p, g); ok {
					b.keepBody[q] = true
				}
			}
		}
	}
}

// writePrintPages writes workshop print pages and short-code pages. It
// runs after every page is rendered.
func (b *builder) writePrintPages() diag.List {
	var diags diag.List
	var todo []*site.Page
	for _, p := range b.site.Pages {
		if b.results[p] != nil && p.Fallback == nil && p.Kind == "workshop" {
			todo = append(todo, p)
		}
	}
	var mu sync.Mutex
	parallel(len(todo), func(i int) {
		p := todo[i]
		if d := b.writePrintPage(p, b.results[p].body, b.results[p].headings); len(d) > 0 {
			mu.Lock()
			diags.Append(d)
			mu.Unlock()
		}
	})
	diags.Sort()
	diags.Append(b.writeShortCodes())
	return diags
}

// parallel calls f(0…n-1) on GOMAXPROCS goroutines.
func parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Go(func() {
			for i := range jobs {
				f(i)
			}
		})
	}
	for i := 0; i < n; i++ {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
}

// writePrintPage writes the handout of a guide (as soon as the guide is
// rendered, so its HTML need not be kept) or the print page of a workshop
// (once every guide is).
func (b *builder) writePrintPage(p *site.Page, body []byte, headings []markdown.Heading) diag.List {
	var diags diag.List
	fail := func(p *site.Page, err error) {
		diags.Add(diag.Errorf(diag.Pos{File: p.File.Path}, "print", "%v", err))
	}
	url := p.URL // the folder the print page is in
	res := markdown.Result{HTML: body, Headings: headings}
	d := b.pageData(p, res, "")
	d.Breadcrumbs = append(d.Breadcrumbs, render.Item{Title: p.Title(), URL: "./"})
	d.Canonical, d.PrintURL = "", ""
	for i, a := range d.Alternates {
		if !a.Stub {
			d.Alternates[i].URL = site.PrintName(a.URL)
			if a.Abs != "" {
				d.Alternates[i].Abs = site.PrintName(a.Abs)
			}
		}
	}
	var err error
	if d.QR, err = b.qrFor(p); err != nil {
		fail(p, err)
		return diags
	}
	switch p.Kind {
	case "guide":
		d.Kind = "handout"
		d.ShortURL = b.shortURL(p)
	case "workshop":
		d.Kind = "workshop-print"
		for _, g := range p.File.Meta.Guides {
			q, ok := b.site.Resolve(p, g)
			if !ok || b.results[q] == nil {
				continue
			}
			prefix := strings.ReplaceAll(q.Key, "/", "-") + "--"
			html := htmledit.Embed(b.results[q].body, prefix, func(v string) (string, bool) { return rebase(v, q.URL, url) })
			d.Sections = append(d.Sections, render.Section{
				ID: prefix + "top", Title: q.Title(), Description: q.File.Meta.Description,
				Content: template.HTML(html), ShortURL: b.shortURL(q),
			})
		}
	}
	html, err := b.rend.Page(d)
	if err == nil {
		_, err = b.out.Write(site.PrintName(url), html)
	}
	if err != nil {
		fail(p, err)
	}
	return diags
}

// writeShortCodes writes /go/<code>/ for each guide: one small page with
// the guide in every language, one tap away. (A redirect per language
// would double the files for an address that is read out, not typed.)
func (b *builder) writeShortCodes() diag.List {
	var diags diag.List
	keys := make([]string, 0, len(b.codes))
	for k := range b.codes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		code := b.codes[k]
		at := site.GoURL(code)
		var langs []map[string]string
		for _, l := range b.cfg.Languages {
			rel := k + ".md"
			p := b.site.Page(l.Code, rel)
			if p == nil {
				continue
			}
			langs = append(langs, map[string]string{"Code": l.Code, "Dir": l.Direction, "Title": p.Title(),
				"URL": site.RelURL(at, p.URL), "Exit": b.rend.T(l.Code, "quick_exit"), "Open": b.rend.T(l.Code, "shortcode_open")})
		}
		html, err := b.rend.Standalone("shortcode", map[string]any{"Lang": b.site.Langs[0], "CSP": render.CSP, "Code": code,
			"Languages": langs, "QuickExit": b.cfg.QuickExit, "CSS": site.Root(at) + b.assets["css/site.css"], "JS": site.Root(at) + b.assets["js/site.js"]})
		if err == nil {
			_, err = b.out.Write(site.GoName(code), html)
		}
		if err != nil {
			diags.Add(diag.Errorf(diag.Pos{File: b.in.LayoutsPrefix + "/shortcode.html"}, "layout", "%v", err))
		}
	}
	return diags
}
