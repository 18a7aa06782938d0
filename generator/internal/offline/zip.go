package offline

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"html"
	"io"
	"maps"
	"path"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/klauspost/compress/flate"

	"mehfooz/generator/internal/diag"
	"mehfooz/generator/internal/htmledit"
	"mehfooz/generator/internal/site"
)

// zip makes the language's zip copy: every page under <lang>/ (not the
// redirect pages of old addresses), the files they use, and the start page.
// Links between pages get an explicit index.html, because file:// shows a
// folder listing for a folder; links to pages not in the copy go online
// when the site has an address, and become plain text when it has none.
// It writes the zip to w; a copy with errors is left unfinished.
func (c *copier) zip(w io.Writer) diag.List {
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
	z := newZipStream(w)
	start, d := c.startPage(pages)
	diags.Append(d)
	if start == nil {
		return diags
	}
	fail := func(err error) diag.List {
		diags.Add(diag.Errorf(outputPos(c.site.ZipName(c.lang)), "offline", "%v", err))
		return diags
	}
	if !c.scanOnly {
		if err := z.add(StartPage, start); err != nil {
			return fail(err)
		}
	}
	need := map[string]bool{}
	// Pages are read, rewritten and deflated by a few workers and written
	// in order: the languages' copies are made side by side, and the
	// larger one would otherwise finish alone on one core.
	names := slices.Sorted(maps.Keys(pages))
	results := make([]chan zipped, len(names))
	for i := range results {
		results[i] = make(chan zipped, 1)
	}
	jobs := make(chan int)
	workers := min(runtime.GOMAXPROCS(0), len(names))
	for range workers {
		go func() {
			for i := range jobs {
				data, d, uses := c.zipPage(names[i], pages)
				z := zipped{diags: d, uses: uses}
				if !c.scanOnly {
					z.entry = deflated(names[i], data)
				}
				results[i] <- z
			}
		}()
	}
	go func() {
		for i := range names {
			jobs <- i
		}
		close(jobs)
	}()
	// The files pages use are deflated as soon as a page names them, beside
	// the pages: the search index alone is megabytes, and deflated last it
	// kept one core busy while the other waited.
	early := map[string]chan rawEntry{}
	var failed error
	for i := range names {
		r := <-results[i]
		diags.Append(r.diags)
		for _, u := range r.uses {
			if !need[u] && !c.scanOnly {
				ch := make(chan rawEntry, 1)
				early[u] = ch
				go func() { ch <- c.deflatedFile(u) }()
			}
			need[u] = true
		}
		if failed == nil && !c.scanOnly {
			failed = z.addRaw(r.entry)
		}
	}
	if c.scanOnly {
		return diags
	}
	if failed != nil {
		return fail(failed)
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
		var e rawEntry
		if ch, ok := early[name]; ok {
			e = <-ch
		} else {
			e = c.deflatedFile(name)
		}
		if err := z.addRaw(e); err != nil {
			return fail(err)
		}
	}
	if err := z.zw.Close(); err != nil {
		return fail(err)
	}
	return diags
}

// zipPage rewrites one page's links for the zip copy and returns the
// files it uses besides pages.
func (c *copier) zipPage(name string, pages map[string]bool) ([]byte, diag.List, []string) {
	src := c.file(name)
	var diags diag.List
	var uses []string
	var e htmledit.Edits
	mark := false
	htmledit.Scan(src, func(t *htmledit.Tag) bool {
		if t.End {
			if t.Name == "a" && mark {
				e.Insert(t.Start, c.extMark())
				mark = false
			}
			return true
		}
		_, searchForm := t.Get("data-search-lang")
		for _, a := range t.Attrs {
			switch {
			case a.Name == "href" || a.Name == "src":
				val := a.Value()
				r := resolve(name, val)
				switch {
				case r.kind == refRoot || r.kind == refOutside:
					diags.Add(diag.Errorf(outputPos(name), "offline", "%s %s=%q leads out of the site's folder, so it cannot work in the offline copy", t.Name, a.Name, val).
						WithHint("links in layouts must be relative to the page, as {{.Home}} and {{.Asset}} give them"))
				case r.kind != refLocal:
				case pages[r.file]:
					if u := r.fileURL(); u != val {
						e.SetAttr(a, u)
					}
				case c.isAsset(r.file):
					uses = append(uses, r.file)
				default:
					if !c.files.Has(r.file) && !strings.HasPrefix(r.file, Dir) {
						// A broken link of the site itself: the copy makes it
						// plain text like any page it does not hold.
						diags.Add(diag.Warnf(outputPos(name), "offline", "%s %s=%q names %s, which the build did not write", t.Name, a.Name, val, r.file).
							WithHint("the layout or stage that writes this page links to a page that does not exist"))
					}
					if _, lang := t.Get("hreflang"); lang && t.Name == "a" && c.site.Config.BaseURL == "" {
						// The language switch: this copy has one language,
						// so it leads to where the start page says how to
						// get the copy in the other.
						e.SetAttr(a, strings.Repeat("../", strings.Count(name, "/"))+StartPage+"#other-languages")
						continue
					}
					mark = c.outside(&e, src, t, a, r) || mark
				}
			case searchForm && a.Name == "data-search-other":
				// This copy has one language: no results from the other.
				e.SetAttr(a, "")
			case searchForm && c.otherLanguage(a.Name):
				e.DropAttr(src, a)
			case strings.HasPrefix(a.Name, "data-"):
				r := resolve(name, a.Value())
				if r.kind != refLocal || !c.isAsset(r.file) {
					continue
				}
				if fetchOnly(r.file) {
					e.DropAttr(src, a)
					continue
				}
				uses = append(uses, r.file)
			}
		}
		return true
	})
	return e.Apply(src), diags, uses
}

