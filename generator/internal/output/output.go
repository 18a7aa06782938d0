// Package output is the WRITE stage: it minifies, fingerprints and
// precompresses files into a staging directory beside the final one, and
// swaps the staging directory in only when the whole build succeeded, so a
// failed build leaves the previous output untouched.
package output

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/gzip"
	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// mediaTypes maps the extensions we minify to their media types.
var mediaTypes = map[string]string{
	".html": "text/html",
	".css":  "text/css",
	".js":   "application/javascript",
	".json": "application/json",
	".svg":  "image/svg+xml",
	".xml":  "text/xml",
}

// compressible lists the extensions that get .br and .gz siblings.
var compressible = map[string]bool{
	".html": true, ".css": true, ".js": true, ".json": true, ".svg": true,
	".xml": true, ".txt": true, ".wasm": true, ".idx": true,
}

// maxBrotli lists the large, rarely changing files a reader downloads
// once and keeps (the search module and indexes): compressing them at
// brotli's best level saves ~70 KB per reader for seconds per build.
var maxBrotli = map[string]bool{".wasm": true, ".idx": true}

// Writer stages a build. Its methods are safe for concurrent use.
type Writer struct {
	final    string
	stage    string
	min      *minify.M
	minify   bool
	compress bool
	brLevel  int

	mu      sync.Mutex
	written map[string]int // name → size, for duplicate detection and reports
	brSizes map[string]int // name → brotli size, for the page-weight budget
	dirs    sync.Map       // folder → *madeDir, created once per build

	startOnce sync.Once
	files     chan file // to the writing pool
	packs     chan file // to the compressing pool
	spare     sync.Pool // *encoders for BrotliSize
	writing   counter   // files queued or being written
	packing   counter   // files queued or being compressed
	errMu     sync.Mutex
	err       error // the first failed write

	cacheDir  string // the compression cache (stage.go); "" for none
	cacheSet  bool   // cacheDir was given, not taken from the environment
	cancelled atomic.Bool
	live      sync.RWMutex // held to read by each write, to write by Cancel
}

// Option configures a Writer.
type Option func(*Writer)

// WithoutMinify writes files as given (the preview server uses it so
// error pages and live-reload stay readable).
func WithoutMinify() Option { return func(w *Writer) { w.minify = false } }

// WithoutCompression skips the .br and .gz siblings.
func WithoutCompression() Option { return func(w *Writer) { w.compress = false } }

// New starts a build whose result will replace dir. The staging directory is
// created next to dir so the final rename stays on one file system.
func New(dir string, opts ...Option) (*Writer, error) {
	dir = filepath.Clean(dir)
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	removeStale(dir)
	stage, err := os.MkdirTemp(parent, stagePrefix(dir, "tmp"))
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(stage, 0o755); err != nil {
		return nil, err
	}
	w := &Writer{final: dir, stage: stage, min: newMinifier(), minify: true, compress: true, brLevel: pageBrotli, written: map[string]int{}, brSizes: map[string]int{}}
	for _, o := range opts {
		o(w)
	}
	return w, nil
}

// newMinifier is the minifier every sink that minifies uses (*Writer,
// *Meter), so a page weighs the same in check as in build.
func newMinifier() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("application/json", json.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFunc("text/xml", xml.Minify)
	return m
}

// Dir returns the staging directory (files written so far live there).
func (w *Writer) Dir() string {
	w.Flush() // files are written in the background
	return w.stage
}

// CheckName reports whether name is a safe output path: relative, slash
// separated, with no "..", no empty or dot elements and no backslash or NUL.
// Content decides some output paths (aliases, slugs), so nothing it says may
// land outside the output directory.
func CheckName(name string) error {
	switch {
	case name == "":
		return fmt.Errorf("empty output path")
	case strings.ContainsAny(name, "\\\x00:"):
		return fmt.Errorf("output path %q holds a backslash, colon or NUL", name)
	case strings.HasPrefix(name, "/"):
		return fmt.Errorf("output path %q is absolute", name)
	}
	for _, el := range strings.Split(name, "/") {
		if el == "" || el == "." || el == ".." {
			return fmt.Errorf("output path %q leaves the output directory or has an empty element", name)
		}
	}
	if !filepath.IsLocal(filepath.FromSlash(name)) {
		return fmt.Errorf("output path %q is not local", name)
	}
	return nil
}

