package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestServeRebuildsOnEdit starts `mehfooz serve` on a free port, edits a
// page, and sees the change served; a broken edit shows the error page
// with file:line:col; fixing it brings the page back.
func TestServeRebuildsOnEdit(t *testing.T) {
	dir := smallContent(t, map[string]string{
		"en/guides/_index.md":   "---\ntitle: Guides\ndescription: All.\nreviewed: 2026-11-01\n---\n",
		"ur/guides/_index.md":   "---\ntitle: رہنما\ndescription: سب۔\nreviewed: 2026-11-01\n---\n",
		"en/guides/evidence.md": "---\ntitle: Evidence\ndescription: Keep it.\nreviewed: 2026-11-01\n---\nFirst version.\n",
		"ur/guides/evidence.md": "---\ntitle: ثبوت\ndescription: رکھیں۔\nreviewed: 2026-11-01\n---\nپہلا۔\n",
	})
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--port", "0", "--content", dir, "--layouts", "../layouts", "--static", "../static"}, pw, io.Discard)
		pw.Close()
	}()
	defer func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("serve exited %d after Ctrl-C", code)
			}
		case <-time.After(5 * time.Second):
			t.Error("serve did not stop")
		}
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	go io.Copy(io.Discard, pr)
	i := strings.Index(line, "http://127.0.0.1:")
	if i < 0 {
		t.Fatalf("serve printed %q", line)
	}
	base := strings.TrimSuffix(strings.Fields(line[i:])[0], "/")

	get := func(p string) (int, string) {
		resp, err := http.Get(base + p)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	waitFor := func(p, want string) string {
		deadline := time.Now().Add(10 * time.Second)
		for {
			_, body := get(p)
			if strings.Contains(body, want) {
				return body
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s never showed %q; last:\n%s", p, want, body)
			}
			time.Sleep(30 * time.Millisecond)
		}
	}
	body := waitFor("/en/guides/evidence/", "First version.")
	if !strings.Contains(body, "/_mehfooz/livereload.js") {
		t.Error("served page lacks the live-reload script")
	}
	if code, _ := get("/../../etc/passwd"); code != http.StatusNotFound {
		t.Errorf("path outside the site: status %d", code)
	}

	page := filepath.Join(dir, "en", "guides", "evidence.md")
	os.WriteFile(page, []byte("---\ntitle: Evidence\ndescription: Keep it.\nreviewed: 2026-11-01\n---\nSecond version.\n"), 0o644)
	waitFor("/en/guides/evidence/", "Second version.")

	os.WriteFile(page, []byte("---\ntitle: Evidence\ndescription: Keep it.\nreviewed: 2026-11-01\n---\nCall {{< fact \"nope\" >}}.\n"), 0o644)
	waitFor("/en/guides/evidence/", "evidence.md:6:6: unknown fact")
	if _, css := get("/404.html"); css == "" {
		t.Error("nothing served while the build is broken")
	}

	os.WriteFile(page, []byte("---\ntitle: Evidence\ndescription: Keep it.\nreviewed: 2026-11-01\n---\nThird version.\n"), 0o644)
	waitFor("/en/guides/evidence/", "Third version.")
}
