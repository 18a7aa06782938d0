package browsertest

import (
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// ServeUnder serves dir at the path prefix ("/mehfooz/") on 127.0.0.1, the
// way a GitHub Pages project site is served: anything outside prefix is a
// bare 404, and a missing file inside it gets dir/404.html with status 404.
// It returns the origin ("http://127.0.0.1:port").
func ServeUnder(t testing.TB, dir, prefix string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	fsrv := http.StripPrefix(strings.TrimSuffix(prefix, "/"), http.FileServer(http.Dir(dir)))
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Referrer-Policy", "no-referrer")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		if !strings.HasPrefix(r.URL.Path, prefix) && r.URL.Path+"/" != prefix {
			http.NotFound(w, r)
			return
		}
		rel := filepath.FromSlash(strings.TrimPrefix(r.URL.Path, prefix))
		st, err := os.Stat(filepath.Join(dir, rel))
		if err == nil && st.IsDir() {
			_, err = os.Stat(filepath.Join(dir, rel, "index.html"))
		}
		if err != nil {
			page, err := os.ReadFile(filepath.Join(dir, "404.html"))
			if err != nil {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			w.Write(page)
			return
		}
		if strings.HasSuffix(r.URL.Path, ".wasm") {
			w.Header().Set("Content-Type", "application/wasm")
		}
		fsrv.ServeHTTP(w, r)
	})
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String()
}
