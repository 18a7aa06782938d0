package output

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path"
	"sync"

	"github.com/klauspost/compress/gzip"
	"github.com/tdewolff/minify/v2"
)

// pageBrotli is the brotli quality pages are weighed (and, by *Writer,
// compressed) at.
const pageBrotli = 6

// Meter is the Sink of check: it minifies and fingerprints files exactly
// as *Writer does, so every page weighs what build would serve, but it
// writes nothing to disk and makes no compressed siblings. Files are held
// in memory for the late stages that read the site back (the offline
// copies' link checks and pocket budget); a stream from Create (the zips)
// is dropped. Each text file is weighed as it is written: it is kept
// gzipped at the fastest level, which is both its GzipFastSize and a
// fifth of the memory (2×1,000 pages: about 35 MB of pages). BrotliSize,
// asked of a few pages, unpacks and compresses one page.
type Meter struct {
	min   *minify.M
	spare sync.Pool // *encoders

	mu      sync.Mutex
	files   map[string]kept
	brSizes map[string]int
}

// kept is one file in a Meter: as written, or gzipped at the fastest level.
type kept struct {
	data   []byte
	packed bool
}

// NewMeter returns an empty Meter.
func NewMeter() *Meter {
	return &Meter{min: newMinifier(), files: map[string]kept{}, brSizes: map[string]int{}}
}

// Write minifies data when its type is known and keeps it as name.
func (m *Meter) Write(name string, data []byte) ([]byte, error) {
	if err := CheckName(name); err != nil {
		return nil, err
	}
	if mt, ok := mediaTypes[path.Ext(name)]; ok {
		out, err := m.min.Bytes(mt, data)
		if err != nil {
			return nil, fmt.Errorf("minify %s: %w", name, err)
		}
		data = out
	}
	return data, m.keep(name, data)
}

// Asset minifies data and keeps it under the fingerprinted name *Writer
// would give it.
func (m *Meter) Asset(name string, data []byte) (string, error) {
	if err := CheckName(name); err != nil {
		return "", err
	}
	if mt, ok := mediaTypes[path.Ext(name)]; ok && !offlineOnly(name) {
		out, err := m.min.Bytes(mt, data)
		if err != nil {
			return "", fmt.Errorf("minify %s: %w", name, err)
		}
		data = out
	}
	final := Fingerprint(name, data)
	return final, m.keep(final, data)
}

// Create takes a stream (an offline zip), counts nothing and keeps
// nothing: no stage reads a streamed file back.
func (m *Meter) Create(name string) (io.WriteCloser, error) {
	if err := CheckName(name); err != nil {
		return nil, err
	}
	if err := m.keep(name, nil); err != nil {
		return nil, err
	}
	return discardCloser{}, nil
}

type discardCloser struct{}

func (discardCloser) Write(p []byte) (int, error) { return len(p), nil }
func (discardCloser) Close() error                { return nil }

// keep stores name, text gzipped, failing as *Writer does when an
// earlier output took it.
func (m *Meter) keep(name string, data []byte) error {
	k := kept{data: data}
	if data != nil && compressible[path.Ext(name)] {
		enc := m.encoders()
		var b bytes.Buffer
		b.Grow(len(data)/3 + 64)
		if err := enc.gzipFastTo(&b, data); err != nil {
			return err
		}
		m.spare.Put(enc)
		k = kept{data: b.Bytes(), packed: true}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, dup := m.files[name]; dup {
		return fmt.Errorf("two outputs want the path %s", name)
	}
	m.files[name] = k
	return nil
}

func (m *Meter) encoders() *encoders {
	if enc, _ := m.spare.Get().(*encoders); enc != nil {
		return enc
	}
	return &encoders{}
}

// ReadFile returns a file as written (minified).
func (m *Meter) ReadFile(name string) ([]byte, error) {
	m.mu.Lock()
	k, ok := m.files[name]
	m.mu.Unlock()
	if !ok {
		return nil, os.ErrNotExist
	}
	if !k.packed {
		return k.data, nil
	}
	r, err := gzip.NewReader(bytes.NewReader(k.data))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

// BrotliSize returns a kept text file's brotli size at the page level,
// as *Writer's does.
func (m *Meter) BrotliSize(name string) (int, bool) {
	m.mu.Lock()
	n, ok := m.brSizes[name]
	m.mu.Unlock()
	if ok {
		return n, true
	}
	n, ok = m.weigh(name, func(e *encoders, data []byte) (int, error) {
		br, err := e.brotli(data, pageBrotli, true)
		return len(br), err
	})
	if ok {
		m.mu.Lock()
		m.brSizes[name] = n
		m.mu.Unlock()
	}
	return n, ok
}

// GzipFastSize returns a kept text file's gzip size at the fastest
// level: the size it is kept at.
func (m *Meter) GzipFastSize(name string) (int, bool) {
	m.mu.Lock()
	k, ok := m.files[name]
	m.mu.Unlock()
	return len(k.data), ok && k.packed
}

func (m *Meter) weigh(name string, measure func(e *encoders, data []byte) (int, error)) (int, bool) {
	m.mu.Lock()
	k, ok := m.files[name]
	m.mu.Unlock()
	if !ok || !k.packed {
		return 0, false
	}
	data, err := m.ReadFile(name)
	if err != nil {
		return 0, false
	}
	enc := m.encoders()
	n, err := measure(enc, data)
	m.spare.Put(enc)
	return n, err == nil
}
