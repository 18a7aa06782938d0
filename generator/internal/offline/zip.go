package offline

import (
	"archive/zip"
	"bytes"
	"html"
	"io"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/klauspost/compress/flate"

	"mehfooz/generator/internal/diag"
)

// zip makes the language's zip copy: every page under <lang>/ (not the
// redirect pages of old addresses), the files they use, and the start page.
// Links between pages get an explicit index.html, because file:// shows a
// folder listing for a folder; links to pages not in the copy go online
// when the site has an address, and become plain text when it has none.
func (c *copier) zip() ([]byte, diag.List) {
	var diags diag.List
	aliases := map[string]bool{}
	for _, a := range c.site.Aliases {
		aliases[a.From+"index.html"] = true
	}
	pages := map[string]bool{}
	for _, name := range c.files.Names() {
		if strings.HasPrefix(name, c.lang+"/") && path.Ext(name) == ".html" && !aliases[name] {
			pages[name] = true
		}
	}
	// Streamed: each page is read, rewritten and compressed in turn, so a
	// language's pages are never all in memory at once. The start page
	// comes first, then the pages, then the files they use, each in order.
	z := newZipStream()
	start, d := c.startPage(pages)
	diags.Append(d)
	if start == nil {
		return nil, diags
	}
	fail := func(err error) ([]byte, diag.List) {
		diags.Add(diag.Errorf(outputPos(ZipName(c.lang)), "offline", "%v", err))
		return nil, diags
	}
	if err := z.add(StartPage, start); err != nil {
		return fail(err)
	}
	need := map[string]bool{}
	for _, name := range slices.Sorted(maps.Keys(pages)) {
		data, d := c.zipPage(name, pages, need)
		diags.Append(d)
		if err := z.add(name, data); err != nil {
			return fail(err)
		}
	}
	// Stylesheets may use other files (fonts, pictures).
	for _, name := range slices.Sorted(maps.Keys(need)) {
		if path.Ext(name) == ".css" {
			for _, u := range cssURLs(c.file(name)) {
				if r := resolve(name, u); r.kind == refLocal && c.isAsset(r.file) {
					need[r.file] = true
				}
			}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(need)) {
		if err := z.add(name, c.file(name)); err != nil {
			return fail(err)
		}
	}
	data, err := z.close()
	if err != nil {
		return fail(err)
	}
	return data, diags
}

// zipPage rewrites one page's links for the zip copy and adds the files it
// uses to need.
func (c *copier) zipPage(name string, pages, need map[string]bool) ([]byte, diag.List) {
	src := c.file(name)
	var diags diag.List
	var e edits
	mark := false
	scanTags(src, func(t *tag) bool {
		if t.end {
			if t.name == "a" && mark {
				e.insert(t.start, c.extMark())
				mark = false
			}
			return true
		}
		_, searchForm := t.get("data-search-lang")
		for _, a := range t.attrs {
			switch {
			case a.name == "href" || a.name == "src":
				r := resolve(name, a.val)
				switch {
				case r.kind == refRoot || r.kind == refOutside:
					diags.Add(diag.Errorf(outputPos(name), "offline", "%s %s=%q leads out of the site's folder, so it cannot work in the offline copy", t.name, a.name, a.val).
						WithHint("links in layouts must be relative to the page, as {{.Home}} and {{.Asset}} give them"))
				case r.kind != refLocal:
				case pages[r.file]:
					if u := r.fileURL(); u != a.val {
						e.setAttr(a, u)
					}
				case c.isAsset(r.file):
					need[r.file] = true
				default:
					if !c.files.Has(r.file) && !strings.HasPrefix(r.file, Dir) {
						// A broken link of the site itself: the copy makes it
						// plain text like any page it does not hold.
						diags.Add(diag.Warnf(outputPos(name), "offline", "%s %s=%q names %s, which the build did not write", t.name, a.name, a.val, r.file).
							WithHint("the layout or stage that writes this page links to a page that does not exist"))
					}
					mark = c.outside(&e, src, t, a, r) || mark
				}
			case searchForm && a.name == "data-search-other":
				// This copy has one language: no results from the other.
				e.setAttr(a, "")
			case searchForm && c.otherLanguage(a.name):
				e.dropAttr(src, a)
			case strings.HasPrefix(a.name, "data-"):
				r := resolve(name, a.val)
				if r.kind != refLocal || !c.isAsset(r.file) {
					continue
				}
				if fetchOnly(r.file) {
					e.dropAttr(src, a)
					continue
				}
				need[r.file] = true
			}
		}
		return true
	})
	return e.apply(src), diags
}

// otherLanguage reports whether a search-form attribute names another
// language's index ("data-index-ur-js" in the English copy).
func (c *copier) otherLanguage(attr string) bool {
	for _, l := range c.site.Langs {
		if l != c.lang && strings.HasPrefix(attr, "data-index-"+l+"-") {
			return true
		}
	}
	return false
}

// fetchOnly reports whether a file is only ever fetched, which file://
// does not allow: the search module and indexes come as classic scripts
// (search-wasm.js, index-<lang>.js) instead, so the copy leaves these out.
func fetchOnly(name string) bool {
	ext := path.Ext(name)
	return ext == ".wasm" || ext == ".idx"
}

// isAsset reports whether name is a file of the build other than a page.
func (c *copier) isAsset(name string) bool {
	return c.files.Has(name) && path.Ext(name) != ".html"
}

// outside rewrites attribute a of t, a link to r, which is not in the copy:
// to its address on the published site when the site has one, marked as
// leaving the copy; otherwise a link becomes plain text and a <link> goes.
// It reports whether the mark must go before the next </a>.
func (c *copier) outside(e *edits, src []byte, t *tag, a attr, r ref) bool {
	base := c.site.Config.BaseURL
	switch {
	case base != "" && (t.name == "a" || t.name == "link"):
		e.setAttr(a, r.onlineURL(base))
		if t.name != "a" {
			return false
		}
		for _, b := range t.attrs {
			if b.name == "class" {
				e.setAttr(b, strings.TrimSpace(b.val+" external"))
			}
			if b.name == "rel" {
				e.setAttr(b, "noopener noreferrer")
			}
		}
		if _, ok := t.get("class"); !ok {
			e.addAttr(src, t, "class", "external")
		}
		if _, ok := t.get("rel"); !ok {
			e.addAttr(src, t, "rel", "noopener noreferrer")
		}
		return true
	case t.name == "link":
		e.replace(t.start, t.stop, "")
	default:
		e.dropAttr(src, a)
	}
	return false
}

// extMark is the mark of a link that leaves the copy, as the pages mark
// links that leave the site.
func (c *copier) extMark() string {
	return `<span class="ext-mark" aria-hidden="true">↗</span><span class="vh"> ` + html.EscapeString(c.strs.T("external_link")) + `</span>`
}

var cssURL = regexp.MustCompile(`url\(\s*["']?([^"')]+)`)

// cssURLs returns the url(…) references of a stylesheet.
func cssURLs(css []byte) []string {
	var out []string
	for _, m := range cssURL.FindAllSubmatch(css, -1) {
		out = append(out, strings.TrimSpace(string(m[1])))
	}
	return out
}

// stored lists the extensions that are compressed already.
var stored = map[string]bool{".jpg": true, ".jpeg": true, ".png": true, ".webp": true, ".gif": true, ".zip": true}

// writeZip writes entries sorted by name, each with the same time and
// mode, so the same files always give the same bytes.
// zipStream writes a deterministic zip entry by entry: fixed times and
// modes, Deflate at zipLevel (a copy is sent over costly data),
// already-compressed files stored.
type zipStream struct {
	buf bytes.Buffer
	zw  *zip.Writer
}

func newZipStream() *zipStream {
	z := &zipStream{}
	z.zw = zip.NewWriter(&z.buf)
	z.zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		// A new flate writer allocates and clears about a megabyte; a
		// copy holds thousands of entries, so writers are reused.
		fw, _ := deflaters.Get().(*flate.Writer)
		if fw == nil {
			fw, _ = flate.NewWriter(w, zipLevel)
		} else {
			fw.Reset(w)
		}
		return &pooledDeflater{fw}, nil
	})
	return z
}

