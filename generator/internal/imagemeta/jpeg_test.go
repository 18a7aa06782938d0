package imagemeta

import (
	"bytes"
	"errors"
	"image"
	"image/jpeg"
	"slices"
	"testing"
)

func decodeJPEG(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := jpeg.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("image/jpeg cannot decode: %v", err)
	}
	return img
}

func samePixels(t *testing.T, a, b image.Image) {
	t.Helper()
	if a.Bounds() != b.Bounds() {
		t.Fatalf("bounds %v and %v", a.Bounds(), b.Bounds())
	}
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				t.Fatalf("pixel (%d,%d): %v, then %v", x, y, a.At(x, y), b.At(x, y))
			}
		}
	}
}

func TestStripJPEG(t *testing.T) {
	plain := plainJPEG(t)
	rich := richJPEG(t)

	want := []string{KindComment, KindEXIF, KindGPS, KindIPTC, KindOther, KindThumbnail, KindTrailer, KindXMP}
	if got := Has(rich); !slices.Equal(got, want) {
		t.Fatalf("Has(before) = %v, want %v", got, want)
	}
	if got := Has(plain); got != nil {
		t.Errorf("Has(image/jpeg output) = %v, want none", got)
	}

	out, err := Strip("shot.jpg", rich)
	if err != nil {
		t.Fatal(err)
	}
	if got := Has(out); got != nil {
		t.Errorf("Has(after) = %v, want none", got)
	}
	samePixels(t, decodeJPEG(t, rich), decodeJPEG(t, out))

	// Exactly: SOI, JFIF without thumbnail, ICC, Adobe, then image/jpeg's
	// segments and scan byte for byte, then EOI.
	jfif := segment(markerAPP0, []byte("JFIF\x00\x01\x02\x01\x00\x48\x00\x48\x00\x00"))
	exact := slices.Concat(plain[:2], jfif, appICC, appAdobe, plain[2:])
	if !bytes.Equal(out, exact) {
		t.Errorf("stripped file is not SOI+JFIF+ICC+Adobe+original segments:\n got % x\nwant % x", head(out), head(exact))
	}
	for _, secret := range []string{"Phone Maker", "GPSLatitude", "Lahore", "Mall Road", "vendor", "motion photo", "MPF"} {
		if bytes.Contains(out, []byte(secret)) {
			t.Errorf("stripped file still contains %q", secret)
		}
	}

	again, err := Strip("shot.jpg", out)
	if err != nil || !bytes.Equal(again, out) {
		t.Errorf("stripping twice changed the file (err %v)", err)
	}
	if same, _ := Strip("other.jpg", rich); !bytes.Equal(same, out) {
		t.Error("two strips of the same file differ")
	}
	if plainOut, _ := Strip("plain.jpg", plain); !bytes.Equal(plainOut, plain) {
		t.Error("a JPEG without metadata must come back unchanged")
	}
}

func head(b []byte) []byte { return b[:min(len(b), 64)] }

// Scan data with stuffed bytes, restart markers and fill bytes, in a
// synthetic file (not decodable, but walkable): only metadata changes.
func TestStripJPEGScanData(t *testing.T) {
	sof := segment(0xC0, []byte{8, 0, 1, 0, 1, 1, 1, 0x11, 0})
	dri := segment(0xDD, []byte{0, 1})
	sos := segment(markerSOS, []byte{1, 1, 0, 0, 0x3F, 0})
	scan1 := []byte{0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0xFF, 0xFF, 0xD1, 0x78, 0xFF, 0x00}
	scan2 := []byte{0x9A, 0xFF, 0xD7, 0xBC}
	in := slices.Concat(
		[]byte{0xFF, 0xD8}, appExif, sof, dri, sos, scan1,
		[]byte{0xFF, 0xFF, 0xFF}, comSegment[1:], // fill bytes, then COM
		sos, scan2, []byte{0xFF, 0xFF, 0xD9}, []byte("junk"))
	want := slices.Concat([]byte{0xFF, 0xD8}, sof, dri, sos, scan1, sos, scan2, []byte{0xFF, 0xD9})
	out, err := Strip("x.jpg", in)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, want) {
		t.Errorf("got  % x\nwant % x", out, want)
	}
	if got := Has(in); !slices.Equal(got, []string{KindComment, KindEXIF, KindGPS, KindTrailer}) {
		t.Errorf("Has = %v", got)
	}
}

