package imagemeta

import "testing"

// The fuzz targets feed each walker garbage built from a real file: no
// panic, only *Error failures, output never larger than input, nothing left
// for Has, and Strip(Strip(x)) == Strip(x).

func FuzzStripJPEG(f *testing.F) {
	f.Add(richJPEG(f))
	f.Add(plainJPEG(f))
	f.Add([]byte("\xff\xd8\xff\xda\x00\x02\x12\xff\x00\xff\xd0\xff\xff\xd9"))
	f.Fuzz(func(t *testing.T, data []byte) { checkStripProperties(t, data) })
}

func FuzzStripPNG(f *testing.F) {
	f.Add(richPNG(f))
	f.Add(encodePNG(f, testImage()))
	f.Fuzz(func(t *testing.T, data []byte) { checkStripProperties(t, data) })
}

func FuzzStripWebP(f *testing.F) {
	f.Add(richWebP())
	f.Add(riff(riffChunk("VP8X", 0, make([]byte, 10)), riffChunk("EXIF", 1, []byte("x"))))
	f.Fuzz(func(t *testing.T, data []byte) { checkStripProperties(t, data) })
}
