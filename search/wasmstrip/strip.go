// Package wasmstrip makes the search module Go builds for js/wasm lighter
// on the wire without changing what it does.
//
// Go's runtime alone is about 440 KB brotli, most of a reader's wait on a
// slow phone. Two things in it cost bytes and give a reader nothing:
//
//   - The tables that turn a program counter into a file, line and function
//     name. Only tracebacks read them (a panic, runtime.Caller); the garbage
//     collector and the stack growth read the other tables (frame sizes,
//     stack maps), which are kept. Strip points every function's file and
//     line tables at "none", the runtime's own value for a function without
//     them, zeroes the bytes no kept table shares, and zeroes the names. A
//     panic in the stripped module still prints its message; its traceback
//     says "?" where a file and line would be.
//   - The data section's layout: Go's linker starts a new segment after
//     every run of eight zero bytes, about 25,000 segments whose headers
//     brotli cannot predict. Memory starts zeroed, so the same image can be
//     written as a few hundred segments split only at long zero runs.
//
// Strip refuses, with an error, any module whose layout it does not know,
// rather than guessing: a build then fails instead of shipping a broken
// module.
package wasmstrip

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
)

// Stats says what Strip did.
type Stats struct {
	Functions      int // functions in the runtime's table
	ZeroedBytes    int // bytes of line tables and names set to zero
	SegmentsBefore int
	SegmentsAfter  int
}

// zeroRun is the shortest run of zero bytes at which a new data segment
// starts. Measured on the search module (brotli 11): a run of 8 (Go's
// linker) gives 25,000 segments; 64 gives about 500 and a module 12 KB
// smaller than 16 or 32, and longer runs save under 2 KB more while the
// raw module grows by the zeros written out.
const zeroRun = 64

// maxMemory bounds the memory image Strip builds, so a hostile or corrupt
// module cannot make it allocate without limit. Go's js/wasm data ends well
// under this.
const maxMemory = 256 << 20

const (
	secMemory    = 5
	secData      = 11
	secDataCount = 12
)

// Strip returns a copy of module with the traceback tables stripped and the
// data segments merged. module must be what Go's linker wrote for js/wasm.
func Strip(module []byte) ([]byte, Stats, error) {
	var st Stats
	secs, err := sections(module)
	if err != nil {
		return nil, st, err
	}
	var data *section
	memSize := -1
	for i := range secs {
		switch secs[i].id {
		case secMemory:
			if memSize, err = initialMemory(secs[i].body); err != nil {
				return nil, st, err
			}
		case secData:
			if data != nil {
				return nil, st, errors.New("two data sections")
			}
			data = &secs[i]
		case secDataCount:
			// Go does not write one; rewriting the segments would make it wrong.
			return nil, st, errors.New("a data count section, which Go's linker does not write: not a Go module?")
		}
	}
	if data == nil || memSize < 0 {
		return nil, st, errors.New("no data or memory section: not a Go module")
	}
	mem, n, err := image(data.body)
	if err != nil {
		return nil, st, fmt.Errorf("data section: %w", err)
	}
	if len(mem) > memSize {
		return nil, st, fmt.Errorf("data ends at %d, past the initial memory (%d bytes)", len(mem), memSize)
	}
	// The image ends at its last non-zero byte; the tables read on into
	// memory that starts zeroed.
	mem = append(mem, make([]byte, min(memSize, len(mem)+1<<20)-len(mem))...)
	st.SegmentsBefore = n
	if st.Functions, st.ZeroedBytes, err = stripTables(mem); err != nil {
		return nil, st, err
	}
	body, n := segments(mem, zeroRun)
	st.SegmentsAfter = n

	out := make([]byte, 0, len(module))
	out = append(out, module[:8]...)
	for _, s := range secs {
		b := s.body
		if s.id == secData {
			b = body
		}
		out = append(out, s.id)
		out = binary.AppendUvarint(out, uint64(len(b)))
		out = append(out, b...)
	}
	return out, st, nil
}

type section struct {
	id   byte
	body []byte
}

var header = []byte{0, 'a', 's', 'm', 1, 0, 0, 0}

// sections splits a module into its sections.
func sections(m []byte) ([]section, error) {
	if !bytes.HasPrefix(m, header) {
		return nil, errors.New("not a WebAssembly module (version 1)")
	}
	var secs []section
	r := reader{b: m, off: len(header)}
	for r.off < len(m) {
		id := r.byte()
		size := r.uvarint()
		body := r.bytes(size)
		if r.err != nil {
			return nil, fmt.Errorf("section %d: %w", len(secs), r.err)
		}
		secs = append(secs, section{id, body})
	}
	return secs, nil
}