// Write minifies data when its type is known and writes it as name
// (slash-separated, relative to the output root), plus .br/.gz siblings for
// text types. It returns the bytes written.
func (w *Writer) Write(name string, data []byte) ([]byte, error) {
	if err := CheckName(name); err != nil {
		return nil, err
	}
	ext := path.Ext(name)
	if mt, ok := mediaTypes[ext]; ok && w.minify {
		out, err := w.min.Bytes(mt, data)
		if err != nil {
			return nil, fmt.Errorf("minify %s: %w", name, err)
		}
		data = out
	}
	if err := w.writeRaw(name, data, true); err != nil {
		return nil, err
	}
	return data, nil
}

// Asset writes data under a fingerprinted name ("css/site.css" becomes
// "css/site.1a2b3c4d5e.css"), after minifying, and returns that name. The
// fingerprint is of the written bytes, so a changed file gets a new URL and
// caches can keep assets forever.
func (w *Writer) Asset(name string, data []byte) (string, error) {
	if err := CheckName(name); err != nil {
		return "", err
	}
	ext := path.Ext(name)
	if mt, ok := mediaTypes[ext]; ok && w.minify {
		out, err := w.min.Bytes(mt, data)
		if err != nil {
			return "", fmt.Errorf("minify %s: %w", name, err)
		}
		data = out
	}
	final := Fingerprint(name, data)
	return final, w.writeRaw(final, data, true)
}

// RawAsset writes data as given under a fingerprinted name, with no
// minifying and no compressed siblings, and returns that name. The caller
// says a file is one: the search module and indexes wrapped as classic
// scripts for the offline copy, which only file:// reads (so no server
// sends siblings) and which minifying would only slow down.
func (w *Writer) RawAsset(name string, data []byte) (string, error) {
	if err := CheckName(name); err != nil {
		return "", err
	}
	final := Fingerprint(name, data)
	return final, w.writeRaw(final, data, false)
}

// Create opens name for writing as a stream, for big files made piece by
// piece (the offline zips): written as they come, with no minifying and no
// compressed siblings. The caller must Close it before Commit.
func (w *Writer) Create(name string) (io.WriteCloser, error) {
	if err := CheckName(name); err != nil {
		return nil, err
	}
	if err := w.claim(name, 0); err != nil {
		return nil, err
	}
	w.live.RLock()
	defer w.live.RUnlock()
	if w.cancelled.Load() {
		return nil, errCancelled
	}
	full := filepath.Join(w.stage, filepath.FromSlash(name))
	if err := w.mkdir(filepath.Dir(full)); err != nil {
		return nil, err
	}
	f, err := os.Create(full)
	if err != nil {
		return nil, err
	}
	return &stream{w: w, name: name, f: f, buf: bufio.NewWriterSize(f, 256<<10)}, nil
}

// stream is a file being written through Create.
type stream struct {
	w    *Writer
	name string
	f    *os.File
	buf  *bufio.Writer
	n    int
}

func (s *stream) Write(p []byte) (int, error) {
	n, err := s.buf.Write(p)
	s.n += n
	return n, err
}

func (s *stream) Close() error {
	err := s.buf.Flush()
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	s.w.mu.Lock()
	s.w.written[s.name] = s.n
	s.w.mu.Unlock()
	return err
}

// Fingerprint returns name with a short content hash before its extension.
func Fingerprint(name string, data []byte) string {
	sum := sha256.Sum256(data)
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
}

// claim records name as written with its size, or fails when an earlier
// output took it.
func (w *Writer) claim(name string, size int) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if _, dup := w.written[name]; dup {
		return fmt.Errorf("two outputs want the path %s", name)
	}
	w.written[name] = size
	return nil
}

// writeRaw claims name at once (so a duplicate is an error to its caller)
// and leaves writing and compressing to the writer's workers; pack says
// the file may get compressed siblings.
func (w *Writer) writeRaw(name string, data []byte, pack bool) error {
	if err := w.claim(name, len(data)); err != nil {
		return err
	}
	w.startOnce.Do(w.start)
	full := filepath.Join(w.stage, filepath.FromSlash(name))
	w.writing.add(1)
	w.files <- file{full, data}
	if pack && w.precompress(name, data) {
		w.packing.add(1)
		w.packs <- file{name, data}
	}
	return nil
}

// file is one job of either pool: a path and its bytes.
type file struct {
	name string
	data []byte
}

