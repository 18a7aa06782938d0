package qr

import (
	"errors"
	"testing"
)

// FuzzEncode checks that no input panics, that an error means only "too
// long", and that a code's size, version and modules agree.
func FuzzEncode(f *testing.F) {
	f.Add("https://mehfooz.example/ur/رہنمائی/", uint8(1))
	f.Add("", uint8(0))
	f.Add("\x00\xff\xfe", uint8(3))
	f.Add(string(make([]byte, 2953)), uint8(0))
	f.Fuzz(func(t *testing.T, data string, lv uint8) {
		level := Level(lv % 4)
		c, err := Encode(data, level)
		if err != nil {
			if !errors.Is(err, ErrTooLong) || len(data) <= MaxBytes(level) {
				t.Fatalf("%d bytes at %v: %v", len(data), level, err)
			}
			return
		}
		v := c.Version()
		if v < 1 || v > 40 || c.Size() != 17+4*v || len(c.dark) != c.Size()*c.Size() {
			t.Fatalf("version %d, size %d, %d modules", v, c.Size(), len(c.dark))
		}
		if len(data) > byteCapacity(v, level) || (v > 1 && len(data) <= byteCapacity(v-1, level)) {
			t.Fatalf("%d bytes in version %d is not the smallest fit", len(data), v)
		}
		if c.Black(-1, 0) || c.Black(0, c.Size()) || !c.Black(0, 0) || c.Mask() < 0 || c.Mask() > 7 {
			t.Fatal("edges or mask wrong")
		}
		first, second := readFormat(c)
		if gl, gm, d := decodeFormat(first); first != second || d != 0 || gl != level || gm != c.Mask() {
			t.Fatalf("format info reads %v/%d (distance %d)", gl, gm, d)
		}
	})
}
