package imagemeta

import (
	"bytes"
	"fmt"
)

// A JPEG file is SOI (FF D8), then marker segments (FF, a marker byte, a
// 2-byte big-endian length that counts itself, the payload), until EOI
// (FF D9). Any marker may be preceded by fill bytes (extra FFs). After each
// SOS segment comes entropy-coded data, in which a data byte FF is followed
// by a stuffed 00, and restart markers FF D0–D7 may appear; the first other
// marker ends it.
//
// Strip keeps:
//   - APP0 JFIF, rewritten without its thumbnail (a thumbnail can show what
//     a crop removed);
//   - APP2 ICC_PROFILE, so colours stay right;
//   - APP14 Adobe, which says how the colour components are stored (RGB,
//     YCbCr, CMYK or YCCK); without it decoders can get colours wrong. It
//     holds only a version, flags and that transform code;
//   - every non-APP segment (DQT, DHT, SOFn, DRI, SOS, …) and the
//     entropy-coded data, byte for byte.
//
// It drops APP1 (Exif, XMP), APP13 (IPTC, Photoshop), other APP2 (MPF,
// FlashPix), the rest of APP3–APP15, COM, fill bytes between segments, and
// anything after EOI (phones append videos and extra images there).
//
// The Exif orientation tag goes with Exif: a photo that relied on it to be
// shown upright will show as the sensor stored it. Screenshots and most
// edited images are stored upright already; rotate the pixels before
// publishing otherwise.
const (
	markerSOI   = 0xD8
	markerEOI   = 0xD9
	markerSOS   = 0xDA
	markerAPP0  = 0xE0
	markerAPP1  = 0xE1
	markerAPP2  = 0xE2
	markerAPP13 = 0xED
	markerAPP14 = 0xEE
	markerCOM   = 0xFE
)

var (
	jfifID   = []byte("JFIF\x00")
	jfxxID   = []byte("JFXX\x00")
	exifID   = []byte("Exif\x00")
	xmpID    = []byte("http://ns.adobe.com/xap/1.0/\x00")
	xmpExtID = []byte("http://ns.adobe.com/xmp/extension/\x00")
	iccID    = []byte("ICC_PROFILE\x00")
	adobeID  = []byte("Adobe")
)

// jfifMinSize is the size of a JFIF APP0 payload without a thumbnail:
// "JFIF\0", version, units, two densities, and the thumbnail's size.
const jfifMinSize = 14

// jpegPart is one piece of a JPEG file, in file order.
type jpegPart struct {
	marker  byte   // the segment or standalone marker; 0 for entropy-coded data
	raw     []byte // the piece as in the file, fill bytes excluded
	payload []byte // a segment's contents after its length field
	offset  int
}

// walkError is where and why a walk stopped.
type walkError struct {
	offset int
	msg    string
}

// walkJPEG calls fn for each piece of data, which starts with SOI, and
// returns what follows EOI. It stops at the first problem.
func walkJPEG(data []byte, fn func(jpegPart)) (trailer []byte, werr *walkError) {
	fn(jpegPart{marker: markerSOI, raw: data[:2]})
	i := 2
	for {
		if i >= len(data) {
			return nil, &walkError{i, "the file ends before the end-of-image marker (truncated)"}
		}
		if data[i] != 0xFF {
			return nil, &walkError{i, fmt.Sprintf("expected a marker, found byte 0x%02X", data[i])}
		}
		start := i
		for i < len(data) && data[i] == 0xFF {
			i++
		}
		if i >= len(data) {
			return nil, &walkError{i, "the file ends inside a marker (truncated)"}
		}
		m := data[i]
		i++
		switch {
		case m == markerEOI:
			fn(jpegPart{marker: m, raw: data[i-2 : i], offset: start})
			return data[i:], nil
		case m == 0x00 || m == markerSOI:
			return nil, &walkError{i - 2, fmt.Sprintf("invalid marker FF %02X", m)}
		case m == 0x01 || m >= 0xD0 && m <= 0xD7:
			// TEM and RSTn stand alone, with no length.
			fn(jpegPart{marker: m, raw: data[i-2 : i], offset: i - 2})
			continue
		}
		if i+2 > len(data) {
			return nil, &walkError{i - 2, fmt.Sprintf("segment FF %02X has no length (truncated)", m)}
		}
		n := be16(data[i:])
		if n < 2 {
			return nil, &walkError{i, fmt.Sprintf("segment FF %02X has length %d, less than 2", m, n)}
		}
		if i+n > len(data) {
			return nil, &walkError{i - 2, fmt.Sprintf("segment FF %02X of %d bytes runs past the end of the file (truncated)", m, n)}
		}
		fn(jpegPart{marker: m, raw: data[i-2 : i+n], payload: data[i+2 : i+n], offset: i - 2})
		i += n
		if m != markerSOS {
			continue
		}
		// Entropy-coded data runs to the first marker that is neither a
		// stuffed 00 nor a restart marker; fill bytes before that marker
		// are not part of it.
		j := i
		for {
			k := bytes.IndexByte(data[j:], 0xFF)
			if k < 0 {
				return nil, &walkError{len(data), "scan data ends without a marker (truncated)"}
			}
			k += j
			p := k + 1
			for p < len(data) && data[p] == 0xFF {
				p++
			}
			if p >= len(data) {
				return nil, &walkError{len(data), "scan data ends inside a marker (truncated)"}
			}
			if b := data[p]; b == 0x00 || b >= 0xD0 && b <= 0xD7 {
				j = p + 1
				continue
			}
			if k > i {
				fn(jpegPart{raw: data[i:k], offset: i})
			}
			i = k
			break
		}
	}
}

