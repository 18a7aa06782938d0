package imagemeta

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// Strip goes by content: a JPEG named .png is stripped as a JPEG, and
// anything it does not recognise comes back as it was.
func TestStripSniffsContent(t *testing.T) {
	rich := richJPEG(t)
	byName, err := Strip("misnamed.png", rich)
	if err != nil || Has(byName) != nil {
		t.Fatalf("a JPEG named .png: err %v, Has %v", err, Has(byName))
	}
	for _, tt := range []struct{ name, data string }{
		{"gif", "GIF89a\x01\x00\x01\x00 comment"},
		{"svg", `<svg xmlns="http://www.w3.org/2000/svg"/>`},
		{"empty", ""},
		{"just_soi", "\xff\xd8"},
		{"riff_but_wave", "RIFF\x04\x00\x00\x00WAVE"},
		{"png_signature_cut", "\x89PNG\r\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, err := Strip("photo.jpg", []byte(tt.data))
			if err != nil || !bytes.Equal(out, []byte(tt.data)) {
				t.Errorf("Strip = %q, %v; want the input unchanged", out, err)
			}
			if got := Has([]byte(tt.data)); got != nil {
				t.Errorf("Has = %v", got)
			}
		})
	}
}

func TestErrorMessage(t *testing.T) {
	_, err := Strip("content/ur/shot.jpg", []byte("\xff\xd8\xff\xe1\x00\x10abc"))
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v", err)
	}
	msg := err.Error()
	for _, want := range []string{"content/ur/shot.jpg", "jpeg", "byte 2", "truncated", "re-save"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
}

// Output is never larger than input, is deterministic, and is stable.
func TestStripProperties(t *testing.T) {
	for name, in := range map[string][]byte{
		"jpeg": richJPEG(t), "png": richPNG(t), "webp": richWebP(),
		"plain_jpeg": plainJPEG(t), "plain_png": encodePNG(t, testImage()),
	} {
		t.Run(name, func(t *testing.T) {
			checkStripProperties(t, in)
		})
	}
}

// checkStripProperties is shared with the fuzz targets.
func checkStripProperties(t *testing.T, in []byte) {
	t.Helper()
	orig := bytes.Clone(in)
	out, err := Strip("f", in)
	if !bytes.Equal(in, orig) {
		t.Fatal("Strip modified its input")
	}
	if err != nil {
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("error of type %T: %v", err, err)
		}
		return
	}
	if len(out) > len(in) {
		t.Fatalf("output %d bytes, input %d", len(out), len(in))
	}
	if sniff(in) != formatUnknown {
		if got := Has(out); got != nil {
			t.Fatalf("Has(Strip(x)) = %v", got)
		}
	}
	again, err := Strip("f", out)
	if err != nil {
		t.Fatalf("stripping the output failed: %v", err)
	}
	if !bytes.Equal(again, out) {
		t.Fatal("Strip(Strip(x)) != Strip(x)")
	}
	if twice, _ := Strip("f", in); !bytes.Equal(twice, out) {
		t.Fatal("two strips of one input differ")
	}
}