// otherLanguage reports whether a search-form attribute names another
// language's index ("data-index-ur-js" in the English copy).
func (c *copier) otherLanguage(attr string) bool {
	for _, l := range c.site.Langs {
		if l != c.lang && slices.Contains(site.SearchIndexAttrs(l), attr) {
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
func (c *copier) outside(e *htmledit.Edits, src []byte, t *htmledit.Tag, a htmledit.Attr, r ref) bool {
	base := c.site.Config.BaseURL
	switch {
	case base != "" && (t.Name == "a" || t.Name == "link"):
		e.SetAttr(a, r.onlineURL(base))
		if t.Name != "a" {
			return false
		}
		for _, b := range t.Attrs {
			if b.Name == "class" {
				e.SetAttr(b, strings.TrimSpace(b.Value()+" external"))
			}
			if b.Name == "rel" {
				e.SetAttr(b, "noopener noreferrer")
			}
		}
		if _, ok := t.Get("class"); !ok {
			e.AddAttr(src, t, "class", "external")
		}
		if _, ok := t.Get("rel"); !ok {
			e.AddAttr(src, t, "rel", "noopener noreferrer")
		}
		return true
	case t.Name == "link":
		e.Replace(t.Start, t.Stop, "")
	default:
		e.DropAttr(src, a)
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

// zipStream writes a deterministic zip entry by entry: fixed times and
// modes, Deflate at zipLevel (a copy is sent over costly data),
// already-compressed files stored.
type zipStream struct {
	zw *zip.Writer
}

func newZipStream(w io.Writer) *zipStream {
	return &zipStream{zw: zip.NewWriter(w)}
}

// deflaters are reused: a new flate writer allocates and clears about a
// megabyte, and a copy holds thousands of entries.
var deflaters sync.Pool

// zipLevel is klauspost/compress's deflate level for the copies: its last
// level before lazy matching. Level 7 makes copies about 2.4% smaller (the
// bundled Urdu copy: 1,426 KB against 1,460 KB) in twice the time; the
// copies were the build's largest piece of work.
const zipLevel = 6

// rawEntry is a zip entry compressed ahead of writing.
type rawEntry struct {
	header *zip.FileHeader
	data   []byte // deflated, or as is when stored
}

// zipped is one page made ready for the zip by a worker.
type zipped struct {
	entry rawEntry
	diags diag.List
	uses  []string // files the page uses besides pages
}

// deflated compresses data as z.add would, for addRaw.
func deflated(name string, data []byte) rawEntry {
	h := rawHeader(name)
	h.CRC32 = crc32.ChecksumIEEE(data)
	h.UncompressedSize64 = uint64(len(data))
	if h.Method == zip.Store {
		h.CompressedSize64 = h.UncompressedSize64
		return rawEntry{h, data}
	}
	var b bytes.Buffer
	b.Grow(len(data)/3 + 64) // pages deflate to about a third
	fw, _ := deflaters.Get().(*flate.Writer)
	if fw == nil {
		fw, _ = flate.NewWriter(&b, zipLevel)
	} else {
		fw.Reset(&b)
	}
	fw.Write(data) // a bytes.Buffer does not fail
	fw.Close()
	deflaters.Put(fw)
	h.CompressedSize64 = uint64(b.Len())
	return rawEntry{h, b.Bytes()}
}

// sharedFiles deflates each file that is not a page once for every
// language's zip: the search module's script alone is 3 MB.
type sharedFiles struct {
	mu    sync.Mutex
	files map[string]func() rawEntry
}

// deflatedFile is deflated(name, c.file(name)), made once per build.
func (c *copier) deflatedFile(name string) rawEntry {
	s := c.shared
	s.mu.Lock()
	get, ok := s.files[name]
	if !ok {
		get = sync.OnceValue(func() rawEntry { return deflated(name, c.file(name)) })
		s.files[name] = get
	}
	s.mu.Unlock()
	return get()
}

// addRaw writes an entry deflated beforehand. The header is copied: the
// zip writer fills in fields, and a shared entry goes into several zips.
func (z *zipStream) addRaw(e rawEntry) error {
	h := *e.header
	w, err := z.zw.CreateRaw(&h)
	if err != nil {
		return err
	}
	_, err = w.Write(e.data)
	return err
}

// header is an entry's header: fixed time and mode, stored when the file
// is compressed already.
func header(name string) *zip.FileHeader {
	h := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: ModTime}
	if stored[path.Ext(name)] {
		h.Method = zip.Store
	}
	h.SetMode(0o644)
	return h
}

// rawHeader is header(name) with what zip.Writer.CreateHeader adds and
// CreateRaw does not: the UTF-8 flag, versions, the MS-DOS time and the
// extended timestamp, so a raw entry reads back like any other.
func rawHeader(name string) *zip.FileHeader {
	h := header(name)
	if !isASCII(name) && utf8.ValidString(name) {
		h.Flags |= 0x800
	}
	h.CreatorVersion = h.CreatorVersion&0xff00 | 20
	h.ReaderVersion = 20
	t := h.Modified
	h.ModifiedDate = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	h.ModifiedTime = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	ext := make([]byte, 9)
	binary.LittleEndian.PutUint16(ext, 0x5455) // extended timestamp
	binary.LittleEndian.PutUint16(ext[2:], 5)
	ext[4] = 1 // modification time only
	binary.LittleEndian.PutUint32(ext[5:], uint32(t.Unix()))
	h.Extra = ext
	return h
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// add writes one entry, deflated unless it is compressed already.
func (z *zipStream) add(name string, data []byte) error {
	return z.addRaw(deflated(name, data))
}
