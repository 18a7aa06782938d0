package output

import (
	"bytes"
	"io"
	"io/fs"
	"sort"
	"sync"
)

// Sink receives output files. *Writer is one; *Memory (serve), *Meter
// (check) and Discard are others.
type Sink interface {
	// Write stores a file and returns the bytes stored (after minifying).
	Write(name string, data []byte) ([]byte, error)
	// Asset stores a file under a fingerprinted name and returns that name.
	Asset(name string, data []byte) (string, error)
	// RawAsset is Asset for a file stored as given: not minified, with
	// no compressed siblings (files only read from file://).
	RawAsset(name string, data []byte) (string, error)
}

// Discard is a Sink that keeps nothing and minifies nothing, for a run
// that only wants what the pages say (pipeline.SearchDocuments).
type Discard struct{}

// Write returns data unchanged.
func (Discard) Write(name string, data []byte) ([]byte, error) { return data, nil }

// Asset returns name unchanged.
func (Discard) Asset(name string, data []byte) (string, error) { return name, nil }

// RawAsset returns name unchanged.
func (Discard) RawAsset(name string, data []byte) (string, error) { return name, nil }

// Creator is a Sink that can take a file as a stream, written as it
// comes (no minifying, no compressed siblings): for big files a late
// stage makes, such as a zip of the whole site, which need not be in
// memory.
type Creator interface {
	Create(name string) (io.WriteCloser, error)
}

// Create opens name in out for writing as a stream when out is a Creator,
// and otherwise collects the bytes and writes them on Close.
func Create(out Sink, name string) (io.WriteCloser, error) {
	if c, ok := out.(Creator); ok {
		return c.Create(name)
	}
	return &buffered{out: out, name: name}, nil
}

// buffered is Create for a Sink that takes whole files.
type buffered struct {
	out  Sink
	name string
	buf  bytes.Buffer
}

func (b *buffered) Write(p []byte) (int, error) { return b.buf.Write(p) }

func (b *buffered) Close() error {
	_, err := b.out.Write(b.name, b.buf.Bytes())
	return err
}

// FileReader is a Sink that can read back what it wrote.
type FileReader interface {
	ReadFile(name string) ([]byte, error)
}

// Weigher is a Sink that can say what a written file weighs compressed
// (*Writer).
type Weigher interface {
	BrotliSize(name string) (int, bool)
	// GzipFastSize is larger than BrotliSize for any page, and quicker.
	GzipFastSize(name string) (int, bool)
}

// Built is the site as written so far: every output name, and its bytes
// as served, read back on demand so the whole site is never in memory.
type Built interface {
	Names() []string // sorted
	Has(name string) bool
	ReadFile(name string) ([]byte, error)
	// AssetName is the output name of a static file ("css/site.css" →
	// "css/site.1a2b3c4d5e.css"), or "" when there is none.
	AssetName(name string) string
}

// Recorder is a Sink that remembers the names that pass through it, so a
// late stage (the offline copies) can see the site as Built. Its Sink
// must be a FileReader for ReadFile to work.
type Recorder struct {
	Sink
	mu     sync.Mutex
	names  map[string]bool
	assets map[string]string // static path → output name
}

// NewRecorder records what is written to out.
func NewRecorder(out Sink) *Recorder {
	return &Recorder{Sink: out, names: map[string]bool{}}
}

// SetAssets tells the recorder the output name of every static file, for
// AssetName.
func (r *Recorder) SetAssets(assets map[string]string) { r.assets = assets }

// AssetName is the output name of the static file name, or "".
func (r *Recorder) AssetName(name string) string { return r.assets[name] }

func (r *Recorder) Write(name string, data []byte) ([]byte, error) {
	out, err := r.Sink.Write(name, data)
	if err == nil {
		r.mu.Lock()
		r.names[name] = true
		r.mu.Unlock()
	}
	return out, err
}

// Create streams to the sink when it can, and records name.
func (r *Recorder) Create(name string) (io.WriteCloser, error) {
	w, err := Create(r.Sink, name)
	if err == nil {
		r.mu.Lock()
		r.names[name] = true
		r.mu.Unlock()
	}
	return w, err
}

func (r *Recorder) Asset(name string, data []byte) (string, error) {
	final, err := r.Sink.Asset(name, data)
	if err == nil {
		r.mu.Lock()
		r.names[final] = true
		r.mu.Unlock()
	}
	return final, err
}

func (r *Recorder) RawAsset(name string, data []byte) (string, error) {
	final, err := r.Sink.RawAsset(name, data)
	if err == nil {
		r.mu.Lock()
		r.names[final] = true
		r.mu.Unlock()
	}
	return final, err
}

// Names lists every name written so far, sorted.
func (r *Recorder) Names() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]string, 0, len(r.names))
	for n := range r.names {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Has reports whether name was written.
func (r *Recorder) Has(name string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.names[name]
}

// ReadFile reads back a file written through the recorder.
func (r *Recorder) ReadFile(name string) ([]byte, error) {
	if !r.Has(name) {
		return nil, fs.ErrNotExist
	}
	return r.Sink.(FileReader).ReadFile(name)
}

// BrotliSize passes through to the sink, when it weighs.
func (r *Recorder) BrotliSize(name string) (int, bool) {
	if sz, ok := r.Sink.(Weigher); ok {
		return sz.BrotliSize(name)
	}
	return 0, false
}

// GzipFastSize passes through to the sink, when it weighs.
func (r *Recorder) GzipFastSize(name string) (int, bool) {
	if sz, ok := r.Sink.(Weigher); ok {
		return sz.GzipFastSize(name)
	}
	return 0, false
}
