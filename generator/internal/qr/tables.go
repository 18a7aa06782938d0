package qr

// The block structure of every symbol, from ISO/IEC 18004 Table 9. For a
// version and level it gives the error correction codewords in each block
// and the number of blocks; the data codewords follow from the symbol's
// total (counted from the module layout, see rawModules), split as evenly as
// possible with the longer blocks last.
//
// Rows are levels in Level order (L, M, Q, H); index 0 of each row is unused
// so that the version can index it directly.
var eccPerBlock = [4][41]int8{
	{0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30},
	{0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28},
	{0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30},
	{0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30},
}

var numBlocks = [4][41]int8{
	{0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25},
	{0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49},
	{0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68},
	{0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81},
}

// totalCodewords[v] is the number of 8-bit codewords a version-v symbol
// holds (data and error correction together), and remainderBits[v] the
// light modules left over after them. Both are filled in by init from the
// module layout rather than typed in.
var (
	totalCodewords [41]int
	remainderBits  [41]int
	dataCodewords  [4][41]int
)

func init() {
	for v := 1; v <= 40; v++ {
		n := rawModules(v)
		totalCodewords[v] = n / 8
		remainderBits[v] = n % 8
		for l := range 4 {
			dataCodewords[l][v] = totalCodewords[v] - int(eccPerBlock[l][v])*int(numBlocks[l][v])
		}
	}
}

// rawModules counts the modules of a version-v symbol left for codewords
// once the function patterns, format and version information are reserved.
func rawModules(v int) int {
	g := newGrid(v)
	g.drawFunctionPatterns()
	n := 0
	for _, f := range g.function {
		if !f {
			n++
		}
	}
	return n
}