// ioWorkers is how many files are created at once. On a disk that makes
// each creation wait, many in flight hide it (8,000 files and folders on
// a fresh ext4 here: 0.7 s with 16 writers, 0.1 s with 64). Nothing hides
// the other cost of this disk: after a big deletion, ext4 without a
// journal spends about a millisecond of processor time per new inode
// skipping recently freed ones, which only fewer files saves.
const ioWorkers = 64

// The writer runs two pools. Compression is work for the processor, so it
// gets one worker per core, each reusing its encoders (a fresh brotli
// encoder allocates and clears a megabyte of hash table per file). Writing
// is waiting, so it gets many workers.
func (w *Writer) start() {
	w.files = make(chan file, ioWorkers*2)
	w.packs = make(chan file, runtime.GOMAXPROCS(0)*2)
	for range ioWorkers {
		go func() {
			for f := range w.files {
				w.fail(f.name, w.store(f.name, f.data))
				w.writing.done()
			}
		}()
	}
	for range runtime.GOMAXPROCS(0) {
		go func() {
			var enc encoders
			for f := range w.packs {
				w.fail(f.name, w.pack(&enc, f.name, f.data))
				w.packing.done()
			}
		}()
	}
}

// counter counts jobs in flight. Unlike a WaitGroup it may go up from
// zero while someone waits, as compressing queues the siblings' writes.
type counter struct {
	mu   sync.Mutex
	cond sync.Cond
	n    int
}

func (c *counter) add(n int) {
	c.mu.Lock()
	c.n += n
	c.mu.Unlock()
}

func (c *counter) done() {
	c.mu.Lock()
	c.n--
	if c.n == 0 && c.cond.L != nil {
		c.cond.Broadcast()
	}
	c.mu.Unlock()
}

// wait returns once nothing is in flight.
func (c *counter) wait() {
	c.mu.Lock()
	if c.cond.L == nil {
		c.cond.L = &c.mu
	}
	for c.n > 0 {
		c.cond.Wait()
	}
	c.mu.Unlock()
}

// fail keeps the first error.
func (w *Writer) fail(name string, err error) {
	if err == nil {
		return
	}
	w.errMu.Lock()
	if w.err == nil {
		w.err = fmt.Errorf("writing %s: %w", strings.TrimPrefix(filepath.ToSlash(name), filepath.ToSlash(w.stage)+"/"), err)
	}
	w.errMu.Unlock()
}

// ReadFile returns a file as written (minified), once it is on disk.
func (w *Writer) ReadFile(name string) ([]byte, error) {
	if err := CheckName(name); err != nil {
		return nil, err
	}
	// The file, not every sibling, must be on disk.
	w.writing.wait()
	w.errMu.Lock()
	err := w.err
	w.errMu.Unlock()
	if err != nil {
		return nil, err
	}
	return os.ReadFile(filepath.Join(w.stage, filepath.FromSlash(name)))
}

// Flush waits for every file written so far to be on disk with its
// compressed siblings, and returns the first error.
func (w *Writer) Flush() error {
	w.packing.wait()
	w.writing.wait()
	w.errMu.Lock()
	defer w.errMu.Unlock()
	return w.err
}

// precompress reports whether name gets .br and .gz siblings: the
// fingerprinted assets, module and indexes, which hosts serve for a year
// and nginx can send as they are. Pages are left to the host's on-the-fly
// compression (what Netlify, Cloudflare Pages and GitHub Pages do anyway;
// they ignore siblings): two more files per page tripled the files a
// build creates, and creating files is most of a build's cost on slow
// disks. Files under 1 KB gain nothing worth two more files.
func (w *Writer) precompress(name string, data []byte) bool {
	return w.compress && compressible[path.Ext(name)] && path.Ext(name) != ".html" && len(data) >= 1024
}

// store writes one file, creating its folder first.
func (w *Writer) store(full string, data []byte) error {
	w.live.RLock()
	defer w.live.RUnlock()
	if w.cancelled.Load() {
		return errCancelled
	}
	if err := w.mkdir(filepath.Dir(full)); err != nil {
		return err
	}
	return os.WriteFile(full, data, 0o644)
}

