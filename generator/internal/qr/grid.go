package qr

// grid is a symbol being built. function marks the modules of the function
// patterns and the format and version information, which data placement and
// masking skip.
type grid struct {
	version  int
	size     int
	dark     []bool
	function []bool
}

func newGrid(version int) *grid {
	size := 17 + 4*version
	return &grid{
		version:  version,
		size:     size,
		dark:     make([]bool, size*size),
		function: make([]bool, size*size),
	}
}

func (g *grid) clone() *grid {
	c := *g
	c.dark = append([]bool(nil), g.dark...)
	c.function = append([]bool(nil), g.function...)
	return &c
}

func (g *grid) at(x, y int) bool { return g.dark[y*g.size+x] }

// setFunction sets a function module at column x, row y.
func (g *grid) setFunction(x, y int, dark bool) {
	g.dark[y*g.size+x] = dark
	g.function[y*g.size+x] = true
}

// drawFunctionPatterns draws the finder patterns with their separators, the
// timing patterns and the alignment patterns, and reserves the format and
// version information areas (drawn later, once the mask is known).
func (g *grid) drawFunctionPatterns() {
	n := g.size
	g.drawFinder(3, 3)
	g.drawFinder(n-4, 3)
	g.drawFinder(3, n-4)
	for i := 8; i < n-8; i++ {
		g.setFunction(i, 6, i%2 == 0)
		g.setFunction(6, i, i%2 == 0)
	}
	pos := alignmentPositions(g.version)
	last := len(pos) - 1
	for i, cy := range pos {
		for j, cx := range pos {
			// The three corners that hold finder patterns get none.
			if (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0) {
				continue
			}
			g.drawAlignment(cx, cy)
		}
	}
	g.drawFormat(L, 0)
	g.drawVersion()
}

// drawFinder draws the 7×7 finder pattern centred on (cx, cy) and the light
// separator around it, clipped to the symbol.
func (g *grid) drawFinder(cx, cy int) {
	for dy := -4; dy <= 4; dy++ {
		for dx := -4; dx <= 4; dx++ {
			x, y := cx+dx, cy+dy
			if x < 0 || y < 0 || x >= g.size || y >= g.size {
				continue
			}
			d := max(abs(dx), abs(dy))
			g.setFunction(x, y, d != 2 && d != 4)
		}
	}
}

// drawAlignment draws the 5×5 alignment pattern centred on (cx, cy).
func (g *grid) drawAlignment(cx, cy int) {
	for dy := -2; dy <= 2; dy++ {
		for dx := -2; dx <= 2; dx++ {
			g.setFunction(cx+dx, cy+dy, max(abs(dx), abs(dy)) != 1)
		}
	}
}

// alignmentPositions returns the row and column coordinates of the
// alignment pattern centres (ISO/IEC 18004 Annex E). They run from 6 to
// size−7; the gaps between them are equal and even, except that the first
// gap takes up the slack. Version 1 has none.
func alignmentPositions(version int) []int {
	if version == 1 {
		return nil
	}
	count := version/7 + 2
	last := 4*version + 10 // size − 7
	gaps := count - 1
	// The gap is (last−6)/gaps rounded up to even; version 32 alone rounds
	// down, as the standard's table has it.
	step := (last - 6 + gaps - 1) / gaps
	step += step % 2
	if version == 32 {
		step = 26
	}
	pos := make([]int, count)
	pos[0] = 6
	for i := count - 1; i > 0; i-- {
		pos[i] = last - (count-1-i)*step
	}
	return pos
}

// formatInfo returns the 15-bit format information for a level and mask:
// five data bits, ten BCH(15,5) check bits from the generator 0x537, all
// XORed with 0x5412 so that no valid word is all zeros.
func formatInfo(level Level, mask int) int {
	data := level.formatBits()<<3 | mask
	return (data<<10 | bchRemainder(data<<10, 0x537)) ^ 0x5412
}

// versionInfo returns the 18-bit version information: six data bits and
// twelve BCH(18,6) check bits from the generator 0x1F25.
func versionInfo(version int) int {
	return version<<12 | bchRemainder(version<<12, 0x1F25)
}

// bchRemainder is the remainder of v divided by gen, as polynomials over
// GF(2).
func bchRemainder(v, gen int) int {
	glen := bitLen(gen)
	for bitLen(v) >= glen {
		v ^= gen << (bitLen(v) - glen)
	}
	return v
}

func bitLen(v int) int {
	n := 0
	for ; v > 0; v >>= 1 {
		n++
	}
	return n
}

// drawFormat writes both copies of the format information and the dark
// module beside the bottom-left finder. Bit 14 is the most significant.
// The first copy runs down column 8 (bits 0–5, then 6 and 7 past the timing
// row) and left along row 8 (bit 8, then 9–14 past the timing column); the
// second runs left along row 8 from the right edge (bits 0–7) and down
// column 8 towards the bottom edge (bits 8–14).
func (g *grid) drawFormat(level Level, mask int) {
	bits := formatInfo(level, mask)
	bit := func(i int) bool { return bits>>i&1 != 0 }
	n := g.size
	for i := range 6 {
		g.setFunction(8, i, bit(i))
	}
	g.setFunction(8, 7, bit(6))
	g.setFunction(8, 8, bit(7))
	g.setFunction(7, 8, bit(8))
	for i := 9; i < 15; i++ {
		g.setFunction(14-i, 8, bit(i))
	}
	for i := range 8 {
		g.setFunction(n-1-i, 8, bit(i))
	}
	for i := 8; i < 15; i++ {
		g.setFunction(8, n-15+i, bit(i))
	}
	g.setFunction(8, n-8, true)
}

