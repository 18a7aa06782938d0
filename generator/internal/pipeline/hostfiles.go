package pipeline

import (
	"bytes"
	"encoding/xml"

	"mehfooz/generator/internal/diag"
	"mehfooz/generator/internal/render"
	"mehfooz/generator/internal/site"
)

// writeHostFiles writes the files static hosts read rather than serve as
// pages: _headers, .htaccess and, when base_url is set, sitemap.xml and
// robots.txt.
func (b *builder) writeHostFiles() diag.List {
	var diags diag.List
	fail := func(what string, err error) {
		diags.Add(diag.Errorf(diag.Pos{File: "public/" + what}, "output", "%v", err))
	}
	cfg := b.cfg
	if _, err := b.out.Write("_headers", []byte(Headers())); err != nil {
		fail("_headers", err)
	}
	if _, err := b.out.Write(".htaccess", []byte(HTAccess())); err != nil {
		fail(".htaccess", err)
	}
	if cfg.BaseURL != "" {
		if _, err := b.out.Write("sitemap.xml", b.sitemap(b.results)); err != nil {
			fail("sitemap.xml", err)
		}
		if _, err := b.out.Write("robots.txt", []byte("User-agent: *\nAllow: /\nSitemap: "+cfg.BaseURL+"sitemap.xml\n")); err != nil {
			fail("robots.txt", err)
		}
	}
	return diags
}

// Headers is the _headers file for Netlify and Cloudflare Pages: the same
// policy as the pages' <meta>, plus what only headers can carry.
func Headers() string {
	return "/*\n" +
		"  Content-Security-Policy: " + render.HeaderCSP + "\n" +
		"  Referrer-Policy: no-referrer\n" +
		"  Permissions-Policy: camera=(), microphone=(), geolocation=(), browsing-topics=(), interest-cohort=()\n" +
		"  X-Content-Type-Options: nosniff\n" +
		"  X-Frame-Options: DENY\n" +
		"  Cross-Origin-Opener-Policy: same-origin\n" +
		// The search module compiles while it downloads only when sent as
		// application/wasm (static/js/site.js).
		"/search/*.wasm\n" +
		"  Content-Type: application/wasm\n"
}

// HTAccess is the same policy for Apache, the server of most shared
// hosting: headers, the WebAssembly type (without it the search module
// cannot compile while it downloads), and no directory listings.
func HTAccess() string {
	return "# Written by mehfooz build: the pages' policy as HTTP headers (Apache mod_headers).\n" +
		"<IfModule mod_headers.c>\n" +
		"  Header always set Content-Security-Policy \"" + render.HeaderCSP + "\"\n" +
		"  Header always set Referrer-Policy \"no-referrer\"\n" +
		"  Header always set Permissions-Policy \"camera=(), microphone=(), geolocation=(), browsing-topics=(), interest-cohort=()\"\n" +
		"  Header always set X-Content-Type-Options \"nosniff\"\n" +
		"  Header always set X-Frame-Options \"DENY\"\n" +
		"  Header always set Cross-Origin-Opener-Policy \"same-origin\"\n" +
		"</IfModule>\n" +
		"AddType application/wasm .wasm\n" +
		"Options -Indexes\n"
}

func (b *builder) sitemap(results map[*site.Page]*rendered) []byte {
	type link struct {
		Rel      string `xml:"rel,attr"`
		HrefLang string `xml:"hreflang,attr"`
		Href     string `xml:"href,attr"`
	}
	type u struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod,omitempty"`
		Links   []link `xml:"xhtml:link"`
	}
	var urls []u
	for _, p := range b.site.Pages {
		if results[p] == nil || p.Fallback != nil {
			continue
		}
		e := u{Loc: b.cfg.BaseURL + p.URL}
		if t := p.File.Meta.Reviewed.Time; !t.IsZero() {
			e.LastMod = t.Format("2006-01-02")
		}
		for _, t := range p.Translations {
			if t.Fallback != nil {
				continue
			}
			e.Links = append(e.Links, link{Rel: "alternate", HrefLang: t.Lang, Href: b.cfg.BaseURL + t.URL})
		}
		urls = append(urls, e)
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	buf.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">`)
	enc := xml.NewEncoder(&buf)
	for _, e := range urls {
		enc.EncodeElement(e, xml.StartElement{Name: xml.Name{Local: "url"}})
	}
	enc.Flush()
	buf.WriteString("</urlset>\n")
	return buf.Bytes()
}
