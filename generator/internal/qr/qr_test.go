package qr

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// ISO/IEC 18004 Annex E: alignment pattern centres for every version.
var annexE = [41][]int{
	2: {6, 18}, 3: {6, 22}, 4: {6, 26}, 5: {6, 30}, 6: {6, 34},
	7: {6, 22, 38}, 8: {6, 24, 42}, 9: {6, 26, 46}, 10: {6, 28, 50}, 11: {6, 30, 54}, 12: {6, 32, 58}, 13: {6, 34, 62},
	14: {6, 26, 46, 66}, 15: {6, 26, 48, 70}, 16: {6, 26, 50, 74}, 17: {6, 30, 54, 78}, 18: {6, 30, 56, 82}, 19: {6, 30, 58, 86}, 20: {6, 34, 62, 90},
	21: {6, 28, 50, 72, 94}, 22: {6, 26, 50, 74, 98}, 23: {6, 30, 54, 78, 102}, 24: {6, 28, 54, 80, 106}, 25: {6, 32, 58, 84, 110}, 26: {6, 30, 58, 86, 114}, 27: {6, 34, 62, 90, 118},
	28: {6, 26, 50, 74, 98, 122}, 29: {6, 30, 54, 78, 102, 126}, 30: {6, 26, 52, 78, 104, 130}, 31: {6, 30, 56, 82, 108, 134}, 32: {6, 34, 60, 86, 112, 138}, 33: {6, 30, 58, 86, 114, 142}, 34: {6, 34, 62, 90, 118, 146},
	35: {6, 30, 54, 78, 102, 126, 150}, 36: {6, 24, 50, 76, 102, 128, 154}, 37: {6, 28, 54, 80, 106, 132, 158}, 38: {6, 32, 58, 84, 110, 136, 162}, 39: {6, 26, 54, 82, 110, 138, 166}, 40: {6, 30, 58, 86, 114, 142, 170},
}

func TestAlignmentPositionsMatchAnnexE(t *testing.T) {
	if got := alignmentPositions(1); got != nil {
		t.Errorf("version 1: %v, want none", got)
	}
	for v := 2; v <= 40; v++ {
		if got := alignmentPositions(v); !slices.Equal(got, annexE[v]) {
			t.Errorf("version %d: %v, want %v", v, got, annexE[v])
		}
	}
}

// Codeword counts from ISO/IEC 18004 Table 1 and Table 7, which the package
// derives from the module layout and Table 9.
func TestCodewordCountsMatchTheStandard(t *testing.T) {
	total := map[int]int{1: 26, 2: 44, 3: 70, 6: 172, 7: 196, 10: 346, 14: 581, 21: 1156, 26: 1706, 27: 1828, 32: 2465, 40: 3706}
	for v, want := range total {
		if totalCodewords[v] != want {
			t.Errorf("version %d: %d codewords, want %d", v, totalCodewords[v], want)
		}
	}
	for v := 1; v <= 40; v++ {
		want := 0
		switch {
		case v >= 2 && v <= 6:
			want = 7
		case v >= 14 && v <= 20, v >= 28 && v <= 34:
			want = 3
		case v >= 21 && v <= 27:
			want = 4
		}
		if remainderBits[v] != want {
			t.Errorf("version %d: %d remainder bits, want %d", v, remainderBits[v], want)
		}
	}
	data := map[[2]int]int{
		{1, int(L)}: 19, {1, int(M)}: 16, {1, int(Q)}: 13, {1, int(H)}: 9,
		{5, int(Q)}: 62, {10, int(M)}: 216, {27, int(H)}: 628,
		{40, int(L)}: 2956, {40, int(M)}: 2334, {40, int(Q)}: 1666, {40, int(H)}: 1276,
	}
	for k, want := range data {
		if got := dataCodewords[k[1]][k[0]]; got != want {
			t.Errorf("version %d-%v: %d data codewords, want %d", k[0], Level(k[1]), got, want)
		}
	}
}

