// Package output is the WRITE stage: it minifies, fingerprints and
// precompresses files into a staging directory beside the final one, and
// swaps the staging directory in only when the whole build succeeded, so a
// failed build leaves the previous output untouched.
package output

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

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
