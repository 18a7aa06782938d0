package imagemeta

import "encoding/binary"

// Exif data is a TIFF structure: a byte-order mark ("II" little-endian or
// "MM" big-endian), the number 42, and the offset of the first IFD. An IFD
// is a 2-byte entry count, then 12-byte entries (tag, type, count, value or
// offset). Tag 0x8825 in IFD0 points to the GPS IFD.
const tagGPSInfo = 0x8825

// exifHasGPS reports whether a TIFF/Exif block has a GPS IFD pointer in
// IFD0. A pointer whose IFD cannot be read still counts: better to report a
// location that is not there than to miss one.
func exifHasGPS(tiff []byte) bool {
	if len(tiff) < 8 {
		return false
	}
	var order binary.ByteOrder
	switch string(tiff[:2]) {
	case "II":
		order = binary.LittleEndian
	case "MM":
		order = binary.BigEndian
	default:
		return false
	}
	if order.Uint16(tiff[2:4]) != 42 {
		return false
	}
	ifd := uint64(order.Uint32(tiff[4:8]))
	if ifd+2 > uint64(len(tiff)) {
		return false
	}
	n := uint64(order.Uint16(tiff[ifd:]))
	for i := range n {
		e := ifd + 2 + 12*i
		if e+12 > uint64(len(tiff)) {
			return false
		}
		if order.Uint16(tiff[e:]) == tagGPSInfo && order.Uint32(tiff[e+8:]) != 0 {
			return true
		}
	}
	return false
}
