// Package qr makes QR codes (ISO/IEC 18004) and draws them as SVG, with the
// standard library alone. It encodes bytes in byte mode, so a UTF-8 string
// such as an Urdu URL goes in as it is; it picks the smallest of the 40
// versions that holds the data at the asked error correction level, and the
// mask pattern with the lowest penalty score.
//
// The pipeline follows the standard's order: the data becomes a bit stream
// (encode.go), the stream is split into blocks that each get Reed–Solomon
// error correction codewords (rs.go) and are interleaved; the codewords are
// laid into a module grid around the function patterns (grid.go), masked, and
// given their format and version information.
package qr

import (
	"errors"
	"fmt"
)

// Level is an error correction level: the share of codewords a reader can
// restore when part of the symbol is damaged or covered.
type Level int

// The four levels, from least to most redundant.
const (
	L Level = iota // about 7% of codewords restorable
	M              // about 15%
	Q              // about 25%
	H              // about 30%
)

// String returns the level's letter.
func (l Level) String() string {
	if l < L || l > H {
		return fmt.Sprintf("Level(%d)", int(l))
	}
	return string("LMQH"[l])
}

// formatBits is the two-bit code the format information uses for the level;
// it is not the Level's own order.
func (l Level) formatBits() int {
	return [...]int{1, 0, 3, 2}[l]
}

// ErrTooLong is wrapped by Encode's error when the data does not fit in a
// version-40 symbol at the asked level.
var ErrTooLong = errors.New("qr: data too long")

// Code is a finished symbol: a square of dark and light modules, without the
// quiet zone.
type Code struct {
	version int
	level   Level
	mask    int
	size    int
	dark    []bool // row-major, size×size
}

// Size returns the number of modules on a side (17 + 4×version), not counting
// the quiet zone.
func (c *Code) Size() int { return c.size }

// Black reports whether the module at column x, row y is dark. (0, 0) is the
// top-left module; anything outside the symbol is light, as the quiet zone is.
func (c *Code) Black(x, y int) bool {
	if x < 0 || y < 0 || x >= c.size || y >= c.size {
		return false
	}
	return c.dark[y*c.size+x]
}

// Version returns the symbol version, 1 to 40.
func (c *Code) Version() int { return c.version }

// Level returns the error correction level.
func (c *Code) Level() Level { return c.level }

// Mask returns the mask pattern chosen, 0 to 7.
func (c *Code) Mask() int { return c.mask }

// MaxBytes returns the longest data, in bytes, that Encode accepts at level.
func MaxBytes(level Level) int {
	if level < L || level > H {
		return 0
	}
	return byteCapacity(40, level)
}

// Encode makes the smallest QR code that holds data at the given level, in
// byte mode. The bytes are written as they are, with no ECI header: readers
// take valid UTF-8 as UTF-8. The error wraps ErrTooLong when even version 40
// is too small.
func Encode(data string, level Level) (*Code, error) {
	return encode([]byte(data), level, -1)
}

// encode is Encode with an optional forced mask (0 to 7; -1 chooses).
func encode(data []byte, level Level, forceMask int) (*Code, error) {
	if level < L || level > H {
		return nil, fmt.Errorf("qr: unknown error correction level %d; use L, M, Q or H", int(level))
	}
	version := 0
	for v := 1; v <= 40; v++ {
		if len(data) <= byteCapacity(v, level) {
			version = v
			break
		}
	}
	if version == 0 {
		return nil, fmt.Errorf("%w: %d bytes, but a level %v code holds at most %d; shorten the data or use a lower level",
			ErrTooLong, len(data), level, byteCapacity(40, level))
	}
	codewords := addErrorCorrection(dataCodewordsFor(data, version, level), version, level)

	g := newGrid(version)
	g.drawFunctionPatterns()
	g.placeCodewords(codewords)

	best, bestScore := forceMask, 0
	if best < 0 {
		for m := range 8 {
			trial := g.clone()
			trial.applyMask(m)
			trial.drawFormat(level, m)
			if s := trial.penalty(); best < 0 || s < bestScore {
				best, bestScore = m, s
			}
		}
	}
	g.applyMask(best)
	g.drawFormat(level, best)
	return &Code{version: version, level: level, mask: best, size: g.size, dark: g.dark}, nil
}
