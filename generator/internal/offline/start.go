package offline

import (
	"bytes"
	"embed"
	"html/template"
	"path"

	"mehfooz/generator/internal/diag"
	"mehfooz/generator/internal/render"
)

//go:embed templates/*.html
var templatesFS embed.FS

// templates are the start page and the pocket file; their words are
// interface strings.
var templates = template.Must(template.New("offline").Option("missingkey=error").ParseFS(templatesFS, "templates/*.html"))

// card is a link with a line about where it goes.
type card struct {
	Title, Description, URL string
}

// startData is what templates/start.html shows.
type startData struct {
	Lang, Dir, SiteTitle, CSP string
	CSS, JS                   string // relative to the zip root
	QuickExit                 string
	CoverTracks               string // the guide to covering your tracks, or ""
	Links                     []card
	Start                     string // the start page's file name
	Search                    bool
	Reviewed                  string
	Others                    []card // the copies in the site's other languages: name, file, code
	S                         *strs
}

// startPage is the zip copy's first page, in the copy's language: where to
// begin, how to keep and open the copy, and what keeping it on a shared
// phone means. It uses the site's stylesheet and its quick-exit script.
func (c *copier) startPage(pages map[string]bool) ([]byte, diag.List) {
	cfg := c.site.Config
	d := startData{
		Lang: c.lang, Dir: c.dir, SiteTitle: cfg.Title[c.lang], CSP: render.CSP,
		CSS: c.asset("css/site.css"), JS: c.asset("js/site.js"), QuickExit: cfg.QuickExit,
		Start: StartPage, Reviewed: c.strs.Date(newest(c.site.Lang(c.lang))), S: c.strs,
	}
	page := func(rel string) string {
		if p := c.site.Page(c.lang, rel); p != nil && pages[p.URL+"index.html"] {
			return p.URL + "index.html"
		}
		return ""
	}
	d.CoverTracks = page("guides/cover-your-tracks.md")
	if u := page("_index.md"); u != "" {
		d.Links = append(d.Links, card{Title: cfg.Title[c.lang], Description: c.site.Page(c.lang, "_index.md").File.Meta.Description, URL: u})
	}
	for _, l := range []struct{ rel, key string }{
		{path.Join(cfg.Sections.Tree, "_index.md"), "nav_start"}, {"helplines/_index.md", "nav_helplines"}, {"guides/_index.md", "nav_guides"},
	} {
		if u := page(l.rel); u != "" && l.rel != "_index.md" { // no tree section: the home is already there
			d.Links = append(d.Links, card{Title: c.strs.T(l.key), Description: c.site.Page(c.lang, l.rel).File.Meta.Description, URL: u})
		}
	}
	if search := path.Join(c.lang, "search", "index.html"); pages[search] {
		d.Search = true
		d.Links = append(d.Links, card{Title: c.strs.T("nav_search"), Description: c.strs.T("search_description"), URL: search})
	}
	for _, l := range cfg.Languages {
		if l.Code != c.lang {
			d.Others = append(d.Others, card{Title: l.Name, URL: path.Base(c.site.ZipName(l.Code)), Description: l.Code})
		}
	}
	var diags diag.List
	if d.CSS == "" {
		diags.Add(diag.Errorf(outputPos(c.site.ZipName(c.lang)), "offline", "the build wrote no css/site.css, which the start page uses"))
		return nil, diags
	}
	var b bytes.Buffer
	if err := templates.ExecuteTemplate(&b, "start", d); err != nil {
		diags.Add(diag.Errorf(outputPos(c.site.ZipName(c.lang)), "offline", "start page: %v", err))
		return nil, diags
	}
	return b.Bytes(), diags
}
