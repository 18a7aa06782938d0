package imagemeta

import (
	"bytes"
	"encoding/binary"
	"errors"
	"slices"
	"strings"
	"testing"
)

func fourCCs(t *testing.T, b []byte) []string {
	t.Helper()
	var ids []string
	if _, werr := walkWebP(b, func(c webpChunk) { ids = append(ids, c.fourCC) }); werr != nil {
		t.Fatalf("walk: %v", werr.msg)
	}
	return ids
}

func TestStripWebP(t *testing.T) {
	rich := richWebP()
	want := []string{KindEXIF, KindGPS, KindOther, KindTrailer, KindXMP}
	if got := Has(rich); !slices.Equal(got, want) {
		t.Fatalf("Has(before) = %v, want %v", got, want)
	}
	out, err := Strip("shot.webp", rich)
	if err != nil {
		t.Fatal(err)
	}
	if got := Has(out); got != nil {
		t.Errorf("Has(after) = %v, want none", got)
	}
	if got := fourCCs(t, out); !slices.Equal(got, []string{"VP8X", "ICCP", "VP8L"}) {
		t.Errorf("chunks %v", got)
	}
	if size := binary.LittleEndian.Uint32(out[4:]); int(size) != len(out)-8 {
		t.Errorf("RIFF size %d, file %d bytes", size, len(out))
	}
	if flags := out[12+8]; flags != 0x30 {
		t.Errorf("VP8X flags %#02x, want 0x30 (ICC and alpha only)", flags)
	}
	want2 := riff(
		riffChunk("VP8X", 0, []byte{0x30, 0, 0, 0, 0, 0, 0, 0, 0, 0}),
		riffChunk("ICCP", 0, []byte("odd-sized ICC")), // pad byte now zero
		riffChunk("VP8L", 0, vp8lPayload),
	)
	if !bytes.Equal(out, want2) {
		t.Errorf("got  % x\nwant % x", out, want2)
	}
	if again, err := Strip("shot.webp", out); err != nil || !bytes.Equal(again, out) {
		t.Errorf("stripping twice changed the file (err %v)", err)
	}
}

// A simple (lossy, no VP8X) file with a stray EXIF chunk loses the chunk.
func TestStripWebPSimpleFormat(t *testing.T) {
	vp8 := riffChunk("VP8 ", 0, []byte{0x30, 0x01, 0x00, 0x9d, 0x01, 0x2a, 1, 0, 1, 0})
	in := riff(vp8, riffChunk("EXIF", 0, []byte("Exif\x00\x00"), buildTIFF(binary.BigEndian, true)))
	if got := Has(in); !slices.Equal(got, []string{KindEXIF, KindGPS}) {
		t.Errorf("Has = %v (the Exif\\0\\0 prefix some writers add must not hide GPS)", got)
	}
	out, err := Strip("s.webp", in)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, riff(vp8)) {
		t.Errorf("got % x", out)
	}
}

func TestStripWebPErrors(t *testing.T) {
	good := richWebP()
	odd := bytes.Clone(good)
	binary.LittleEndian.PutUint32(odd[4:], 13)
	long := bytes.Clone(good)
	binary.LittleEndian.PutUint32(long[4:], uint32(len(good)+len(good)%2))
	chunkPast := riff(riffChunk("VP8L", 0, vp8lPayload))
	binary.LittleEndian.PutUint32(chunkPast[16:], 1000)
	tests := []struct {
		name, msg string
		in        []byte
	}{
		{"odd_riff_size", "not an even number", odd},
		{"riff_size_past_end", "runs past the end of the file", long},
		{"chunk_past_riff_end", "runs past the RIFF data", chunkPast},
		{"half_a_chunk_header", "chunk header", slices.Concat([]byte("RIFF\x08\x00\x00\x00WEBPVP8L"))},
		{"short_vp8x", "VP8X chunk has 2 bytes", riff(riffChunk("VP8X", 0, []byte{0, 0}))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Strip("broken.webp", tt.in)
			var e *Error
			if !errors.As(err, &e) || e.Format != "webp" || !strings.Contains(e.Msg, tt.msg) {
				t.Errorf("err = %v, want a webp *Error about %q", err, tt.msg)
			}
		})
	}
	end := len(good) - len(trailerBytes)
	for n := 12; n < end; n++ {
		if _, err := Strip("cut.webp", good[:n]); err == nil {
			t.Fatalf("prefix of %d bytes (RIFF ends at %d): no error", n, end)
		}
	}
}
