package qr

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// The generator polynomials of ISO/IEC 18004 Annex A, as exponents of α
// from the x^(n-1) coefficient down (the leading x^n coefficient is α⁰).
func TestGeneratorPolynomialsMatchAnnexA(t *testing.T) {
	tests := []struct {
		name   string
		degree int
		alpha  []int
	}{
		{"degree_7", 7, []int{87, 229, 146, 149, 238, 102, 21}},
		{"degree_10", 10, []int{251, 67, 46, 61, 118, 70, 64, 94, 32, 45}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := rsGenerator(tt.degree)
			if len(got) != tt.degree {
				t.Fatalf("len = %d, want %d", len(got), tt.degree)
			}
			for i, e := range tt.alpha {
				if got[i] != gfExp[e] {
					t.Errorf("coefficient %d = %d (α^%d), want α^%d = %d", i, got[i], gfLog[got[i]], e, gfExp[e])
				}
			}
		})
	}
}

func TestFieldTables(t *testing.T) {
	if gfExp[8] != 0x1D || gfExp[255] != 1 || gfExp[254] != 0x8E {
		t.Errorf("α^8 = %#x, α^255 = %#x, α^254 = %#x; want 0x1d, 1, 0x8e", gfExp[8], gfExp[255], gfExp[254])
	}
	seen := map[byte]bool{}
	for i := range 255 {
		seen[gfExp[i]] = true
		if gfLog[gfExp[i]] != i {
			t.Fatalf("log(exp(%d)) = %d", i, gfLog[gfExp[i]])
		}
	}
	if len(seen) != 255 || seen[0] {
		t.Errorf("α generates %d non-zero elements, want 255", len(seen))
	}
	if gfMul(0, 7) != 0 || gfMul(1, 0x53) != 0x53 || gfMul(2, 0x80) != 0x1D {
		t.Error("gfMul identities fail")
	}
}

// Two published 1-M examples with 10 error correction codewords: the
// numeric "01234567" of ISO/IEC 18004 Annex I, and the alphanumeric
// "HELLO WORLD" worked through in many tutorials.
func TestReedSolomonKnownVectors(t *testing.T) {
	tests := []struct {
		name      string
		data, ecc []byte
	}{
		{
			name: "annex_i_01234567",
			data: []byte{0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11},
			ecc:  []byte{0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55},
		},
		{
			name: "hello_world_1m",
			data: []byte{32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17},
			ecc:  []byte{196, 35, 39, 119, 235, 215, 231, 226, 93, 23},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rsRemainder(tt.data, rsGenerator(len(tt.ecc))); !bytes.Equal(got, tt.ecc) {
				t.Errorf("ecc = % x\nwant  % x", got, tt.ecc)
			}
		})
	}
}

// A codeword (data followed by its ecc) is a multiple of the generator, so
// it vanishes at the generator's roots α⁰…αⁿ⁻¹: every syndrome is zero.
func TestReedSolomonSyndromesVanish(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{7, 10, 13, 15, 16, 17, 18, 20, 22, 24, 26, 28, 30} {
		data := make([]byte, 1+rng.IntN(150))
		for i := range data {
			data[i] = byte(rng.UintN(256))
		}
		word := append(append([]byte(nil), data...), rsRemainder(data, rsGenerator(n))...)
		for i := range n {
			var s byte
			root := gfExp[i]
			for _, c := range word { // Horner's rule, highest power first
				s = gfMul(s, root) ^ c
			}
			if s != 0 {
				t.Errorf("n=%d: syndrome %d = %#x, want 0", n, i, s)
			}
		}
	}
}