var deflaters sync.Pool

// zipLevel is klauspost/compress's deflate level that makes copies as
// small as the standard library's default level did, in two thirds of its
// time (Urdu pages: 7,867 KB against 7,874 KB, 249 ms against 388 ms).
const zipLevel = 7

// pooledDeflater returns its writer to the pool when the entry is closed.
type pooledDeflater struct{ *flate.Writer }

func (p *pooledDeflater) Close() error {
	err := p.Writer.Close()
	deflaters.Put(p.Writer)
	p.Writer = nil
	return err
}

func (z *zipStream) add(name string, data []byte) error {
	h := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: ModTime}
	if stored[path.Ext(name)] {
		h.Method = zip.Store
	}
	h.SetMode(0o644)
	w, err := z.zw.CreateHeader(h)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

func (z *zipStream) close() ([]byte, error) {
	if err := z.zw.Close(); err != nil {
		return nil, err
	}
	return z.buf.Bytes(), nil
}

// writeZip writes entries in name order (START-HERE.html first: capitals
// sort first), for tests and small copies.
func writeZip(entries map[string][]byte) ([]byte, error) {
	z := newZipStream()
	for _, name := range slices.Sorted(maps.Keys(entries)) {
		if err := z.add(name, entries[name]); err != nil {
			return nil, err
		}
	}
	return z.close()
}
