package imagemeta

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"slices"
	"strings"
	"testing"
)

func decodePNG(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("image/png cannot decode: %v", err)
	}
	return img
}

// chunkTypes lists a PNG's chunk types in order.
func chunkTypes(t *testing.T, b []byte) []string {
	t.Helper()
	var types []string
	if _, werr := walkPNG(b, func(c pngChunk) { types = append(types, c.typ) }); werr != nil {
		t.Fatalf("walk: %v", werr.msg)
	}
	return types
}

func TestStripPNG(t *testing.T) {
	plain := encodePNG(t, testImage())
	rich := richPNG(t)

	want := []string{KindEXIF, KindGPS, KindOther, KindText, KindTime, KindTrailer, KindXMP}
	if got := Has(rich); !slices.Equal(got, want) {
		t.Fatalf("Has(before) = %v, want %v", got, want)
	}
	out, err := Strip("shot.png", rich)
	if err != nil {
		t.Fatal(err)
	}
	if got := Has(out); got != nil {
		t.Errorf("Has(after) = %v, want none", got)
	}
	samePixels(t, decodePNG(t, rich), decodePNG(t, out))

	if got, want := chunkTypes(t, out), []string{"IHDR", "sRGB", "gAMA", "iCCP", "pHYs", "IDAT", "IEND"}; !slices.Equal(got, want) {
		t.Errorf("chunks %v, want %v", got, want)
	}
	exact := withChunks(plain, [][]byte{pngSRGB, pngGAMA, pngICCP, pngPHYs}, nil)
	if !bytes.Equal(out, exact) {
		t.Error("kept chunks are not byte for byte the originals")
	}
	for _, secret := range []string{"Phone Maker", "GPSLatitude", "taken at home", "vendor", "trailing"} {
		if bytes.Contains(out, []byte(secret)) {
			t.Errorf("stripped file still contains %q", secret)
		}
	}
	if again, err := Strip("shot.png", out); err != nil || !bytes.Equal(again, out) {
		t.Errorf("stripping twice changed the file (err %v)", err)
	}
	if plainOut, _ := Strip("plain.png", plain); !bytes.Equal(plainOut, plain) {
		t.Error("a PNG without metadata must come back unchanged")
	}
}

// A paletted image with a transparent entry needs PLTE and tRNS; both stay.
func TestStripPNGKeepsPaletteAndTransparency(t *testing.T) {
	pal := color.Palette{color.NRGBA{0, 0, 0, 0}, color.NRGBA{200, 30, 30, 255}, color.NRGBA{30, 200, 30, 128}}
	img := image.NewPaletted(image.Rect(0, 0, 8, 8), pal)
	for i := range img.Pix {
		img.Pix[i] = uint8(i % 3)
	}
	in := withChunks(encodePNG(t, img), [][]byte{pngText}, nil)
	out, err := Strip("p.png", in)
	if err != nil {
		t.Fatal(err)
	}
	types := chunkTypes(t, out)
	if !slices.Contains(types, "PLTE") || !slices.Contains(types, "tRNS") || slices.Contains(types, "tEXt") {
		t.Errorf("chunks %v", types)
	}
	samePixels(t, decodePNG(t, in), decodePNG(t, out))
}

func TestStripPNGErrors(t *testing.T) {
	good := richPNG(t)
	badCRC := bytes.Clone(good)
	badCRC[8+8+5] ^= 1 // a byte of IHDR's data
	badType := bytes.Clone(good)
	badType[8+4] = '1'
	huge := slices.Concat(pngSignature, []byte{0x80, 0, 0, 0}, []byte("IHDR"))
	tests := []struct {
		name, msg string
		in        []byte
	}{
		{"bad_crc", "bad CRC", badCRC},
		{"chunk_type_not_letters", "not four letters", badType},
		{"length_over_2_31", "runs past the end", huge},
		{"signature_only", "before the IEND", pngSignature},
		{"no_iend", "before the IEND", encodePNG(t, testImage())[:8+25]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Strip("broken.png", tt.in)
			var e *Error
			if !errors.As(err, &e) || e.Format != "png" || !strings.Contains(e.Msg, tt.msg) {
				t.Errorf("err = %v, want a png *Error about %q", err, tt.msg)
			}
		})
	}
	eoi := len(good) - len("trailing bytes")
	for n := len(pngSignature); n < eoi; n++ {
		if _, err := Strip("cut.png", good[:n]); err == nil {
			t.Fatalf("prefix of %d bytes (IEND ends at %d): no error", n, eoi)
		}
	}
}
