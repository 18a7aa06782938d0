// Package preview is the live preview server behind `mehfooz serve`: it
// serves a build from memory on 127.0.0.1, rebuilds when a source file
// changes, and tells open tabs to reload through server-sent events. The
// reload script exists only here; built sites never contain it.
package preview

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"mime"
	"net"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"

	"mehfooz/generator/internal/diag"
	"mehfooz/generator/internal/render"
)

// Files is a built site in memory: output path → bytes.
type Files map[string][]byte

// Builder produces the site. changed lists the source files that changed
// since the last call (nil: build everything), so a builder that keeps state
// can redo only what they affect.
type Builder interface {
	Build(changed []string) (Files, diag.List)
}

// Server serves the last good build and the current build error, if any.
type Server struct {
	builder Builder

	mu      sync.RWMutex
	files   Files
	errs    diag.List
	version int

	subMu sync.Mutex
	subs  map[chan int]bool

	// Log receives one line per rebuild; nil discards.
	Log func(format string, args ...any)

	// port is the port ListenAndServe listens on, which the Host header
	// must name.
	port string
}

// New builds once and returns a server for the result.
func New(b Builder) *Server {
	s := &Server{builder: b, subs: map[chan int]bool{}}
	s.Rebuild(nil)
	return s
}

// Rebuild builds again. On success the new files are served; on failure
// the previous files stay and pages show the errors instead. Open tabs are
// told to reload either way.
func (s *Server) Rebuild(changed []string) diag.List {
	start := time.Now()
	files, diags := s.builder.Build(changed)
	s.mu.Lock()
	s.errs = nil
	if diags.Err() != nil {
		s.errs = diags
	} else {
		s.files = files
	}
	s.version++
	v := s.version
	s.mu.Unlock()
	if s.Log != nil {
		if diags.Err() != nil {
			s.Log("build failed in %v: %s", time.Since(start).Round(time.Millisecond), firstLine(diags))
		} else {
			s.Log("rebuilt in %v (%d files)", time.Since(start).Round(time.Millisecond), len(files))
		}
	}
	s.subMu.Lock()
	for c := range s.subs {
		select {
		case c <- v:
		default:
		}
	}
	s.subMu.Unlock()
	return diags
}

// Swap serves files in place of the current build without telling tabs
// to reload (a refreshed search index, which no page names differently).
// It does nothing while the build is broken.
func (s *Server) Swap(files Files) {
	s.mu.Lock()
	if s.errs == nil {
		s.files = files
	}
	s.mu.Unlock()
}

func firstLine(l diag.List) string {
	if len(l) == 0 {
		return ""
	}
	s := l[0].Error()
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if n := l.Errors(); n > 1 {
		s += fmt.Sprintf(" (and %d more)", n-1)
	}
	return s
}

const (
	reloadPath = "/_mehfooz/livereload.js"
	eventsPath = "/_mehfooz/events"
)

// reloadScript reconnects after the server restarts and reloads on every
// build event after the first it sees.
const reloadScript = `(function(){var seen=null;function c(){var es=new EventSource("/_mehfooz/events");es.onmessage=function(e){if(seen!==null&&e.data!==seen){location.reload();}seen=e.data;};es.onerror=function(){es.close();setTimeout(c,500);};}c();})();`

// ServeHTTP serves files from memory. Only names in the build exist, so no
// path can reach outside the site.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	setSecurityHeaders(w.Header())
	if !hostAllowed(r.Host, s.port) {
		http.Error(w, "this preview answers only to 127.0.0.1, localhost or [::1] with its port", http.StatusMisdirectedRequest)
		return
	}
	switch r.URL.Path {
	case reloadPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write([]byte(reloadScript))
		return
	case eventsPath:
		s.events(w, r)
		return
	}
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if strings.HasSuffix(r.URL.Path, "/") || name == "" {
		name = path.Join(name, "index.html")
	}
	s.mu.RLock()
	files, errs, version := s.files, s.errs, s.version
	s.mu.RUnlock()

	data, ok := files[name]
	if !ok && !strings.HasSuffix(name, ".html") {
		// /en/guides/evidence → /en/guides/evidence/
		if _, dir := files[path.Join(name, "index.html")]; dir {
			http.Redirect(w, r, dirLocation(name), http.StatusMovedPermanently)
			return
		}
	}
	isHTML := strings.HasSuffix(name, ".html")
	if errs != nil && (isHTML || !ok) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusInternalServerError)
		w.Write(errorPage(errs, version))
		return
	}
	status := http.StatusOK
	if !ok {
		data, ok = files["404.html"]
		status = http.StatusNotFound
		isHTML = true
		if !ok {
			http.NotFound(w, r)
			return
		}
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if isHTML {
		ctype = "text/html; charset=utf-8"
		data = injectReload(data)
	}
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	if path.Ext(name) == ".wasm" {
		ctype = "application/wasm"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	if r.Method == http.MethodGet {
		w.Write(data)
	}
}

func setSecurityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", render.HeaderCSP)
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Content-Type-Options", "nosniff")
}

func injectReload(page []byte) []byte {
	tag := []byte(`<script src="` + reloadPath + `" defer></script>`)
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(append([]byte{}, page...), tag...)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}

// errorPage shows the build errors with file:line:col; it carries the
// reload script so fixing the file brings the page back by itself.
func errorPage(errs diag.List, version int) []byte {
	var b bytes.Buffer
	b.WriteString(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Build error · mehfooz serve</title></head><body>`)
	fmt.Fprintf(&b, `<h1>The site did not build</h1><p>%s. The last good build is still served for other files; fix the file and this page reloads by itself.</p><ol class="build-errors">`, html.EscapeString(summaryLine(errs)))
	for _, e := range errs {
		fmt.Fprintf(&b, "<li><pre><code>%s</code></pre></li>", html.EscapeString(e.Error()))
	}
	b.WriteString(`</ol><script src="` + reloadPath + `" defer></script></body></html>`)
	return b.Bytes()
}

func summaryLine(errs diag.List) string {
	n := errs.Errors()
	if n == 1 {
		return "1 error"
	}
	return fmt.Sprintf("%d errors", n)
}

// events streams build versions to one tab.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	c := make(chan int, 1)
	s.subMu.Lock()
	s.subs[c] = true
	s.subMu.Unlock()
	defer func() {
		s.subMu.Lock()
		delete(s.subs, c)
		s.subMu.Unlock()
	}()
	s.mu.RLock()
	v := s.version
	s.mu.RUnlock()
	fmt.Fprintf(w, "data: %d\n\n", v)
	fl.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case v := <-c:
			fmt.Fprintf(w, "data: %d\n\n", v)
			fl.Flush()
		}
	}
}

// ListenAndServe serves on 127.0.0.1:port until ctx is done. Port 0 picks
// a free port; ready receives the address once listening.
func (s *Server) ListenAndServe(ctx context.Context, port int, ready func(addr string)) error {
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		return err
	}
	_, s.port, _ = net.SplitHostPort(ln.Addr().String())
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	if ready != nil {
		ready(ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		// Event streams never end by themselves: close them.
		srv.Shutdown(sctx)
		srv.Close()
		return nil
	case err := <-errc:
		return err
	}
}
