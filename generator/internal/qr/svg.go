package qr

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// QuietZone is the light margin, in modules, that SVG draws around the
// symbol; the standard asks for four.
const QuietZone = 4

// SVG draws the code as a standalone SVG document: black modules on a white
// square, the quiet zone included, one unit per module in the viewBox. The
// dark modules are one path of horizontal runs, so the file stays small, and
// the same code always gives the same bytes. title becomes the <title>,
// which with role="img" is the accessible name (say what the code opens,
// e.g. "QR code: link to this page"). There is no width or height, so the
// page's CSS sets the size; shape-rendering="crispEdges" keeps module edges
// sharp at any scale.
func (c *Code) SVG(title string) []byte {
	side := strconv.Itoa(c.size + 2*QuietZone)
	var b strings.Builder
	b.Grow(200 + c.size*c.size)
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 `)
	b.WriteString(side + " " + side)
	b.WriteString(`" role="img" shape-rendering="crispEdges"><title>`)
	writeEscaped(&b, title)
	b.WriteString(`</title><rect width="` + side + `" height="` + side + `" fill="#fff"/><path fill="#000" d="`)
	// Each run is a 1-module-high rectangle; after "z" the pen is back at
	// the run's start, so the next run is a relative move.
	px, py, first := 0, 0, true
	for y := range c.size {
		for x := 0; x < c.size; {
			if !c.Black(x, y) {
				x++
				continue
			}
			start := x
			for x < c.size && c.Black(x, y) {
				x++
			}
			ax, ay := start+QuietZone, y+QuietZone
			if first {
				b.WriteString("M" + strconv.Itoa(ax) + " " + strconv.Itoa(ay))
				first = false
			} else {
				b.WriteString("m" + strconv.Itoa(ax-px) + " " + strconv.Itoa(ay-py))
			}
			w := strconv.Itoa(x - start)
			b.WriteString("h" + w + "v1h-" + w + "z")
			px, py = ax, ay
		}
	}
	b.WriteString(`"/></svg>`)
	return []byte(b.String())
}

// writeEscaped writes s as XML character data: markup characters escaped,
// and characters XML 1.0 forbids (most control characters, invalid UTF-8)
// dropped.
func writeEscaped(b *strings.Builder, s string) {
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		s = s[size:]
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case r == utf8.RuneError && size == 1, r == 0xFFFE, r == 0xFFFF:
			// invalid UTF-8 or a non-character: dropped
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r':
			// a C0 control, which XML 1.0 forbids: dropped
		default:
			b.WriteRune(r)
		}
	}
}
