package output

import (
	"os"
	"sync"
)

// Memory is a Sink that keeps output in a map, for the preview server. It
// starts as a copy of a previous build's map, so that map is never
// changed under the server.
type Memory struct {
	mu    sync.Mutex
	files map[string][]byte
}

// NewMemory returns a Memory holding a copy of base.
func NewMemory(base map[string][]byte) *Memory {
	m := &Memory{files: make(map[string][]byte, len(base))}
	for k, v := range base {
		m.files[k] = v
	}
	return m
}

// Files returns every file written, by output name. The map is the
// sink's own: use it once writing is done.
func (m *Memory) Files() map[string][]byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.files
}

func (m *Memory) Write(name string, data []byte) ([]byte, error) {
	if err := CheckName(name); err != nil {
		return nil, err
	}
	m.mu.Lock()
	m.files[name] = data
	m.mu.Unlock()
	return data, nil
}

// ReadFile returns a file written so far.
func (m *Memory) ReadFile(name string) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.files[name]
	if !ok {
		return nil, os.ErrNotExist
	}
	return b, nil
}

// Asset keeps the plain name: the preview server never lets browsers
// cache, and a name that does not change with the bytes lets the search
// index be refreshed without touching the pages that point to it.
func (m *Memory) Asset(name string, data []byte) (string, error) {
	_, err := m.Write(name, data)
	return name, err
}

// RawAsset is Asset: the preview server minifies nothing anyway.
func (m *Memory) RawAsset(name string, data []byte) (string, error) {
	return m.Asset(name, data)
}