// keepJPEG returns what to write for a part, or nil to drop it.
func keepJPEG(p jpegPart) []byte {
	switch {
	case p.marker == markerAPP0:
		if bytes.HasPrefix(p.payload, jfifID) && len(p.payload) >= jfifMinSize {
			// Keep version, units and densities; zero the thumbnail size
			// and leave its pixels out.
			seg := []byte{0xFF, markerAPP0, 0, byte(2 + jfifMinSize)}
			seg = append(seg, p.payload[:jfifMinSize-2]...)
			return append(seg, 0, 0)
		}
		return nil
	case p.marker == markerAPP2:
		if bytes.HasPrefix(p.payload, iccID) {
			return p.raw
		}
		return nil
	case p.marker == markerAPP14:
		if bytes.HasPrefix(p.payload, adobeID) {
			return p.raw
		}
		return nil
	case p.marker >= markerAPP0 && p.marker <= 0xEF, p.marker == markerCOM:
		return nil
	}
	return p.raw
}

func stripJPEG(name string, data []byte) ([]byte, error) {
	out := make([]byte, 0, len(data))
	_, werr := walkJPEG(data, func(p jpegPart) {
		out = append(out, keepJPEG(p)...)
	})
	if werr != nil {
		return nil, &Error{Name: name, Format: "jpeg", Offset: werr.offset, Msg: werr.msg}
	}
	return out, nil
}

func hasJPEG(data []byte, found map[string]bool) {
	trailer, _ := walkJPEG(data, func(p jpegPart) {
		switch {
		case p.marker == markerAPP0:
			switch {
			case bytes.HasPrefix(p.payload, jfifID) && len(p.payload) >= jfifMinSize:
				if p.payload[12] != 0 || p.payload[13] != 0 || len(p.payload) > jfifMinSize {
					found[KindThumbnail] = true
				}
			case bytes.HasPrefix(p.payload, jfxxID):
				found[KindThumbnail] = true
			default:
				found[KindOther] = true
			}
		case p.marker == markerAPP1:
			switch {
			case bytes.HasPrefix(p.payload, exifID):
				found[KindEXIF] = true
				if len(p.payload) > 6 && exifHasGPS(p.payload[6:]) {
					found[KindGPS] = true
				}
			case bytes.HasPrefix(p.payload, xmpID), bytes.HasPrefix(p.payload, xmpExtID):
				found[KindXMP] = true
				if xmpHasGPS(p.payload) {
					found[KindGPS] = true
				}
			default:
				found[KindOther] = true
			}
		case p.marker == markerAPP13:
			found[KindIPTC] = true
		case p.marker == markerCOM:
			found[KindComment] = true
		case p.marker >= markerAPP0 && p.marker <= 0xEF:
			if keepJPEG(p) == nil {
				found[KindOther] = true
			}
		}
	})
	if len(trailer) > 0 {
		found[KindTrailer] = true
	}
}
