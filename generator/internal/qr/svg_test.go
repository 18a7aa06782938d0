package qr

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"
)

// svgDoc is the part of the SVG the tests read back.
type svgDoc struct {
	XMLName xml.Name `xml:"svg"`
	ViewBox string   `xml:"viewBox,attr"`
	Role    string   `xml:"role,attr"`
	Shape   string   `xml:"shape-rendering,attr"`
	Title   string   `xml:"title"`
	Rect    struct {
		Width  string `xml:"width,attr"`
		Height string `xml:"height,attr"`
		Fill   string `xml:"fill,attr"`
	} `xml:"rect"`
	Paths []struct {
		Fill string `xml:"fill,attr"`
		D    string `xml:"d,attr"`
	} `xml:"path"`
}

func TestSVGStructure(t *testing.T) {
	c, err := Encode("https://mehfooz.example/ur/رہنمائی/", M)
	if err != nil {
		t.Fatal(err)
	}
	title := `QR code: <"رہنمائی"> & more`
	out := c.SVG(title)
	var doc svgDoc
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("not well-formed XML: %v\n%s", err, out)
	}
	side := c.Size() + 2*QuietZone
	if want := fmt.Sprintf("0 0 %d %d", side, side); doc.ViewBox != want {
		t.Errorf("viewBox %q, want %q", doc.ViewBox, want)
	}
	if doc.Role != "img" || doc.Shape != "crispEdges" || doc.Title != title {
		t.Errorf("role %q, shape-rendering %q, title %q", doc.Role, doc.Shape, doc.Title)
	}
	if doc.Rect.Fill != "#fff" || doc.Rect.Width != strconv.Itoa(side) || doc.Rect.Height != strconv.Itoa(side) {
		t.Errorf("background %+v", doc.Rect)
	}
	if len(doc.Paths) != 1 || doc.Paths[0].Fill != "#000" {
		t.Fatalf("want one black path, got %+v", doc.Paths)
	}
	for _, bad := range []string{"href", "url(", "<image", "<script", "<style", "@import", "<!"} {
		if bytes.Contains(out, []byte(bad)) {
			t.Errorf("SVG contains %q", bad)
		}
	}
	if n := bytes.Count(out, []byte("http://")); n != 1 {
		t.Errorf("%d http:// strings; only the xmlns may have one", n)
	}
	// The path, filled, must give back exactly the dark modules.
	filled, err := fillPath(doc.Paths[0].D, side)
	if err != nil {
		t.Fatal(err)
	}
	for y := range side {
		for x := range side {
			if want := c.Black(x-QuietZone, y-QuietZone); filled[y][x] != want {
				t.Fatalf("module (%d,%d): path dark=%v, code dark=%v", x-QuietZone, y-QuietZone, filled[y][x], want)
			}
		}
	}
}

// fillPath interprets the path subset SVG writes (M/m, h, v, z with
// integer arguments, each subpath a 1-high rectangle) into a grid.
func fillPath(d string, side int) ([][]bool, error) {
	grid := make([][]bool, side)
	for i := range grid {
		grid[i] = make([]bool, side)
	}
	r := strings.NewReader(d)
	num := func() (int, error) {
		var s strings.Builder
		for {
			ch, _, err := r.ReadRune()
			if err == io.EOF {
				break
			}
			if ch == '-' && s.Len() == 0 || ch >= '0' && ch <= '9' {
				s.WriteRune(ch)
				continue
			}
			if ch == ' ' && s.Len() == 0 {
				continue
			}
			r.UnreadRune()
			break
		}
		return strconv.Atoi(s.String())
	}
	var cx, cy, sx, sy, width int
	for r.Len() > 0 {
		cmd, _, _ := r.ReadRune()
		switch cmd {
		case 'M', 'm':
			x, err := num()
			if err != nil {
				return nil, err
			}
			y, err := num()
			if err != nil {
				return nil, err
			}
			if cmd == 'm' {
				x, y = cx+x, cy+y
			}
			cx, cy, sx, sy = x, y, x, y
		case 'h':
			w, err := num()
			if err != nil {
				return nil, err
			}
			if w > 0 {
				width = w
			}
			cx += w
		case 'v':
			h, err := num()
			if err != nil {
				return nil, err
			}
			if h != 1 {
				return nil, fmt.Errorf("run height %d", h)
			}
			cy += h
		case 'z':
			if cx != sx || cy != sy+1 {
				return nil, fmt.Errorf("subpath at (%d,%d) is not a closed 1-high run", sx, sy)
			}
			for x := sx; x < sx+width; x++ {
				if grid[sy][x] {
					return nil, fmt.Errorf("runs overlap at (%d,%d)", x, sy)
				}
				grid[sy][x] = true
			}
			cx, cy = sx, sy
		default:
			return nil, fmt.Errorf("unexpected command %q", cmd)
		}
	}
	return grid, nil
}

func TestSVGTitleIsEscaped(t *testing.T) {
	c, _ := Encode("x", L)
	tests := []struct{ name, title, want string }{
		{"markup", `a<b>&"c"`, "<title>a&lt;b&gt;&amp;&quot;c&quot;</title>"},
		{"urdu", "محفوظ", "<title>محفوظ</title>"},
		{"controls_dropped", "a\x00b\x1bc\td", "<title>abc\td</title>"},
		{"invalid_utf8_dropped", "a\xffb", "<title>ab</title>"},
		{"replacement_char_kept", "a\uFFFDb", "<title>a\uFFFDb</title>"},
		{"close_tag_in_title", "</title><script>", "<title>&lt;/title&gt;&lt;script&gt;</title>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := c.SVG(tt.title)
			if !bytes.Contains(out, []byte(tt.want)) {
				t.Errorf("SVG(%q) has no %q:\n%s", tt.title, tt.want, out)
			}
			if err := xml.Unmarshal(out, new(svgDoc)); err != nil {
				t.Errorf("not well-formed: %v", err)
			}
		})
	}
}

func TestSVGIsCompact(t *testing.T) {
	c, _ := Encode("https://mehfooz.example/ur/guides/evidence/", M)
	out := c.SVG("QR")
	// About eight bytes a run; a module-per-rect drawing would be several
	// times larger.
	if len(out) > 6000 {
		t.Errorf("version %d SVG is %d bytes", c.Version(), len(out))
	}
}
