//go:build pagefind

package pagefind

import (
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// ---------------------------------------------------------------------------
// The server: 127.0.0.1 only; a file's .br (or .gz) sibling when the
// browser takes it; brotli on the fly for text that has none; every byte
// written counted; optionally throttled.

type server struct {
	root     string
	origin   string
	wire     atomic.Int64 // bytes written on every connection
	inflight atomic.Int64
	last     atomic.Int64 // unix nanos of the last request start or end
	rate     atomic.Int64 // bytes per second on the link, 0: unlimited
	rtt      atomic.Int64 // nanoseconds added before each response

	lmu  sync.Mutex
	next time.Time // when the link is free

	mu      sync.Mutex
	fetches []fetched
	marked  time.Time // when mark was last called
	brCache map[string][]byte
}

type countingListener struct {
	net.Listener
	s *server
}

func (l countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return countingConn{c, l.s}, nil
}

type countingConn struct {
	net.Conn
	s *server
}

// Write sends p through the (possibly throttled) link, counting it.
func (c countingConn) Write(p []byte) (int, error) {
	total := 0
	for len(p) > 0 {
		n := min(len(p), 4096)
		c.s.throttle(n)
		w, err := c.Conn.Write(p[:n])
		total += w
		c.s.wire.Add(int64(w))
		if err != nil {
			return total, err
		}
		p = p[n:]
	}
	return total, nil
}

// throttle waits until n more bytes fit through the shared link.
func (s *server) throttle(n int) {
	rate := s.rate.Load()
	if rate == 0 {
		return
	}
	s.lmu.Lock()
	now := time.Now()
	if s.next.Before(now) {
		s.next = now
	}
	s.next = s.next.Add(time.Duration(float64(n) / float64(rate) * float64(time.Second)))
	until := s.next
	s.lmu.Unlock()
	time.Sleep(time.Until(until))
}

func serve(t *testing.T, root string) *server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &server{root: root, origin: "http://" + ln.Addr().String(), brCache: map[string][]byte{}}
	hs := &http.Server{Handler: s, ReadHeaderTimeout: 5 * time.Second}
	go hs.Serve(countingListener{ln, s})
	t.Cleanup(func() { hs.Close() })
	return s
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	came := time.Now()
	s.inflight.Add(1)
	s.last.Store(time.Now().UnixNano())
	defer func() {
		s.inflight.Add(-1)
		s.last.Store(time.Now().UnixNano())
	}()
	if d := time.Duration(s.rtt.Load()); d > 0 {
		time.Sleep(d)
	}
	p := path.Clean("/" + r.URL.Path)
	file := filepath.Join(s.root, filepath.FromSlash(p))
	if fi, err := os.Stat(file); err == nil && fi.IsDir() {
		file = filepath.Join(file, "index.html")
		p = path.Join(p, "index.html")
	}
	body, err := os.ReadFile(file)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	ext := path.Ext(p)
	ctype := mime.TypeByExtension(ext)
	switch ext {
	case ".wasm":
		ctype = "application/wasm"
	case ".js", ".mjs":
		ctype = "text/javascript; charset=utf-8"
	case ".json":
		ctype = "application/json"
	}
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	accept := r.Header.Get("Accept-Encoding")
	enc := ""
	switch {
	case strings.Contains(accept, "br") && fileSize(file+".br") >= 0:
		body, _ = os.ReadFile(file + ".br")
		enc = "br"
	case strings.Contains(accept, "gzip") && fileSize(file+".gz") >= 0:
		body, _ = os.ReadFile(file + ".gz")
		enc = "gzip"
	case strings.Contains(accept, "br") && compressible(ctype):
		// No sibling (pages, Pagefind's JavaScript and JSON): brotli on the fly,
		// as a static host would. Pagefind's index and wasm files are
		// gzip inside and go as they are.
		s.mu.Lock()
		c, ok := s.brCache[file]
		if !ok {
			c = brotliBytes(body)
			s.brCache[file] = c
		}
		s.mu.Unlock()
		body, enc = c, "br"
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Vary", "Accept-Encoding")
	// As GitHub Pages sends: a repeat request within the session is
	// answered by the browser's cache.
	h.Set("Cache-Control", "max-age=600")
	h.Set("X-Content-Type-Options", "nosniff")
	if enc != "" {
		h.Set("Content-Encoding", enc)
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
	s.mu.Lock()
	s.fetches = append(s.fetches, fetched{Path: p, Encoding: enc, Body: int64(len(body)), AtMs: float64(came.Sub(s.marked).Microseconds()) / 1000})
	s.mu.Unlock()
}

func compressible(ctype string) bool {
	return strings.HasPrefix(ctype, "text/") || strings.HasPrefix(ctype, "application/json") || strings.HasPrefix(ctype, "image/svg")
}

// mark starts a measurement: it forgets what was fetched.
func (s *server) mark() int64 {
	s.mu.Lock()
	s.fetches = nil
	s.marked = time.Now()
	s.mu.Unlock()
	return s.wire.Load()
}

// idle waits until no request has been in flight for quiet, and returns
// the bytes written since start and what was fetched.
func (s *server) idle(start int64, quiet, max time.Duration) (int64, []fetched) {
	deadline := time.Now().Add(max)
	for time.Now().Before(deadline) {
		if s.inflight.Load() == 0 && time.Since(time.Unix(0, s.last.Load())) >= quiet {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.wire.Load() - start, slices.Clone(s.fetches)
}