// initialMemory returns the initial size in bytes of the module's one
// memory, at most maxMemory.
func initialMemory(body []byte) (int, error) {
	r := reader{b: body}
	n := r.uvarint()
	flags := r.byte()
	pages := r.uvarint()
	if r.err != nil || n != 1 || flags > 1 {
		return 0, errors.New("memory section: not one memory with plain limits")
	}
	return int(min(pages<<16, maxMemory)), nil
}

// image lays the data segments out as the memory they initialise and
// returns it with the number of segments.
func image(body []byte) ([]byte, int, error) {
	r := reader{b: body}
	n := r.uvarint()
	var mem []byte
	for i := uint64(0); i < n && r.err == nil; i++ {
		flags := r.uvarint()
		if r.err == nil && flags != 0 {
			return nil, 0, fmt.Errorf("segment %d is not an active segment of memory 0 (flags %d)", i, flags)
		}
		if op := r.byte(); r.err == nil && op != 0x41 { // i32.const
			return nil, 0, fmt.Errorf("segment %d: offset is not a constant", i)
		}
		off := r.varint32()
		if end := r.byte(); r.err == nil && end != 0x0b {
			return nil, 0, fmt.Errorf("segment %d: offset expression does not end", i)
		}
		size := r.uvarint()
		b := r.bytes(size)
		if r.err != nil {
			break
		}
		if off < 0 || uint64(off)+uint64(len(b)) > maxMemory {
			return nil, 0, fmt.Errorf("segment %d lies outside the first %d MB of memory", i, maxMemory>>20)
		}
		if end := int(off) + len(b); end > len(mem) {
			mem = append(mem, make([]byte, end-len(mem))...)
		}
		copy(mem[off:], b)
	}
	if r.err != nil {
		return nil, 0, r.err
	}
	if r.off != len(body) {
		return nil, 0, fmt.Errorf("%d bytes after the last segment", len(body)-r.off)
	}
	return mem, int(n), nil
}

// segments writes mem as a data section body, one segment per stretch of
// memory between runs of at least run zero bytes.
func segments(mem []byte, run int) ([]byte, int) {
	var body []byte
	n := 0
	for i := 0; i < len(mem); {
		for i < len(mem) && mem[i] == 0 {
			i++
		}
		if i == len(mem) {
			break
		}
		end, zeros := i, 0
		for j := i; j < len(mem) && zeros < run; j++ {
			if mem[j] == 0 {
				zeros++
			} else {
				zeros, end = 0, j+1
			}
		}
		body = append(body, 0, 0x41)
		body = appendVarint32(body, int32(i))
		body = append(body, 0x0b)
		body = binary.AppendUvarint(body, uint64(end-i))
		body = append(body, mem[i:end]...)
		n++
		i = end
	}
	return append(binary.AppendUvarint(nil, uint64(n)), body...), n
}

// appendVarint32 appends v in signed LEB128, as i32.const wants it.
func appendVarint32(b []byte, v int32) []byte {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if (v == 0 && c&0x40 == 0) || (v == -1 && c&0x40 != 0) {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}

// reader reads LEB128 numbers and byte runs, remembering the first error.
type reader struct {
	b   []byte
	off int
	err error
}

func (r *reader) fail(what string) {
	if r.err == nil {
		r.err = fmt.Errorf("truncated or malformed %s at byte %d", what, r.off)
	}
}

func (r *reader) byte() byte {
	if r.err != nil || r.off >= len(r.b) {
		r.fail("byte")
		return 0
	}
	r.off++
	return r.b[r.off-1]
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b[r.off:])
	if n <= 0 || v > 1<<32 {
		r.fail("number")
		return 0
	}
	r.off += n
	return v
}

func (r *reader) varint32() int32 {
	var v int64
	var shift uint
	for {
		c := r.byte()
		if r.err != nil {
			return 0
		}
		v |= int64(c&0x7f) << shift
		shift += 7
		if c&0x80 == 0 {
			if shift < 64 && c&0x40 != 0 {
				v |= -1 << shift
			}
			break
		}
		if shift >= 35 {
			r.fail("signed number")
			return 0
		}
	}
	if v < -1<<31 || v >= 1<<31 {
		r.fail("signed number")
		return 0
	}
	return int32(v)
}

func (r *reader) bytes(n uint64) []byte {
	if r.err != nil || n > uint64(len(r.b)-r.off) {
		r.fail("run of bytes")
		return nil
	}
	b := r.b[r.off : r.off+int(n)]
	r.off += int(n)
	return b
}
