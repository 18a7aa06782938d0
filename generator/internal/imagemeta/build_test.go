package imagemeta

// Builders for the test images: Exif/TIFF blocks, JPEG segments, PNG chunks
// and WebP RIFF files, written by hand so each test shows what it feeds in.

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
)

// TIFF field types.
const (
	tiffByte     = 1
	tiffASCII    = 2
	tiffShort    = 3
	tiffLong     = 4
	tiffRational = 5
)

// byteOrder is binary.LittleEndian or binary.BigEndian.
type byteOrder interface {
	binary.ByteOrder
	binary.AppendByteOrder
}

type tiffEntry struct {
	tag, typ uint16
	count    uint32
	value    []byte // encoded in the file's byte order
}

func tiffASCIIEntry(tag uint16, s string) tiffEntry {
	return tiffEntry{tag, tiffASCII, uint32(len(s) + 1), append([]byte(s), 0)}
}

func tiffShortEntry(o byteOrder, tag, v uint16) tiffEntry {
	return tiffEntry{tag, tiffShort, 1, o.AppendUint16(nil, v)}
}

// tiffRationals encodes degrees, minutes, seconds as three rationals.
func tiffRationals(o byteOrder, tag uint16, nums ...uint32) tiffEntry {
	var b []byte
	for i := 0; i+1 < len(nums); i += 2 {
		b = o.AppendUint32(b, nums[i])
		b = o.AppendUint32(b, nums[i+1])
	}
	return tiffEntry{tag, tiffRational, uint32(len(nums) / 2), b}
}

// layoutIFD writes an IFD that will sit at offset start, followed by the
// values too long to fit in their entries.
func layoutIFD(o byteOrder, entries []tiffEntry, start int) []byte {
	head := 2 + 12*len(entries) + 4
	var ifd, extra []byte
	ifd = o.AppendUint16(ifd, uint16(len(entries)))
	for _, e := range entries {
		ifd = o.AppendUint16(ifd, e.tag)
		ifd = o.AppendUint16(ifd, e.typ)
		ifd = o.AppendUint32(ifd, e.count)
		if len(e.value) <= 4 {
			v := make([]byte, 4)
			copy(v, e.value)
			ifd = append(ifd, v...)
			continue
		}
		ifd = o.AppendUint32(ifd, uint32(start+head+len(extra)))
		extra = append(extra, e.value...)
		if len(extra)%2 == 1 {
			extra = append(extra, 0) // values start on word boundaries
		}
	}
	ifd = o.AppendUint32(ifd, 0) // no next IFD
	return append(ifd, extra...)
}

// buildTIFF makes an Exif block: IFD0 with a camera make and orientation
// and, when gps is set, a GPS IFD giving a latitude and longitude.
func buildTIFF(o byteOrder, gps bool) []byte {
	header := []byte("II*\x00")
	if o == byteOrder(binary.BigEndian) {
		header = []byte("MM\x00*")
	}
	header = o.AppendUint32(header, 8)
	ifd0 := []tiffEntry{
		tiffASCIIEntry(0x010F, "Phone Maker"),
		tiffShortEntry(o, 0x0112, 6), // orientation: rotate 90°
	}
	if !gps {
		return append(header, layoutIFD(o, ifd0, 8)...)
	}
	ifd0 = append(ifd0, tiffEntry{tagGPSInfo, tiffLong, 1, nil})
	size0 := len(layoutIFD(o, ifd0, 8))
	gpsStart := 8 + size0
	ifd0[len(ifd0)-1].value = o.AppendUint32(nil, uint32(gpsStart))
	gpsIFD := []tiffEntry{
		{0x0000, tiffByte, 4, []byte{2, 3, 0, 0}}, // GPSVersionID
		tiffASCIIEntry(0x0001, "N"),               // GPSLatitudeRef
		tiffRationals(o, 0x0002, 31, 1, 30, 1, 155, 10),
		tiffASCIIEntry(0x0003, "E"), // GPSLongitudeRef
		tiffRationals(o, 0x0004, 74, 1, 20, 1, 3021, 100),
	}
	out := append(header, layoutIFD(o, ifd0, 8)...)
	return append(out, layoutIFD(o, gpsIFD, gpsStart)...)
}