// pack compresses name's bytes and queues its .br and .gz siblings.
func (w *Writer) pack(enc *encoders, name string, data []byte) error {
	if w.cancelled.Load() {
		return nil
	}
	level := w.brLevel
	if maxBrotli[path.Ext(name)] && (len(data) <= 1<<20 || path.Ext(name) == ".wasm") {
		// Best level where it pays: the module (reused across builds) and
		// indexes up to 1 MB. A bigger index would cost seconds per MB.
		level = 11
	} else if maxBrotli[path.Ext(name)] {
		level = 9
	}
	cache := w.cacheFolder()
	br, gz, ok := cached(cache, data, level)
	if !ok {
		var err error
		if br, gz, err = enc.compress(data, level, level == w.brLevel); err != nil {
			return err
		}
		storeCached(cache, data, level, br, gz)
	}
	w.mu.Lock()
	w.brSizes[name] = len(br)
	w.mu.Unlock()
	full := filepath.Join(w.stage, filepath.FromSlash(name))
	w.writing.add(2) // before packing.done: Flush waits for packing first
	w.files <- file{full + ".br", br}
	w.files <- file{full + ".gz", gz}
	return nil
}

// mkdir creates dir once per build: the first worker to need it creates
// it and the others wait for that, instead of each paying for a system
// call per path element.
func (w *Writer) mkdir(dir string) error {
	v, _ := w.dirs.LoadOrStore(dir, &madeDir{})
	d := v.(*madeDir)
	d.once.Do(func() { d.err = os.MkdirAll(dir, 0o755) })
	return d.err
}

type madeDir struct {
	once sync.Once
	err  error
}

// The compression cache keeps the encodings made at brotli's slow levels
// (the search module and indexes) by content hash in the user's cache
// folder, so a build does not spend seconds compressing bytes an earlier
// build compressed, whether it writes into a fresh folder or not.
// Encoding is deterministic, so a cached copy equals a fresh one.
const cacheLevel = 9

func cachePath(dir string, data []byte, level int) string {
	if dir == "" || level < cacheLevel {
		return ""
	}
	sum := sha256.Sum256(data)
	return filepath.Join(dir, fmt.Sprintf("%x-%d", sum, level))
}

func cached(dir string, data []byte, level int) (br, gz []byte, ok bool) {
	p := cachePath(dir, data, level)
	if p == "" {
		return nil, nil, false
	}
	br, err1 := os.ReadFile(p + ".br")
	gz, err2 := os.ReadFile(p + ".gz")
	return br, gz, err1 == nil && err2 == nil
}

// storeCached writes the cache entry; failing to is not an error.
func storeCached(dir string, data []byte, level int, br, gz []byte) {
	p := cachePath(dir, data, level)
	if p == "" || os.MkdirAll(filepath.Dir(p), 0o755) != nil {
		return
	}
	// Write beside and rename, so a concurrent build never reads half a file.
	for ext, b := range map[string][]byte{".br": br, ".gz": gz} {
		tmp := fmt.Sprintf("%s%s.%d.tmp", p, ext, os.Getpid())
		if os.WriteFile(tmp, b, 0o644) == nil {
			os.Rename(tmp, p+ext)
		}
	}
}

// encoders are one compression worker's reusable brotli and gzip writers.
// A reset encoder gives the same bytes as a new one. The gzip header
// carries no name or time, so output is byte-identical across builds.
type encoders struct {
	br      *brotli.Writer
	brLevel int
	gz      *gzip.Writer
	gzFast  *gzip.Writer // for GzipFastSize
}

// compress encodes data in both encodings; keep says the brotli encoder
// at this level is worth keeping for the next file (the page level; the
// rare best-level files would hold tens of megabytes of tables).
func (e *encoders) compress(data []byte, brLevel int, keep bool) (br, gz []byte, err error) {
	if br, err = e.brotli(data, brLevel, keep); err != nil {
		return nil, nil, err
	}
	g := bytes.NewBuffer(make([]byte, 0, len(data)/3+64))
	if e.gz == nil {
		e.gz, _ = gzip.NewWriterLevel(g, gzip.DefaultCompression) // the fallback for old browsers; -9 saves ~1% for twice the time
	} else {
		e.gz.Reset(g)
	}
	if _, err := e.gz.Write(data); err != nil {
		return nil, nil, err
	}
	if err := e.gz.Close(); err != nil {
		return nil, nil, err
	}
	return br, g.Bytes(), nil
}

// gzipFast returns data's gzip size at the fastest level.
func (e *encoders) gzipFast(data []byte) (int, error) {
	var n countWriter
	if e.gzFast == nil {
		e.gzFast, _ = gzip.NewWriterLevel(&n, gzip.BestSpeed)
	} else {
		e.gzFast.Reset(&n)
	}
	if _, err := e.gzFast.Write(data); err != nil {
		return 0, err
	}
	err := e.gzFast.Close()
	return int(n), err
}

