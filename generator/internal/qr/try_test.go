package qr

import (
	"image"
	"image/color"
	"image/png"
	"os"
	"testing"
)

func TestTryWrite(t *testing.T) {
	for i, s := range []string{"HELLO WORLD", "https://example.org/ur/رہنما/ثبوت/", string(make([]byte, 1000))} {
		c, err := Encode(s, Level(i%4))
		if err != nil {
			t.Fatal(err)
		}
		sc := 4
		n := (c.Size() + 8) * sc
		img := image.NewGray(image.Rect(0, 0, n, n))
		for y := 0; y < n; y++ {
			for x := 0; x < n; x++ {
				v := uint8(255)
				if c.Black(x/sc-4, y/sc-4) {
					v = 0
				}
				img.SetGray(x, y, color.Gray{v})
			}
		}
		f, _ := os.Create("/tmp/qrtry/" + string(rune('a'+i)) + ".png")
		png.Encode(f, img)
		f.Close()
		os.WriteFile("/tmp/qrtry/"+string(rune('a'+i))+".svg", c.SVG("t"), 0o644)
		t.Log(c.Version(), c.Mask())
	}
}
