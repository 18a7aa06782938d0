package qr

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"mehfooz/internal/browsertest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// render draws the code at scale pixels a module, with the quiet zone.
func render(c *Code, scale int) image.Image {
	side := (c.Size() + 2*QuietZone) * scale
	img := image.NewGray(image.Rect(0, 0, side, side))
	for y := range side {
		for x := range side {
			v := uint8(0xFF)
			if c.Black(x/scale-QuietZone, y/scale-QuietZone) {
				v = 0
			}
			img.SetGray(x, y, color.Gray{Y: v})
		}
	}
	return img
}

// zbarimg returns the path of zbarimg (Debian's zbar-tools), skipping the
// test when it is missing, unless MEHFOOZ_REQUIRE_BROWSER is set, as in CI,
// where a missing reader is a failure.
func zbarimg(t *testing.T) string {
	t.Helper()
	return browsertest.Tool(t, "zbarimg", "apt-get install -y zbar-tools")
}

// A real reader decodes what Encode makes: the independent check of the
// whole pipeline, from bit stream to mask.
func TestZbarDecodes(t *testing.T) {
	exe := zbarimg(t)
	tests := []struct {
		name    string
		data    string
		level   Level
		version int // if not 0, the version the data must need
	}{
		{"short_url", "https://example.org/", M, 0},
		{"urdu_path", "https://mehfooz.example/ur/رہنمائی/ثبوت-محفوظ-کریں/", M, 0},
		{"urdu_path_level_h", "https://mehfooz.example/ur/حفاظت/فون/", H, 0},
		{"query_and_fragment", "https://mehfooz.example/en/search/?q=safe+phone&lang=en#results", Q, 0},
		{"level_l_version_1_full", "https://a.example", L, 1},
		{"version_7_with_version_info", "https://mehfooz.example/ur/" + strings.Repeat("رہنمائی/", 8), L, 7},
		{"long_multi_block", "https://mehfooz.example/" + strings.Repeat("محفوظ-", 60), M, 0},
		{"version_40_full", "https://mehfooz.example/?" + strings.Repeat("abcdefghij", 231)[:2331-25], M, 40},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Encode(tt.data, tt.level)
			if err != nil {
				t.Fatal(err)
			}
			if tt.version != 0 && c.Version() != tt.version {
				t.Fatalf("version %d, want %d", c.Version(), tt.version)
			}
			file := filepath.Join(dir, tt.name+".png")
			var buf bytes.Buffer
			if err := png.Encode(&buf, render(c, 4)); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			var stdout, stderr bytes.Buffer
			cmd := exec.CommandContext(ctx, exe, "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", file)
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Run(); err != nil {
				t.Fatalf("zbarimg on version %d-%v: %v\n%s", c.Version(), tt.level, err, stderr.String())
			}
			if got := strings.TrimSuffix(stdout.String(), "\n"); got != tt.data {
				t.Errorf("version %d-%v mask %d decodes as\n%q\nwant\n%q", c.Version(), tt.level, c.Mask(), got, tt.data)
			}
		})
	}
}