func TestStripJPEGKeepsOnlyTheRightAppSegments(t *testing.T) {
	soi := []byte{0xFF, 0xD8}
	sos := segment(markerSOS, []byte{1, 1, 0, 0, 0x3F, 0})
	eoi := []byte{0xFF, 0xD9}
	tests := []struct {
		name string
		seg  []byte
		keep bool
	}{
		{"jfif_without_thumbnail", segment(markerAPP0, []byte("JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")), true},
		{"jfxx_thumbnail", segment(markerAPP0, []byte("JFXX\x00\x10thumb")), false},
		{"short_jfif", segment(markerAPP0, []byte("JFIF\x00\x01")), false},
		{"exif", appExif, false},
		{"xmp", appXMP, false},
		{"extended_xmp", segment(markerAPP1, xmpExtID, []byte("guid")), false},
		{"icc", appICC, true},
		{"mpf", appMPF, false},
		{"app3", segment(0xE3, []byte("x")), false},
		{"iptc", appIPTC, false},
		{"adobe", appAdobe, true},
		{"app14_not_adobe", segment(markerAPP14, []byte("Other")), false},
		{"app15", appOther, false},
		{"comment", comSegment, false},
		{"dqt_like_jpg_extension", segment(0xF0, []byte("jpeg-ls")), true},
		{"empty_comment", segment(markerCOM), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := slices.Concat(soi, tt.seg, sos, []byte{1, 2, 3}, eoi)
			out, err := Strip("x.jpg", in)
			if err != nil {
				t.Fatal(err)
			}
			if kept := bytes.Equal(out, in); kept != tt.keep {
				t.Errorf("kept = %v, want %v:\n% x", kept, tt.keep, out)
			}
			if !tt.keep && !bytes.Equal(out, slices.Concat(soi, sos, []byte{1, 2, 3}, eoi)) {
				t.Errorf("dropping changed more than the segment:\n% x", out)
			}
			if (Has(in) == nil) != tt.keep {
				t.Errorf("Has = %v, but keep = %v", Has(in), tt.keep)
			}
		})
	}
}

func TestStripJPEGErrors(t *testing.T) {
	soi := []byte{0xFF, 0xD8}
	tests := []struct {
		name, msg string
		in        []byte
	}{
		{"no_eoi", "truncated", slices.Concat(soi, appExif)},
		{"garbage_where_a_marker_belongs", "expected a marker", slices.Concat(soi, comSegment, []byte{0x12, 0x34})},
		{"stuffed_byte_outside_scan", "invalid marker FF 00", slices.Concat(soi, []byte{0xFF, 0x00})},
		{"second_soi", "invalid marker FF D8", slices.Concat(soi, soi)},
		{"length_below_two", "less than 2", slices.Concat(soi, []byte{0xFF, 0xE1, 0x00, 0x01})},
		{"segment_past_end", "runs past the end", slices.Concat(soi, []byte{0xFF, 0xE1, 0x10, 0x00, 1, 2})},
		{"no_length", "has no length", slices.Concat(soi, []byte{0xFF, 0xE1, 0x10})},
		{"only_fill_bytes", "inside a marker", slices.Concat(soi, []byte{0xFF, 0xFF, 0xFF})},
		{"scan_without_end", "scan data ends", slices.Concat(soi, segment(markerSOS, []byte{0}), []byte{1, 2, 0xFF, 0x00, 3})},
		{"scan_ending_in_ff", "scan data ends inside", slices.Concat(soi, segment(markerSOS, []byte{0}), []byte{1, 0xFF})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Strip("broken.jpg", tt.in)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want *Error", err)
			}
			if e.Name != "broken.jpg" || e.Format != "jpeg" || !bytes.Contains([]byte(e.Msg), []byte(tt.msg)) {
				t.Errorf("error %q, want one about %q", err, tt.msg)
			}
		})
	}
}

// Every prefix of a real file that stops before EOI is an error, never a
// panic or a silently shorter image.
func TestStripJPEGTruncated(t *testing.T) {
	rich := richJPEG(t)
	eoi := len(rich) - len(trailerBytes)
	for n := 3; n < len(rich); n++ {
		out, err := Strip("cut.jpg", rich[:n])
		if n < eoi && err == nil {
			t.Fatalf("prefix of %d bytes (EOI ends at %d): no error", n, eoi)
		}
		if n >= eoi && (err != nil || Has(out) != nil) {
			t.Fatalf("prefix of %d bytes, past EOI: err %v, Has %v", n, err, Has(out))
		}
	}
}
