package output

import (
	"fmt"
	"io"
	"os"
	"path"
	"sync"

	"github.com/tdewolff/minify/v2"
)

// pageBrotli is the brotli quality pages are weighed (and, by *Writer,
// compressed) at.
const pageBrotli = 6

// Meter is the Sink of check: it minifies and fingerprints files exactly
// as *Writer does, so every page weighs what build would serve, but it
// writes nothing to disk and makes no compressed siblings. Files are held
// in memory, minified, for the late stages that read the site back (the
// offline copies' link checks and pocket budget); a stream from Create
// (the zips) is counted and dropped. Weights are measured from the bytes
// in hand when asked, never read back from disk.
type Meter struct {
	min   *minify.M
	spare sync.Pool // *encoders

	mu      sync.Mutex
	files   map[string][]byte
	brSizes map[string]int
}

// NewMeter returns an empty Meter.
func NewMeter() *Meter {
	return &Meter{min: newMinifier(), files: map[string][]byte{}, brSizes: map[string]int{}}
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
	if mt, ok := mediaTypes[path.Ext(name)]; ok {
		out, err := m.min.Bytes(mt, data)
		if err != nil {
			return "", fmt.Errorf("minify %s: %w", name, err)
		}
		data = out
	}
	final := Fingerprint(name, data)
	return final, m.keep(final, data)
}

// RawAsset keeps data as given under the fingerprinted name *Writer's
// RawAsset would give it.
func (m *Meter) RawAsset(name string, data []byte) (string, error) {
	if err := CheckName(name); err != nil {
		return "", err
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

// keep stores name, failing as *Writer does when an earlier output took it.
func (m *Meter) keep(name string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, dup := m.files[name]; dup {
		return fmt.Errorf("two outputs want the path %s", name)
	}
	m.files[name] = data
	return nil
}

// ReadFile returns a file as kept (minified).
func (m *Meter) ReadFile(name string) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.files[name]
	if !ok {
		return nil, os.ErrNotExist
	}
	return b, nil
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

// GzipFastSize returns a kept text file's gzip size at the fastest level.
func (m *Meter) GzipFastSize(name string) (int, bool) {
	return m.weigh(name, (*encoders).gzipFast)
}

func (m *Meter) weigh(name string, measure func(e *encoders, data []byte) (int, error)) (int, bool) {
	m.mu.Lock()
	data, ok := m.files[name]
	m.mu.Unlock()
	if !ok || !compressible[path.Ext(name)] {
		return 0, false
	}
	enc, _ := m.spare.Get().(*encoders)
	if enc == nil {
		enc = &encoders{}
	}
	n, err := measure(enc, data)
	m.spare.Put(enc)
	return n, err == nil
}