const xmpPacket = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="31,30.25N" exif:GPSLongitude="74,20.5E"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`

// segment makes a JPEG marker segment.
func segment(marker byte, payload ...[]byte) []byte {
	body := bytes.Join(payload, nil)
	out := []byte{0xFF, marker}
	out = binary.BigEndian.AppendUint16(out, uint16(len(body)+2))
	return append(out, body...)
}

func testImage() image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, 40, 24))
	for y := range 24 {
		for x := range 40 {
			img.SetNRGBA(x, y, color.NRGBA{uint8(x * 6), uint8(y * 10), uint8((x + y) * 4), 0xFF})
		}
	}
	return img
}

// plainJPEG is what image/jpeg writes: SOI, DQT, SOF0, DHT, SOS, data, EOI.
func plainJPEG(t testing.TB) []byte {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, testImage(), &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The segments a phone or editor might add, and the ones that must stay.
var (
	appJFIFThumb = segment(markerAPP0, []byte("JFIF\x00\x01\x02\x01\x00\x48\x00\x48\x02\x01"), []byte{255, 0, 0, 0, 255, 0})
	appExif      = segment(markerAPP1, []byte("Exif\x00\x00"), buildTIFF(binary.BigEndian, true))
	appXMP       = segment(markerAPP1, xmpID, []byte(xmpPacket))
	appICC       = segment(markerAPP2, iccID, []byte{1, 1}, []byte("fake profile bytes"))
	appMPF       = segment(markerAPP2, []byte("MPF\x00"), []byte("MM\x00*\x00\x00\x00\x08"))
	appIPTC      = segment(markerAPP13, []byte("Photoshop 3.0\x00"), []byte("8BIM\x04\x04\x00\x00\x00\x00\x00\x0c\x1c\x02\x5a\x00\x06Lahore"))
	appAdobe     = segment(markerAPP14, []byte("Adobe\x00\x64\x00\x00\x00\x00\x01"))
	appOther     = segment(0xEF, []byte("vendor maker notes"))
	comSegment   = segment(markerCOM, []byte("taken at home, 12 Mall Road"))
	trailerBytes = []byte("\x00\x00\x00\x18ftypmp42 motion photo video")
)

// richJPEG is plainJPEG with metadata of every kind added, fill bytes before
// a marker, a comment between the scan and EOI, and a trailer.
func richJPEG(t testing.TB) []byte {
	plain := plainJPEG(t)
	var b []byte
	b = append(b, plain[:2]...)
	for _, s := range [][]byte{appJFIFThumb, appExif, appXMP, appICC, appMPF, appIPTC, appAdobe, appOther, comSegment} {
		b = append(b, s...)
	}
	b = append(b, 0xFF, 0xFF) // fill bytes before DQT
	b = append(b, plain[2:len(plain)-2]...)
	b = append(b, comSegment...)
	b = append(b, 0xFF, 0xD9)
	return append(b, trailerBytes...)
}

// chunk makes a PNG chunk with its CRC.
func chunk(typ string, data ...[]byte) []byte {
	body := append([]byte(typ), bytes.Join(data, nil)...)
	out := binary.BigEndian.AppendUint32(nil, uint32(len(body)-4))
	out = append(out, body...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(body))
}

func encodePNG(t testing.TB, img image.Image) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// withChunks inserts chunks after IHDR and appends a trailer after IEND.
func withChunks(p []byte, after [][]byte, trailer []byte) []byte {
	ihdrEnd := 8 + 25
	var b []byte
	b = append(b, p[:ihdrEnd]...)
	for _, c := range after {
		b = append(b, c...)
	}
	b = append(b, p[ihdrEnd:]...)
	return append(b, trailer...)
}

var (
	pngExif  = chunk("eXIf", buildTIFF(binary.LittleEndian, true))
	pngText  = chunk("tEXt", []byte("Comment\x00taken at home"))
	pngZText = chunk("zTXt", []byte("Author\x00\x00"), []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})
	pngXMP   = chunk("iTXt", []byte("XML:com.adobe.xmp\x00\x00\x00\x00\x00"), []byte(xmpPacket))
	pngTime  = chunk("tIME", []byte{0x07, 0xEA, 6, 1, 12, 30, 0})
	pngPriv  = chunk("prVt", []byte("vendor data"))
	pngPHYs  = chunk("pHYs", []byte{0, 0, 0x0B, 0x13, 0, 0, 0x0B, 0x13, 1})
	pngSRGB  = chunk("sRGB", []byte{0})
	pngGAMA  = chunk("gAMA", []byte{0, 0, 0xB1, 0x8F})
	pngICCP  = chunk("iCCP", []byte("profile\x00\x00"), []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})
)

func richPNG(t testing.TB) []byte {
	return withChunks(encodePNG(t, testImage()),
		[][]byte{pngExif, pngSRGB, pngGAMA, pngICCP, pngText, pngZText, pngXMP, pngTime, pngPriv, pngPHYs},
		[]byte("trailing bytes"))
}

// riffChunk makes a WebP chunk, padded with pad when its size is odd.
func riffChunk(fourCC string, pad byte, data ...[]byte) []byte {
	body := bytes.Join(data, nil)
	out := append([]byte(fourCC), binary.LittleEndian.AppendUint32(nil, uint32(len(body)))...)
	out = append(out, body...)
	if len(body)%2 == 1 {
		out = append(out, pad)
	}
	return out
}

func riff(chunks ...[]byte) []byte {
	body := append([]byte("WEBP"), bytes.Join(chunks, nil)...)
	out := append([]byte("RIFF"), binary.LittleEndian.AppendUint32(nil, uint32(len(body)))...)
	return append(out, body...)
}

// A VP8L bitstream for a 1×1 image: signature 0x2F, then 14 bits of
// width−1, 14 of height−1, an alpha bit and a 3-bit version, all zero, then
// stand-in image data. Only the container matters here.
var vp8lPayload = []byte{0x2F, 0x00, 0x00, 0x00, 0x00, 0x88, 0x88, 0x08}

func richWebP() []byte {
	vp8x := []byte{0x20 | vp8xEXIF | vp8xXMP | 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0} // ICC, alpha, Exif, XMP; 1×1
	return append(riff(
		riffChunk("VP8X", 0, vp8x),
		riffChunk("ICCP", 0xAA, []byte("odd-sized ICC")),
		riffChunk("VP8L", 0, vp8lPayload),
		riffChunk("EXIF", 0, buildTIFF(binary.LittleEndian, true)),
		riffChunk("XMP ", 0x55, []byte(xmpPacket+" ")),
		riffChunk("ZZZZ", 0, []byte("unknown")),
	), trailerBytes...)
}
