package preview

import (
	"bufio"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mehfooz/generator/internal/diag"
	"mehfooz/internal/wanttest"
)

var update = flag.Bool("update", false, "rewrite want.txt files")

type fixedBuild Files

func (f fixedBuild) Build([]string) (Files, diag.List) { return Files(f), nil }

// TestInvalid sends each testdata/invalid/<case>/request.txt (a raw HTTP
// request, read as net/http's server reads it) to a preview listening on
// port 1313 and wants the status and Location in want.txt.
func TestInvalid(t *testing.T) {
	s := New(fixedBuild{"en/index.html": []byte("<p>en"), "en/guides/evidence/index.html": []byte("<p>ev"), "404.html": []byte("nf")})
	s.port = "1313"
	wanttest.Cases(t, "testdata/invalid/*", *update, func(t *testing.T, dir string) string {
		raw, err := os.ReadFile(filepath.Join(dir, "request.txt"))
		if err != nil {
			t.Fatal(err)
		}
		r, err := http.ReadRequest(bufio.NewReader(strings.NewReader(string(raw))))
		if err != nil {
			t.Fatal(err)
		}
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		got := fmt.Sprintf("%d %s\n", w.Code, http.StatusText(w.Code))
		if loc := w.Header().Get("Location"); loc != "" {
			got += "Location: " + loc + "\n"
		}
		if loc := w.Header().Get("Location"); strings.HasPrefix(loc, "//") || strings.HasPrefix(loc, `/\`) || strings.Contains(loc, "://") {
			t.Errorf("redirect to another host: %s", loc)
		}
		return got
	})
}

func TestLoopbackHostsAnswer(t *testing.T) {
	s := New(fixedBuild{"en/index.html": []byte("<p>en")})
	s.port = "1313"
	for _, host := range []string{"127.0.0.1:1313", "localhost:1313", "LOCALHOST:1313", "[::1]:1313"} {
		r := httptest.NewRequest("GET", "/en/", nil)
		r.Host = host
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if w.Code != 200 {
			t.Errorf("Host %s: %d", host, w.Code)
		}
	}
}
