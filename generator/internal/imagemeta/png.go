package imagemeta

import (
	"bytes"
	"fmt"
	"hash/crc32"
)

// A PNG file is the 8-byte signature, then chunks: a 4-byte big-endian data
// length, a 4-byte type, the data, and a CRC-32 of type and data. IEND ends
// the image. A type whose first letter is upper-case is critical: a decoder
// must understand it.
//
// Strip keeps every critical chunk and the ancillary chunks that change how
// the pixels look or move (transparency, colour space, gamma, physical
// size, background, palettes, animation); it drops the rest, notably eXIf,
// tEXt, zTXt, iTXt (where XMP lives too) and tIME, and anything after IEND.
// Kept chunks are copied as they are, CRC included; every CRC is checked.
var pngKeep = map[string]bool{
	"tRNS": true, "cHRM": true, "gAMA": true, "iCCP": true, "sBIT": true, "sRGB": true,
	"cICP": true, "mDCV": true, "mDCv": true, "cLLI": true, "cLLi": true,
	"bKGD": true, "hIST": true, "pHYs": true, "sPLT": true,
	"acTL": true, "fcTL": true, "fdAT": true,
}

// pngChunk is one chunk, in file order.
type pngChunk struct {
	typ    string
	data   []byte
	raw    []byte // length, type, data and CRC as in the file
	offset int
}

func (c pngChunk) critical() bool { return c.typ[0]&0x20 == 0 }

// walkPNG calls fn for each chunk up to and including IEND, checking each
// CRC, and returns what follows IEND.
func walkPNG(data []byte, fn func(pngChunk)) (trailer []byte, werr *walkError) {
	i := len(pngSignature)
	for {
		if i+8 > len(data) {
			return nil, &walkError{i, "the file ends before the IEND chunk (truncated)"}
		}
		n := be32(data[i:])
		typ := data[i+4 : i+8]
		for _, c := range typ {
			if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
				return nil, &walkError{i + 4, fmt.Sprintf("chunk type %q is not four letters", typ)}
			}
		}
		if n > 1<<31-1 || uint64(i)+12+uint64(n) > uint64(len(data)) {
			return nil, &walkError{i, fmt.Sprintf("chunk %s of %d bytes runs past the end of the file (truncated)", typ, n)}
		}
		end := i + 12 + int(n)
		body := data[i+4 : end-4]
		if crc32.ChecksumIEEE(body) != be32(data[end-4:]) {
			return nil, &walkError{i, fmt.Sprintf("chunk %s has a bad CRC (the file is damaged)", typ)}
		}
		c := pngChunk{typ: string(typ), data: body[4:], raw: data[i:end], offset: i}
		fn(c)
		i = end
		if c.typ == "IEND" {
			return data[i:], nil
		}
	}
}

func stripPNG(name string, data []byte) ([]byte, error) {
	out := make([]byte, 0, len(data))
	out = append(out, pngSignature...)
	_, werr := walkPNG(data, func(c pngChunk) {
		if c.critical() || pngKeep[c.typ] {
			out = append(out, c.raw...)
		}
	})
	if werr != nil {
		return nil, &Error{Name: name, Format: "png", Offset: werr.offset, Msg: werr.msg}
	}
	return out, nil
}

func hasPNG(data []byte, found map[string]bool) {
	trailer, _ := walkPNG(data, func(c pngChunk) {
		switch {
		case c.critical() || pngKeep[c.typ]:
		case c.typ == "eXIf":
			found[KindEXIF] = true
			if exifHasGPS(c.data) {
				found[KindGPS] = true
			}
		case c.typ == "tEXt" || c.typ == "zTXt" || c.typ == "iTXt":
			found[KindText] = true
			if bytes.HasPrefix(c.data, []byte("XML:com.adobe.xmp\x00")) {
				found[KindXMP] = true
				if xmpHasGPS(c.data) {
					found[KindGPS] = true
				}
			}
		case c.typ == "tIME":
			found[KindTime] = true
		default:
			found[KindOther] = true
		}
	})
	if len(trailer) > 0 {
		found[KindTrailer] = true
	}
}