// drawVersion writes the two 6×3 blocks of version information, for
// versions 7 and up: bit i sits at column i/3, row size−11+i%3 in the
// bottom-left block, and transposed in the top-right one.
func (g *grid) drawVersion() {
	if g.version < 7 {
		return
	}
	bits := versionInfo(g.version)
	for i := range 18 {
		dark := bits>>i&1 != 0
		a, b := g.size-11+i%3, i/3
		g.setFunction(a, b, dark)
		g.setFunction(b, a, dark)
	}
}

// placeCodewords lays the codewords' bits, most significant first, into the
// non-function modules: in two-module-wide columns from the right edge,
// upwards then downwards in turn, skipping the vertical timing column. Any
// remainder modules stay light.
func (g *grid) placeCodewords(codewords []byte) {
	n := g.size
	i := 0
	upward := true
	for right := n - 1; right >= 1; right -= 2 {
		if right == 6 {
			right = 5
		}
		for k := range n {
			y := k
			if upward {
				y = n - 1 - k
			}
			for _, x := range [2]int{right, right - 1} {
				if g.function[y*n+x] {
					continue
				}
				if i < len(codewords)*8 {
					g.dark[y*n+x] = codewords[i/8]>>(7-i%8)&1 != 0
					i++
				}
			}
		}
		upward = !upward
	}
}

// maskFuncs are the eight mask conditions; a data module at row i, column j
// is inverted where the condition holds.
var maskFuncs = [8]func(i, j int) bool{
	func(i, j int) bool { return (i+j)%2 == 0 },
	func(i, j int) bool { return i%2 == 0 },
	func(i, j int) bool { return j%3 == 0 },
	func(i, j int) bool { return (i+j)%3 == 0 },
	func(i, j int) bool { return (i/2+j/3)%2 == 0 },
	func(i, j int) bool { return i*j%2+i*j%3 == 0 },
	func(i, j int) bool { return (i*j%2+i*j%3)%2 == 0 },
	func(i, j int) bool { return ((i+j)%2+i*j%3)%2 == 0 },
}

// applyMask inverts the data modules that mask m selects.
func (g *grid) applyMask(m int) {
	f := maskFuncs[m]
	for y := range g.size {
		for x := range g.size {
			if !g.function[y*g.size+x] && f(y, x) {
				g.dark[y*g.size+x] = !g.dark[y*g.size+x]
			}
		}
	}
}

// Penalty weights of ISO/IEC 18004 §7.8.3.
const (
	penaltyRun     = 3  // N1: a run of five or more, plus one per extra module
	penaltyBlock   = 3  // N2: each 2×2 block of one colour
	penaltyFinder  = 40 // N3: a 1:1:3:1:1 pattern beside four light modules
	penaltyBalance = 10 // N4: each 5% the dark share strays from 50%
)

// penalty scores the finished symbol; the mask with the lowest score wins.
func (g *grid) penalty() int {
	n := g.size
	score := 0
	line := make([]bool, n)
	for _, vertical := range [2]bool{false, true} {
		for a := range n {
			for b := range n {
				if vertical {
					line[b] = g.at(a, b)
				} else {
					line[b] = g.at(b, a)
				}
			}
			score += linePenalty(line)
		}
	}
	dark := 0
	for y := range n {
		for x := range n {
			if g.at(x, y) {
				dark++
			}
			if x+1 < n && y+1 < n {
				c := g.at(x, y)
				if g.at(x+1, y) == c && g.at(x, y+1) == c && g.at(x+1, y+1) == c {
					score += penaltyBlock
				}
			}
		}
	}
	total := n * n
	score += abs(dark*20-total*10) / total * penaltyBalance
	return score
}

// linePenalty scores one row or column for runs (N1) and finder-like
// patterns (N3). Modules outside the line count as light, as the quiet zone
// is; a pattern with light on both sides counts once.
func linePenalty(line []bool) int {
	n := len(line)
	score := 0
	run := 0
	for i := range n {
		if i > 0 && line[i] == line[i-1] {
			run++
		} else {
			run = 1
		}
		if run == 5 {
			score += penaltyRun
		} else if run > 5 {
			score++
		}
	}
	get := func(i int) bool { return i >= 0 && i < n && line[i] }
	lightRun := func(from int) bool {
		for i := from; i < from+4; i++ {
			if get(i) {
				return false
			}
		}
		return true
	}
	for i := 0; i+7 <= n; i++ {
		if line[i] && !line[i+1] && line[i+2] && line[i+3] && line[i+4] && !line[i+5] && line[i+6] {
			if lightRun(i-4) || lightRun(i+7) {
				score += penaltyFinder
			}
		}
	}
	return score
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
