package offline

import (
	"path"
	"strings"
)

// refKind says what a URL in a built page points at.
type refKind int

const (
	refFragment refKind = iota // "#x" or "": this page
	refExternal                // has a scheme (https:, tel:, mailto:) or starts with "//"
	refRoot                    // starts with "/": cannot work from file://
	refOutside                 // "../" steps past the output root
	refLocal                   // a file of the built site
)

// ref is a URL found in a built page, resolved against the page.
type ref struct {
	kind refKind
	// For refLocal: the output file it names ("en/guides/evidence/index.html"
	// for "../evidence/"), whether it was written as a directory, and the
	// URL as written before the fragment.
	file string
	dir  bool
	url  string
	frag string // after '#', as written; "" when there is none
	hash bool   // the URL had a '#'
}

// resolve resolves u, found in the output file page.
func resolve(page, u string) ref {
	u = strings.TrimSpace(u)
	if u == "" || u[0] == '#' {
		return ref{kind: refFragment, frag: strings.TrimPrefix(u, "#"), hash: u != ""}
	}
	if strings.HasPrefix(u, "//") || hasScheme(u) {
		return ref{kind: refExternal}
	}
	if u[0] == '/' {
		return ref{kind: refRoot}
	}
	r := ref{kind: refLocal}
	r.url, r.frag, r.hash = strings.Cut(u, "#")
	if i := strings.IndexByte(r.url, '?'); i >= 0 {
		r.url = r.url[:i]
	}
	r.dir = r.url == "." || r.url == ".." || strings.HasSuffix(r.url, "/") ||
		strings.HasSuffix(r.url, "/.") || strings.HasSuffix(r.url, "/..")
	target := path.Join(path.Dir(page), r.url)
	if target == ".." || strings.HasPrefix(target, "../") {
		return ref{kind: refOutside}
	}
	if r.dir {
		target = path.Join(target, "index.html")
	}
	r.file = target
	return r
}

// fileURL is the URL of r that works from file://: a directory URL gets an
// explicit index.html.
func (r ref) fileURL() string {
	u := r.url
	if r.dir {
		if !strings.HasSuffix(u, "/") {
			u += "/"
		}
		u += "index.html"
	}
	if r.hash {
		u += "#" + r.frag
	}
	return u
}

// onlineURL is the address of r on the published site at base ("https://…/").
func (r ref) onlineURL(base string) string {
	u := base + strings.TrimSuffix(r.file, "index.html")
	if r.hash {
		u += "#" + r.frag
	}
	return u
}

// hasScheme reports whether u starts with a URL scheme ("https:", "tel:").
func hasScheme(u string) bool {
	i := strings.IndexByte(u, ':')
	if i <= 0 {
		return false
	}
	for j, c := range u[:i] {
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if !letter && (j == 0 || !(c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return true
}
