// Package imagemeta strips metadata from images, so that a volunteer's
// screenshot or photo never carries where it was taken, on what device, or
// by whom. It handles JPEG, PNG and WebP, recognised by their content, not
// their name; anything else passes through unchanged. Stripping rewrites
// only the container: pixel data is copied byte for byte, so the image
// decodes exactly as before.
//
// What goes is decided by allow-lists: each format keeps what a decoder
// needs to show the same pixels in the same colours (ICC profiles included)
// and drops everything else, known metadata and unknown extras alike, as
// well as any bytes after the end of the image.
//
// Has lists the kinds of metadata found, for tests and for a check rule; by
// construction Has(Strip(x)) is empty.
package imagemeta

import (
	"bytes"
	"fmt"
	"slices"
)

// Kinds of metadata that Has reports.
const (
	KindEXIF      = "exif"      // an Exif block: camera, time, settings
	KindGPS       = "gps"       // a location, in Exif's GPS IFD or in XMP
	KindXMP       = "xmp"       // an XMP packet
	KindIPTC      = "iptc"      // IPTC or Photoshop resources (JPEG APP13)
	KindComment   = "comment"   // a JPEG comment segment
	KindText      = "text"      // PNG text chunks (tEXt, zTXt, iTXt)
	KindTime      = "time"      // PNG tIME, the last-modified time
	KindThumbnail = "thumbnail" // an embedded thumbnail (JFIF or JFXX)
	KindOther     = "other"     // any other segment or chunk Strip drops
	KindTrailer   = "trailer"   // bytes after the end of the image
)

// Error reports an image that could not be walked: damaged, truncated, or
// not what its signature claims. Strip never returns a partial image.
type Error struct {
	Name   string // the name given to Strip
	Format string // "jpeg", "png" or "webp"
	Offset int    // where the problem was found
	Msg    string
}

// Error prints the name, the format, the offset and what is wrong.
func (e *Error) Error() string {
	return fmt.Sprintf("%s: corrupt %s at byte %d: %s; re-save the image with an image editor", e.Name, e.Format, e.Offset, e.Msg)
}

type format int

const (
	formatUnknown format = iota
	formatJPEG
	formatPNG
	formatWebP
)

var pngSignature = []byte("\x89PNG\r\n\x1a\n")

// sniff recognises a format by its first bytes.
func sniff(data []byte) format {
	switch {
	case len(data) >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF:
		return formatJPEG
	case bytes.HasPrefix(data, pngSignature):
		return formatPNG
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return formatWebP
	}
	return formatUnknown
}

// Strip returns data without its metadata. name is used only in errors.
// JPEG, PNG and WebP are recognised by content; any other data is returned
// as it is, with no error. The output is never larger than the input, the
// same input always gives the same bytes, and stripping a stripped image
// changes nothing. A damaged image is an *Error, never a panic.
func Strip(name string, data []byte) ([]byte, error) {
	switch sniff(data) {
	case formatJPEG:
		return stripJPEG(name, data)
	case formatPNG:
		return stripPNG(name, data)
	case formatWebP:
		return stripWebP(name, data)
	}
	return data, nil
}

// Has returns the kinds of metadata in data (the Kind constants), sorted,
// or nil when there are none or the format is not one Strip handles. It
// reads as far as it can: a damaged image reports what comes before the
// damage.
func Has(data []byte) []string {
	found := map[string]bool{}
	switch sniff(data) {
	case formatJPEG:
		hasJPEG(data, found)
	case formatPNG:
		hasPNG(data, found)
	case formatWebP:
		hasWebP(data, found)
	}
	if len(found) == 0 {
		return nil
	}
	kinds := make([]string, 0, len(found))
	for k := range found {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	return kinds
}

// Byte order helpers that never read past the slice: the caller checks the
// length first.
func be16(b []byte) int { return int(b[0])<<8 | int(b[1]) }
func be32(b []byte) uint32 {
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}
func le32(b []byte) uint32 {
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}

// xmpHasGPS reports whether an XMP packet records a location.
func xmpHasGPS(packet []byte) bool {
	return bytes.Contains(packet, []byte("GPSLatitude")) || bytes.Contains(packet, []byte("GPSLongitude"))
}
