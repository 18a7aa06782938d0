package imagemeta

import (
	"encoding/binary"
	"fmt"
)

// A WebP file is a RIFF container: "RIFF", a 4-byte little-endian size of
// what follows, "WEBP", then chunks (a FourCC, a 4-byte little-endian size,
// the data, and a pad byte when the size is odd). The extended format
// starts with a VP8X chunk whose first byte flags the chunks present.
//
// Strip keeps the image chunks (VP8, VP8L, ALPH, ANIM, ANMF), ICCP and VP8X;
// it drops EXIF, XMP and any unknown chunk, clears the Exif and XMP flags in
// VP8X, writes pad bytes as zero, recomputes the RIFF size, and drops
// anything after the RIFF data.
var webpKeep = map[string]bool{
	"VP8X": true, "VP8 ": true, "VP8L": true, "ALPH": true, "ANIM": true, "ANMF": true, "ICCP": true,
}

// VP8X flag bits in its first byte.
const (
	vp8xEXIF = 0x08
	vp8xXMP  = 0x04
)

// webpChunk is one top-level chunk, in file order.
type webpChunk struct {
	fourCC string
	data   []byte
	offset int
}

// walkWebP calls fn for each top-level chunk and returns what follows the
// RIFF data.
func walkWebP(data []byte, fn func(webpChunk)) (trailer []byte, werr *walkError) {
	size := uint64(le32(data[4:8]))
	if size < 4 || size%2 != 0 {
		return nil, &walkError{4, fmt.Sprintf("RIFF size %d is not an even number of at least 4", size)}
	}
	end := 8 + size
	if end > uint64(len(data)) {
		return nil, &walkError{4, fmt.Sprintf("RIFF size %d runs past the end of the file (truncated)", size)}
	}
	i := uint64(12)
	for i < end {
		if i+8 > end {
			return nil, &walkError{int(i), "chunk header runs past the RIFF data"}
		}
		fourCC := string(data[i : i+4])
		n := uint64(le32(data[i+4:]))
		next := i + 8 + n + n%2
		if next > end {
			return nil, &walkError{int(i), fmt.Sprintf("chunk %q of %d bytes runs past the RIFF data (truncated)", fourCC, n)}
		}
		fn(webpChunk{fourCC: fourCC, data: data[i+8 : i+8+n], offset: int(i)})
		i = next
	}
	return data[end:], nil
}

func stripWebP(name string, data []byte) ([]byte, error) {
	out := make([]byte, 12, len(data))
	copy(out, data[:12])
	var bad *walkError
	_, werr := walkWebP(data, func(c webpChunk) {
		if !webpKeep[c.fourCC] {
			return
		}
		if c.fourCC == "VP8X" && len(c.data) < 10 {
			if bad == nil {
				bad = &walkError{c.offset, fmt.Sprintf("VP8X chunk has %d bytes, want 10", len(c.data))}
			}
			return
		}
		start := len(out)
		out = append(out, c.fourCC...)
		out = binary.LittleEndian.AppendUint32(out, uint32(len(c.data)))
		out = append(out, c.data...)
		if len(c.data)%2 == 1 {
			out = append(out, 0)
		}
		if c.fourCC == "VP8X" {
			out[start+8] &^= vp8xEXIF | vp8xXMP
		}
	})
	if werr == nil {
		werr = bad
	}
	if werr != nil {
		return nil, &Error{Name: name, Format: "webp", Offset: werr.offset, Msg: werr.msg}
	}
	binary.LittleEndian.PutUint32(out[4:8], uint32(len(out)-8))
	return out, nil
}

func hasWebP(data []byte, found map[string]bool) {
	trailer, _ := walkWebP(data, func(c webpChunk) {
		switch {
		case webpKeep[c.fourCC]:
		case c.fourCC == "EXIF":
			found[KindEXIF] = true
			tiff := c.data
			if len(tiff) >= 6 && string(tiff[:6]) == "Exif\x00\x00" {
				tiff = tiff[6:] // some writers keep JPEG's prefix
			}
			if exifHasGPS(tiff) {
				found[KindGPS] = true
			}
		case c.fourCC == "XMP ":
			found[KindXMP] = true
			if xmpHasGPS(c.data) {
				found[KindGPS] = true
			}
		default:
			found[KindOther] = true
		}
	})
	if len(trailer) > 0 {
		found[KindTrailer] = true
	}
}