// countWriter counts the bytes written to it.
type countWriter int

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}

func (e *encoders) brotli(data []byte, level int, keep bool) ([]byte, error) {
	b := bytes.NewBuffer(make([]byte, 0, len(data)/3+64))
	bw := e.br
	if bw != nil && e.brLevel == level {
		bw.Reset(b)
	} else {
		bw = brotli.NewWriterLevel(b, level)
		if keep {
			e.br, e.brLevel = bw, level
		}
	}
	if _, err := bw.Write(data); err != nil {
		return nil, err
	}
	if err := bw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// BrotliSize returns the brotli size of a written file at the page level:
// its sibling's size when it has one, or else the file compressed now (the
// page-weight budget asks for a few pages, not all). ok is false for a
// name that was not written or is not text.
func (w *Writer) BrotliSize(name string) (int, bool) {
	w.mu.Lock()
	n, ok := w.brSizes[name]
	w.mu.Unlock()
	if ok {
		return n, true
	}
	n, ok = w.weigh(name, func(e *encoders, data []byte) (int, error) {
		br, err := e.brotli(data, w.brLevel, true)
		return len(br), err
	})
	if ok {
		w.mu.Lock()
		w.brSizes[name] = n
		w.mu.Unlock()
	}
	return n, ok
}

// weigh reads a written text file back and measures it with a spare set
// of encoders; ok is false for a name that was not written or is not text.
func (w *Writer) weigh(name string, measure func(e *encoders, data []byte) (int, error)) (int, bool) {
	w.mu.Lock()
	_, written := w.written[name]
	w.mu.Unlock()
	if !written || !compressible[path.Ext(name)] {
		return 0, false
	}
	// ReadFile waits for the files to be on disk, not for the compressing
	// pool, which may be busy with the search indexes at brotli's best level.
	data, err := w.ReadFile(name)
	if err != nil {
		return 0, false
	}
	enc, _ := w.spare.Get().(*encoders)
	if enc == nil {
		enc = &encoders{}
	}
	n, err := measure(enc, data)
	w.spare.Put(enc)
	return n, err == nil
}

// GzipFastSize returns the gzip size of a written file at gzip's fastest
// level, the default of a server that compresses as it sends (nginx's
// gzip_comp_level 1). It takes about a quarter of BrotliSize's time and is
// larger than the brotli size for any page, so a page that fits a budget
// by it needs no brotli. ok is false for a name that was not written or is
// not text.
func (w *Writer) GzipFastSize(name string) (int, bool) {
	return w.weigh(name, (*encoders).gzipFast)
}

// Sizes returns every written name with its size, sorted by name.
func (w *Writer) Sizes() []File {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]File, 0, len(w.written))
	for n, s := range w.written {
		out = append(out, File{Name: n, Size: s})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// File is one written output.
type File struct {
	Name string
	Size int
}

// Commit replaces the final directory with the staged one. The old tree is
// moved aside first and removed after, so at every instant one complete
// tree is in place.
func (w *Writer) Commit() error {
	if err := w.Flush(); err != nil {
		return err
	}
	old := ""
	if _, err := os.Lstat(w.final); err == nil {
		o, err := os.MkdirTemp(filepath.Dir(w.final), stagePrefix(w.final, "old"))
		if err != nil {
			return err
		}
		old = filepath.Join(o, "tree")
		if err := os.Rename(w.final, old); err != nil {
			os.Remove(o)
			return err
		}
		defer os.RemoveAll(o)
	}
	if err := os.Rename(w.stage, w.final); err != nil {
		if old != "" {
			os.Rename(old, w.final)
		}
		return err
	}
	return nil
}

// Abort drops the staged files; the final directory is untouched.
func (w *Writer) Abort() error {
	// Without waiting for compression still queued or running: a failed
	// build would otherwise wait seconds for the module at brotli's best
	// level before saying so (stage.go).
	return w.Cancel()
}

// TreeHash returns a SHA-256 over every file under dir: its slash path and
// its content's hash, in path order. Two builds with the same hash served
// the same bytes at the same addresses.
func TreeHash(dir string) (string, error) {
	var names []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			names = append(names, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(n)))
		if err != nil {
			return "", err
		}
		sum := sha256.Sum256(data)
		fmt.Fprintf(h, "%s\x00%x\n", n, sum)
	}
	return fmt.Sprintf("%x", h.Sum(nil)), nil
}
