package imagemeta

import (
	"encoding/binary"
	"testing"
)

func TestExifHasGPS(t *testing.T) {
	tests := []struct {
		name string
		tiff []byte
		want bool
	}{
		{"big_endian_with_gps", buildTIFF(binary.BigEndian, true), true},
		{"little_endian_with_gps", buildTIFF(binary.LittleEndian, true), true},
		{"big_endian_without_gps", buildTIFF(binary.BigEndian, false), false},
		{"little_endian_without_gps", buildTIFF(binary.LittleEndian, false), false},
		{"empty", nil, false},
		{"bad_byte_order", []byte("XX*\x00\x08\x00\x00\x00"), false},
		{"bad_magic", []byte("II+\x00\x08\x00\x00\x00"), false},
		{"ifd_offset_past_end", []byte("II*\x00\xff\xff\xff\xff"), false},
		{"entry_count_past_end", []byte("II*\x00\x08\x00\x00\x00\xff\xff"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := exifHasGPS(tt.tiff); got != tt.want {
				t.Errorf("exifHasGPS = %v, want %v", got, tt.want)
			}
		})
	}
	// Every truncation of a GPS block reads without panicking.
	full := buildTIFF(binary.LittleEndian, true)
	for n := range full {
		exifHasGPS(full[:n])
	}
}

// The hand-built block is laid out as TIFF says: IFD0 at 8, the GPS
// pointer leading to an IFD of five entries whose latitude reads back.
func TestBuildTIFFLayout(t *testing.T) {
	b := buildTIFF(binary.BigEndian, true)
	o := binary.BigEndian
	ifd0 := int(o.Uint32(b[4:]))
	n := int(o.Uint16(b[ifd0:]))
	var gps int
	for i := range n {
		e := b[ifd0+2+12*i:]
		if o.Uint16(e) == tagGPSInfo {
			gps = int(o.Uint32(e[8:]))
		}
	}
	if gps == 0 || int(o.Uint16(b[gps:])) != 5 {
		t.Fatalf("GPS IFD at %d not found or wrong size", gps)
	}
	lat := b[gps+2+12*2:] // third entry: GPSLatitude
	if o.Uint16(lat) != 0x0002 || o.Uint16(lat[2:]) != tiffRational || o.Uint32(lat[4:]) != 3 {
		t.Fatalf("third GPS entry is not GPSLatitude")
	}
	v := b[o.Uint32(lat[8:]):]
	if o.Uint32(v) != 31 || o.Uint32(v[4:]) != 1 || o.Uint32(v[16:]) != 155 || o.Uint32(v[20:]) != 10 {
		t.Errorf("latitude reads % x", v[:24])
	}
}