func TestCapacityBoundaries(t *testing.T) {
	tests := []struct {
		name    string
		level   Level
		n       int
		version int // 0: too long
	}{
		{"v1_L_holds_17", L, 17, 1},
		{"v1_L_overflows_at_18", L, 18, 2},
		{"v1_M_holds_14", M, 14, 1},
		{"v1_Q_holds_11", Q, 11, 1},
		{"v1_H_holds_7", H, 7, 1},
		{"v1_H_overflows_at_8", H, 8, 2},
		{"v9_to_v10_count_width_grows", L, 230, 9},
		{"v10_L_first", L, 231, 10},
		{"v40_L_holds_2953", L, 2953, 40},
		{"v40_L_overflows_at_2954", L, 2954, 0},
		{"v40_M_holds_2331", M, 2331, 40},
		{"v40_Q_holds_1663", Q, 1663, 40},
		{"v40_H_holds_1273", H, 1273, 40},
		{"v40_H_overflows_at_1274", H, 1274, 0},
		{"empty_fits_v1", M, 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Encode(strings.Repeat("a", tt.n), tt.level)
			if tt.version == 0 {
				if !errors.Is(err, ErrTooLong) {
					t.Fatalf("err = %v, want ErrTooLong", err)
				}
				if !strings.Contains(err.Error(), "at most") {
					t.Errorf("error %q does not give the limit", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Version() != tt.version || c.Size() != 17+4*tt.version || c.Level() != tt.level {
				t.Errorf("version %d size %d level %v, want version %d level %v", c.Version(), c.Size(), c.Level(), tt.version, tt.level)
			}
		})
	}
	if MaxBytes(L) != 2953 || MaxBytes(H) != 1273 || MaxBytes(Level(9)) != 0 {
		t.Errorf("MaxBytes: L %d, H %d", MaxBytes(L), MaxBytes(H))
	}
}

func TestUnknownLevelIsAnError(t *testing.T) {
	for _, l := range []Level{-1, 4} {
		if _, err := Encode("x", l); err == nil || errors.Is(err, ErrTooLong) {
			t.Errorf("level %d: err = %v", l, err)
		}
	}
	if L.String() != "L" || H.String() != "H" || Level(7).String() != "Level(7)" {
		t.Error("Level.String")
	}
}

// Format information for every level and mask, as the standard's Table C.1
// lists it (most significant bit first).
var formatTable = map[Level][8]string{
	L: {"111011111000100", "111001011110011", "111110110101010", "111100010011101", "110011000101111", "110001100011000", "110110001000001", "110100101110110"},
	M: {"101010000010010", "101000100100101", "101111001111100", "101101101001011", "100010111111001", "100000011001110", "100111110010111", "100101010100000"},
	Q: {"011010101011111", "011000001101000", "011111100110001", "011101000000110", "010010010110100", "010000110000011", "010111011011010", "010101111101101"},
	H: {"001011010001001", "001001110111110", "001110011100111", "001100111010000", "000011101100010", "000001001010101", "000110100001100", "000100000111011"},
}

func bitString(v, n int) string {
	var b strings.Builder
	for i := n - 1; i >= 0; i-- {
		b.WriteByte('0' + byte(v>>i&1))
	}
	return b.String()
}

func TestFormatInfoMatchesTableC1(t *testing.T) {
	for level, row := range formatTable {
		for mask, want := range row {
			if got := bitString(formatInfo(level, mask), 15); got != want {
				t.Errorf("%v mask %d: %s, want %s", level, mask, got, want)
			}
		}
	}
}

// readFormat reads the two copies of the format information from a code,
// walking the positions of ISO/IEC 18004 Figure 25 from bit 14 down.
func readFormat(c *Code) (first, second int) {
	n := c.Size()
	// Copy 1: row 8 from the left edge (skipping the timing column), then
	// up column 8 (skipping the timing row).
	var p1 [][2]int
	for x := 0; x <= 8; x++ {
		if x != 6 {
			p1 = append(p1, [2]int{x, 8})
		}
	}
	for y := 7; y >= 0; y-- {
		if y != 6 {
			p1 = append(p1, [2]int{8, y})
		}
	}
	// Copy 2: up column 8 from the bottom edge, then along row 8 to the
	// right edge.
	var p2 [][2]int
	for y := n - 1; y >= n-7; y-- {
		p2 = append(p2, [2]int{8, y})
	}
	for x := n - 8; x < n; x++ {
		p2 = append(p2, [2]int{x, 8})
	}
	read := func(ps [][2]int) int {
		v := 0
		for _, p := range ps {
			v <<= 1
			if c.Black(p[0], p[1]) {
				v |= 1
			}
		}
		return v
	}
	return read(p1), read(p2)
}

// decodeFormat returns the level and mask whose format word is nearest to
// bits, with the distance: what a reader does.
func decodeFormat(bits int) (Level, int, int) {
	best, bl, bm := 99, Level(0), 0
	for level, row := range formatTable {
		for mask, s := range row {
			var w int
			for _, ch := range s {
				w = w<<1 | int(ch-'0')
			}
			if d := popcount(w ^ bits); d < best {
				best, bl, bm = d, level, mask
			}
		}
	}
	return bl, bm, best
}

func popcount(v int) int {
	n := 0
	for ; v != 0; v &= v - 1 {
		n++
	}
	return n
}

func TestFormatInfoInPlaceForEveryLevelAndMask(t *testing.T) {
	for _, level := range []Level{L, M, Q, H} {
		for mask := range 8 {
			c, err := encode([]byte("https://example.org/"), level, mask)
			if err != nil {
				t.Fatal(err)
			}
			first, second := readFormat(c)
			if first != second {
				t.Errorf("%v/%d: copies differ: %s and %s", level, mask, bitString(first, 15), bitString(second, 15))
			}
			gotL, gotM, d := decodeFormat(first)
			if d != 0 || gotL != level || gotM != mask {
				t.Errorf("%v/%d: format reads as %v/%d at distance %d", level, mask, gotL, gotM, d)
			}
			if !c.Black(8, c.Size()-8) {
				t.Errorf("%v/%d: the dark module is light", level, mask)
			}
		}
	}
}

// The format words form a BCH code that corrects three errors: any two
// differ in at least seven bits.
func TestFormatWordsAreSevenApart(t *testing.T) {
	var words []int
	for l := L; l <= H; l++ {
		for m := range 8 {
			words = append(words, formatInfo(l, m))
		}
	}
	for i := range words {
		for j := i + 1; j < len(words); j++ {
			if d := popcount(words[i] ^ words[j]); d < 7 {
				t.Errorf("words %d and %d differ in %d bits", i, j, d)
			}
		}
	}
}

func TestVersionInfo(t *testing.T) {
	for v, want := range map[int]int{7: 0x07C94, 8: 0x085BC, 21: 0x15683, 32: 0x209D5, 40: 0x28C69} {
		if got := versionInfo(v); got != want {
			t.Errorf("version %d: %#05x, want %#05x", v, got, want)
		}
	}
}

// codeOfVersion encodes the shortest data that needs version v at level M.
func codeOfVersion(t *testing.T, v int) *Code {
	t.Helper()
	n := 0
	if v > 1 {
		n = byteCapacity(v-1, M) + 1
	}
	c, err := Encode(strings.Repeat("x", n), M)
	if err != nil {
		t.Fatal(err)
	}
	if c.Version() != v {
		t.Fatalf("%d bytes gave version %d, want %d", n, c.Version(), v)
	}
	return c
}

func TestFunctionPatternsInPlace(t *testing.T) {
	for _, v := range []int{1, 2, 7, 40} {
		t.Run(fmt.Sprintf("version_%d", v), func(t *testing.T) {
			c := codeOfVersion(t, v)
			n := c.Size()
			if n != 17+4*v {
				t.Fatalf("size %d", n)
			}
			// Finder patterns: 7×7 rings dark, light, dark 3×3; and a
			// light separator.
			for _, corner := range [][2]int{{0, 0}, {n - 7, 0}, {0, n - 7}} {
				for dy := -1; dy <= 7; dy++ {
					for dx := -1; dx <= 7; dx++ {
						x, y := corner[0]+dx, corner[1]+dy
						if x < 0 || y < 0 || x >= n || y >= n {
							continue
						}
						d := max(abs(dx-3), abs(dy-3))
						if want := d == 0 || d == 1 || d == 3; c.Black(x, y) != want {
							t.Errorf("finder at %v: module (%d,%d) dark=%v", corner, x, y, !want)
						}
					}
				}
			}
			// Timing patterns alternate, dark on even coordinates.
			for i := 8; i < n-8; i++ {
				if c.Black(i, 6) != (i%2 == 0) || c.Black(6, i) != (i%2 == 0) {
					t.Errorf("timing module %d is wrong", i)
				}
			}
			// Alignment patterns at every Annex E pair but the finder
			// corners.
			pos := annexE[v]
			count := 0
			for _, cy := range pos {
				for _, cx := range pos {
					if (cx < 9 && cy < 9) || (cx > n-9 && cy < 9) || (cx < 9 && cy > n-9) {
						continue
					}
					count++
					for dy := -2; dy <= 2; dy++ {
						for dx := -2; dx <= 2; dx++ {
							if want := max(abs(dx), abs(dy)) != 1; c.Black(cx+dx, cy+dy) != want {
								t.Errorf("alignment at (%d,%d): module (%d,%d) wrong", cx, cy, cx+dx, cy+dy)
							}
						}
					}
				}
			}
			if want := max(0, len(pos)*len(pos)-3); count != want {
				t.Errorf("%d alignment patterns, want %d", count, want)
			}
			// Version information, read back from both blocks.
			if v >= 7 {
				var bl, tr int
				for i := 17; i >= 0; i-- {
					bl <<= 1
					tr <<= 1
					if c.Black(i/3, n-11+i%3) {
						bl |= 1
					}
					if c.Black(n-11+i%3, i/3) {
						tr |= 1
					}
				}
				if bl != versionInfo(v) || tr != versionInfo(v) || bl>>12 != v {
					t.Errorf("version blocks read %#05x and %#05x, want %#05x", bl, tr, versionInfo(v))
				}
			}
		})
	}
}

func TestVersion7InfoIs0x07C94InTheSymbol(t *testing.T) {
	c := codeOfVersion(t, 7)
	n := c.Size()
	got := 0
	for i := range 18 {
		if c.Black(i/3, n-11+i%3) {
			got |= 1 << i
		}
	}
	if got != 0x07C94 {
		t.Errorf("bottom-left block holds %#05x, want 0x07c94", got)
	}
}

func TestChosenMaskHasTheLowestPenalty(t *testing.T) {
	for _, s := range []string{"", "https://example.org/", "https://mehfooz.example/ur/رہنمائی/", strings.Repeat("پاکستان ", 40)} {
		for _, level := range []Level{L, M, Q, H} {
			c, err := Encode(s, level)
			if err != nil {
				t.Fatal(err)
			}
			chosen := penaltyOf(c)
			for m := range 8 {
				other, _ := encode([]byte(s), level, m)
				if p := penaltyOf(other); p < chosen || (p == chosen && m < c.Mask()) {
					t.Errorf("%q/%v: mask %d scores %d, chosen mask %d scores %d", s, level, m, p, c.Mask(), chosen)
				}
			}
		}
	}
}

func penaltyOf(c *Code) int {
	g := newGrid(c.version)
	copy(g.dark, c.dark)
	return g.penalty()
}

func TestLinePenalty(t *testing.T) {
	line := func(s string) []bool {
		b := make([]bool, len(s))
		for i := range s {
			b[i] = s[i] == '1'
		}
		return b
	}
	tests := []struct {
		name, line string
		want       int
	}{
		{"no_runs", "0101010101", 0},
		{"run_of_five", "1111101010", 3},
		{"run_of_seven", "0000000101", 5},
		{"two_runs", "11111000001", 6},
		{"finder_with_light_after", "010111010000", 40},
		{"finder_with_five_light_after_adds_a_run", "0101110100000", 40 + 3},
		{"finder_with_light_before", "010000101110101", 40},
		{"finder_at_the_edge_counts_quiet_zone", "1011101010", 40},
		{"finder_with_light_on_both_sides_counts_once", "000010111010000", 40},
		{"finder_crowded", "0110111010110", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := linePenalty(line(tt.line)); got != tt.want {
				t.Errorf("linePenalty(%s) = %d, want %d", tt.line, got, tt.want)
			}
		})
	}
}

func TestPenaltyBlocksAndBalance(t *testing.T) {
	g := newGrid(1) // all light: 21×21
	// Runs: 21 rows and 21 columns of 21 light, each 3+16 = 19.
	// Blocks: 20×20 = 400, each 3. Balance: 0% dark, 10 steps of 5%: 100.
	want := 42*19 + 400*3 + 100
	if got := g.penalty(); got != want {
		t.Errorf("blank grid penalty = %d, want %d", got, want)
	}
}

func TestEncodeIsDeterministic(t *testing.T) {
	s := "https://mehfooz.example/ur/رہنمائی/ثبوت-محفوظ-کریں/?q=1#top"
	a, _ := Encode(s, Q)
	b, _ := Encode(s, Q)
	if !slices.Equal(a.dark, b.dark) || a.Mask() != b.Mask() || !bytes.Equal(a.SVG("x"), b.SVG("x")) {
		t.Error("two encodings of the same data differ")
	}
}

// The golden SVG pins the whole pipeline: data bits, blocks, placement,
// mask choice and drawing. Rewrite it with -update after a deliberate
// change; TestZbarDecodes checks that such codes still read.
func TestSVGGolden(t *testing.T) {
	c, err := Encode("https://mehfooz.example/ur/", M)
	if err != nil {
		t.Fatal(err)
	}
	got := c.SVG("QR code: https://mehfooz.example/ur/")
	path := filepath.Join("testdata", "mehfooz-ur.svg")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("SVG differs from %s; run go test -update if the change is intended", path)
	}
}
