package offline

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
)

// Entries are deflated ahead and added raw; they must read back exactly
// like entries the zip writer compressed itself: same time, mode, flags,
// extra fields and bytes.
func TestRawEntriesReadLikeWrittenOnes(t *testing.T) {
	files := map[string][]byte{
		"en/guides/evidence/index.html": []byte(strings.Repeat("<p>Save the evidence first.</p>", 50)),
		"ur/رہنما/index.html":           []byte(strings.Repeat("<p>ثبوت محفوظ کریں۔</p>", 50)),
		"img/a.png":                     {0x89, 'P', 'N', 'G', 1, 2, 3},
		"empty.html":                    {},
	}
	var names []string
	for n := range files {
		names = append(names, n)
	}
	// The reference: the zip writer compressing each entry itself.
	var plainBuf, rawBuf bytes.Buffer
	plain, raw := zip.NewWriter(&plainBuf), newZipStream(&rawBuf)
	for _, n := range names {
		w, err := plain.CreateHeader(header(n))
		if err != nil {
			t.Fatal(err)
		}
		w.Write(files[n])
		if err := raw.add(n, files[n]); err != nil {
			t.Fatal(err)
		}
	}
	read := func(z *zip.Writer, buf *bytes.Buffer) []*zip.File {
		if err := z.Close(); err != nil {
			t.Fatal(err)
		}
		r, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil {
			t.Fatal(err)
		}
		return r.File
	}
	a, b := read(plain, &plainBuf), read(raw.zw, &rawBuf)
	for i := range a {
		x, y := a[i].FileHeader, b[i].FileHeader
		if x.Name != y.Name || x.Method != y.Method || !x.Modified.Equal(y.Modified) || x.Mode() != y.Mode() ||
			x.CRC32 != y.CRC32 || x.UncompressedSize64 != y.UncompressedSize64 ||
			x.Flags&^0x8 != y.Flags || !bytes.Equal(x.Extra, y.Extra) || x.CreatorVersion != y.CreatorVersion {
			t.Errorf("%s: raw header %+v\nwant %+v", x.Name, y, x)
		}
		rc, err := b[i].Open()
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc)
		if err != nil || !bytes.Equal(got, files[x.Name]) {
			t.Errorf("%s: raw entry reads back %d bytes (%v), want %d", x.Name, len(got), err, len(files[x.Name]))
		}
	}
}
