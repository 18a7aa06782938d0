package wasmstrip

import (
	"bytes"
	"encoding/binary"
	"mehfooz/internal/browsertest"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// module assembles a module of the given sections.
// memorySection declares one memory of 1 page (64 KiB).
var memorySection = section{secMemory, []byte{1, 0, 1}}

func module(secs ...section) []byte {
	m := append([]byte(nil), header...)
	for _, s := range secs {
		m = append(m, s.id)
		m = binary.AppendUvarint(m, uint64(len(s.body)))
		m = append(m, s.body...)
	}
	return m
}

// dataSection lays out mem the way Go's linker does: a segment per stretch
// between runs of 8 zeros.
func dataSection(mem []byte) section {
	body, _ := segments(mem, 8)
	return section{secData, body}
}

// fakeRuntime writes a symbol table for two functions at 4096 in a memory
// image: names, a pc-value table shared by one function's frame sizes and
// the other's lines, and tables only lines use.
func fakeRuntime() []byte {
	mem := make([]byte, 8192)
	copy(mem[100:], "noise\x00")
	at := 4096
	names := []byte("main.a\x00main.b\x00")
	// pctab: offset 0 is unused ("no table"); then three tables.
	pctab := []byte{0,
		2, 4, 2, 8, 0, // 1: shared (pcsp of a, pcln of b)
		6, 10, 0, // 6: pcln of a only
		3, 1, 1, 1, 0, // 9: pcfile of a and b
	}
	var tab []byte
	le := binary.LittleEndian
	functab := make([]byte, 8*3)
	le.PutUint32(functab[0:], 0)
	le.PutUint32(functab[8:], 16)
	le.PutUint32(functab[16:], 32) // end sentinel
	fn := func(entry, nameOff, pcsp, pcfile, pcln uint32) []byte {
		r := make([]byte, funcSize+4)
		for k, v := range []uint32{entry, nameOff, 0, 0, pcsp, pcfile, pcln, 1} {
			le.PutUint32(r[4*k:], v)
		}
		le.PutUint32(r[funcSize:], 0) // one pcdata, absent
		return r
	}
	a := fn(0, 0, 1, 9, 6)
	b := fn(16, 7, 0, 9, 1)
	le.PutUint32(functab[4:], uint32(len(functab)))
	le.PutUint32(functab[12:], uint32(len(functab)+len(a)))
	tab = append(append(append(tab, functab...), a...), b...)

	h := make([]byte, headerSize)
	copy(h, pclnPrefix)
	le.PutUint64(h[8:], 2)  // nfunc
	le.PutUint64(h[16:], 1) // nfiles
	off := uint64(headerSize)
	for k, n := range []int{len(names), 0, 0, len(pctab)} { // names, cutab, filetab, pctab
		le.PutUint64(h[32+8*k:], off)
		off += uint64(n)
	}
	le.PutUint64(h[64:], off) // pclntab
	blob := append(append(append(h, names...), pctab...), tab...)
	copy(mem[at:], blob)
	return mem[:at+len(blob)]
}

func TestStripFakeRuntime(t *testing.T) {
	mem := fakeRuntime()
	in := module(section{1, []byte{0}}, memorySection, dataSection(mem), section{0, []byte("\x04name")})
	out, st, err := Strip(in)
	if err != nil {
		t.Fatal(err)
	}
	if st.Functions != 2 {
		t.Errorf("functions = %d, want 2", st.Functions)
	}
	secs, err := sections(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(secs) != 4 || secs[0].id != 1 || secs[3].id != 0 || string(secs[3].body) != "\x04name" {
		t.Fatalf("sections not kept in order: %+v", secs)
	}
	got, _, err := image(secs[2].body)
	if err != nil {
		t.Fatal(err)
	}
	want := fakeRuntime()
	h, _ := findHeader(want)
	// The shared table stays, the line-only and file tables and the names go.
	clear(want[h.names:h.cutab])
	clear(want[h.pctab+6 : h.pctab+14])
	for _, rec := range []int{h.pcln + 24, h.pcln + 24 + funcSize + 4} {
		clear(want[rec+20 : rec+28])
	}
	if !bytes.Equal(got, want[:len(got)]) || len(bytes.Trim(want[len(got):], "\x00")) != 0 {
		t.Errorf("memory after Strip differs from the expected image")
	}
	if !bytes.Contains(got, []byte("noise")) {
		t.Errorf("data outside the symbol table changed")
	}
	if st.ZeroedBytes != 12+2+4 { // names, the line-only table, the file table
		t.Errorf("zeroed %d bytes", st.ZeroedBytes)
	}
}

func TestSegmentsRoundTrip(t *testing.T) {
	mem := make([]byte, 5000)
	for _, i := range []int{0, 7, 70, 71, 140, 141, 300, 4999} {
		mem[i] = byte(i) | 1
	}
	body, n := segments(mem, zeroRun)
	got, m, err := image(body)
	if err != nil {
		t.Fatal(err)
	}
	if m != n || !bytes.Equal(got, mem) {
		t.Fatalf("image(segments(mem)) differs (segments %d/%d)", m, n)
	}
	// Runs under zeroRun stay inside a segment; longer ones split.
	if n != 4 {
		t.Errorf("%d segments, want 4 (0–71, 140–141, 300, 4999)", n)
	}
}

func TestStripRefuses(t *testing.T) {
	good := dataSection(fakeRuntime())
	noTable := dataSection([]byte("just some data"))
	for name, in := range map[string][]byte{
		"not wasm":         []byte("\x7fELF\x02\x01\x01"),
		"truncated":        module(memorySection, good)[:40],
		"no data":          module(memorySection, section{1, []byte{0}}),
		"no memory":        module(good),
		"data past memory": module(section{secMemory, []byte{1, 0, 0}}, good),
		"two data":         module(memorySection, good, good),
		"data count":       module(memorySection, section{secDataCount, []byte{1}}, good),
		"no symbol table":  module(memorySection, noTable),
		"passive segment":  module(memorySection, section{secData, []byte{1, 1, 1, 'x'}}),
		"far segment":      module(memorySection, section{secData, []byte{1, 0, 0x41, 0xff, 0xff, 0xff, 0xff, 0x07, 0x0b, 1, 'x'}}),
	} {
		if _, _, err := Strip(in); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	two := fakeRuntime()
	two = append(two, make([]byte, 8-len(two)%8)...)
	two = append(two, fakeRuntime()[4096:]...)
	if _, _, err := Strip(module(memorySection, dataSection(two))); err == nil || !strings.Contains(err.Error(), "refusing to guess") {
		t.Errorf("two symbol tables: %v", err)
	}
}

// TestStrippedProgramRuns builds a program that leans on what Strip keeps
// (garbage collection, stack growth, goroutines) and panics, strips it, and
// runs it under Node: same output as the unstripped build, and the panic
// still prints its message.
func TestStrippedProgramRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a WebAssembly program")
	}
	node := browsertest.Tool(t, "node", "apt-get install -y nodejs")
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	runner := filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec_node.js")
	out := filepath.Join(t.TempDir(), "stress.wasm")
	st, err := Build("", "mehfooz/search/wasmstrip/testdata/stress", out)
	if err != nil {
		t.Fatal(err)
	}
	if st.ZeroedBytes == 0 || st.SegmentsAfter >= st.SegmentsBefore {
		t.Errorf("strip did little: %+v", st)
	}
	run := func(args ...string) (string, int) {
		cmd := exec.Command(node, append([]string{runner, out}, args...)...)
		b, err := cmd.CombinedOutput()
		code := 0
		if err != nil {
			code = cmd.ProcessState.ExitCode()
		}
		return string(b), code
	}
	got, code := run()
	if code != 0 || !strings.HasPrefix(got, "ok 199800 ") {
		t.Fatalf("stripped program: exit %d, output %q", code, got)
	}
	got, code = run("panic")
	if code != 2 || !strings.Contains(got, "panic: assignment to entry in nil map") || !strings.Contains(got, "goroutine 1 [running]") {
		t.Errorf("stripped program's panic: exit %d, output %q", code, got)
	}
	if strings.Contains(got, "main.go:") {
		t.Errorf("the traceback still has file and line: %q", got)
	}
}

func FuzzStrip(f *testing.F) {
	f.Add(module(memorySection, dataSection(fakeRuntime())))
	f.Add(module(memorySection, dataSection([]byte("x"))))
	f.Add([]byte("\x00asm\x01\x00\x00\x00\x0b\x05\x01\x00\x41\x00\x0b"))
	f.Fuzz(func(t *testing.T, in []byte) {
		out, _, err := Strip(in)
		if err != nil {
			return
		}
		if _, _, err := Strip(out); err != nil {
			t.Fatalf("Strip's output does not strip again: %v", err)
		}
	})
}
