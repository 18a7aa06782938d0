package qr

// Byte mode: the mode indicator, a character count whose width depends on
// the version, then the bytes themselves.
const modeByte = 0b0100

// countBits is the width of the byte-mode character count for a version.
func countBits(version int) int {
	if version <= 9 {
		return 8
	}
	return 16
}

// byteCapacity is the most bytes a byte-mode symbol of this version and
// level holds.
func byteCapacity(version int, level Level) int {
	bits := dataCodewords[level][version]*8 - 4 - countBits(version)
	return min(bits/8, 1<<countBits(version)-1)
}

// bitWriter appends bits most significant first.
type bitWriter struct {
	buf  []byte
	nbit int
}

func (w *bitWriter) write(value, n int) {
	for i := n - 1; i >= 0; i-- {
		if w.nbit%8 == 0 {
			w.buf = append(w.buf, 0)
		}
		if value>>i&1 != 0 {
			w.buf[len(w.buf)-1] |= 0x80 >> (w.nbit % 8)
		}
		w.nbit++
	}
}

// dataCodewordsFor returns the data codewords: mode, count, data, the
// terminator, zero bits to the byte boundary, then the pad bytes 0xEC and
// 0x11 in turn until the symbol's data capacity is filled. The caller has
// checked that data fits.
func dataCodewordsFor(data []byte, version int, level Level) []byte {
	capacity := dataCodewords[level][version]
	w := &bitWriter{buf: make([]byte, 0, capacity)}
	w.write(modeByte, 4)
	w.write(len(data), countBits(version))
	for _, b := range data {
		w.write(int(b), 8)
	}
	w.write(0, min(4, capacity*8-w.nbit))
	if r := w.nbit % 8; r != 0 {
		w.write(0, 8-r)
	}
	for i := 0; len(w.buf) < capacity; i++ {
		w.buf = append(w.buf, [2]byte{0xEC, 0x11}[i%2])
	}
	return w.buf
}

// addErrorCorrection splits the data codewords into the version's blocks,
// computes each block's error correction codewords, and interleaves them:
// first the i-th data codeword of every block in turn, then the i-th error
// correction codeword of every block.
func addErrorCorrection(data []byte, version int, level Level) []byte {
	nb := int(numBlocks[level][version])
	ecc := int(eccPerBlock[level][version])
	total := totalCodewords[version]
	shortData := total/nb - ecc
	numShort := nb - total%nb
	gen := rsGenerator(ecc)

	dataBlocks := make([][]byte, nb)
	eccBlocks := make([][]byte, nb)
	off := 0
	for i := range nb {
		n := shortData
		if i >= numShort {
			n++
		}
		dataBlocks[i] = data[off : off+n]
		eccBlocks[i] = rsRemainder(dataBlocks[i], gen)
		off += n
	}

	out := make([]byte, 0, total)
	for i := range shortData + 1 {
		for _, b := range dataBlocks {
			if i < len(b) {
				out = append(out, b[i])
			}
		}
	}
	for i := range ecc {
		for _, b := range eccBlocks {
			out = append(out, b[i])
		}
	}
	return out
}
