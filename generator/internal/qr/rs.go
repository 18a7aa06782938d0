package qr

// Reed–Solomon error correction over GF(256), as QR codes use it: the field
// is built on the primitive polynomial x⁸+x⁴+x³+x²+1 (0x11D) with α = 2,
// and the generator polynomial of degree n is (x−α⁰)(x−α¹)…(x−αⁿ⁻¹).

// gfExp[i] is αⁱ for i in [0, 510), doubled so that a product of two logs
// never needs reducing; gfLog is its inverse on [1, 255].
var (
	gfExp [510]byte
	gfLog [256]int
)

func init() {
	x := 1
	for i := range 255 {
		gfExp[i] = byte(x)
		gfExp[i+255] = byte(x)
		gfLog[x] = i
		x <<= 1
		if x&0x100 != 0 {
			x ^= 0x11D
		}
	}
}

// gfMul multiplies two field elements.
func gfMul(a, b byte) byte {
	if a == 0 || b == 0 {
		return 0
	}
	return gfExp[gfLog[a]+gfLog[b]]
}

// rsGenerator returns the coefficients of the degree-n generator
// polynomial, highest power first, without the leading 1.
func rsGenerator(n int) []byte {
	// g holds the full polynomial, highest power first, g[0] = 1.
	g := make([]byte, 1, n+1)
	g[0] = 1
	for i := range n {
		// Multiply g by (x − αⁱ); in GF(2⁸) subtraction is XOR.
		root := gfExp[i]
		g = append(g, 0)
		for j := len(g) - 1; j > 0; j-- {
			g[j] ^= gfMul(g[j-1], root)
		}
	}
	return g[1:]
}

// rsRemainder returns the n error correction codewords for data: the
// remainder of data·xⁿ divided by the generator polynomial gen (as from
// rsGenerator, so len(gen) = n).
func rsRemainder(data, gen []byte) []byte {
	rem := make([]byte, len(gen))
	for _, d := range data {
		factor := d ^ rem[0]
		copy(rem, rem[1:])
		rem[len(rem)-1] = 0
		for j, c := range gen {
			rem[j] ^= gfMul(c, factor)
		}
	}
	return rem
}
