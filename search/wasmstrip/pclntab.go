package wasmstrip

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
)

// The runtime's symbol table as Go 1.20 and later lay it out for a 64-bit
// target (runtime/symtab.go pcHeader, runtime/runtime2.go _func). A
// toolchain that changes it changes the magic number, which Strip then
// refuses.
const (
	pclnMagic  = 0xfffffff1
	headerSize = 72 // pcHeader: magic, pads, minLC, ptrSize, then 8 words
	funcSize   = 44 // _func up to and including nfuncdata
)

var pclnPrefix = []byte{0xf1, 0xff, 0xff, 0xff, 0, 0, 1, 8} // magic, pad1, pad2, minLC 1 (wasm), ptrSize 8

type pcHeader struct {
	at                                 int
	nfunc                              int
	names, cutab, filetab, pctab, pcln int // absolute offsets in memory
}

// findHeader finds the one pcHeader in mem whose tables are in order and
// inside mem.
func findHeader(mem []byte) (pcHeader, error) {
	var found []pcHeader
	for i := 0; ; {
		j := bytes.Index(mem[i:], pclnPrefix)
		if j < 0 {
			break
		}
		at := i + j
		i = at + 1
		if at%8 != 0 || at+headerSize > len(mem) {
			continue
		}
		word := func(k int) uint64 { return binary.LittleEndian.Uint64(mem[at+8+8*k:]) }
		h := pcHeader{at: at, nfunc: int(min(word(0), 1<<30))}
		offs := []uint64{word(3), word(4), word(5), word(6), word(7)}
		ok := h.nfunc > 0
		for k, o := range offs {
			if o > uint64(len(mem)-at) || (k > 0 && o < offs[k-1]) {
				ok = false
			}
		}
		if !ok {
			continue
		}
		h.names, h.cutab, h.filetab, h.pctab, h.pcln = at+int(offs[0]), at+int(offs[1]), at+int(offs[2]), at+int(offs[3]), at+int(offs[4])
		if h.pcln+8*(h.nfunc+1) > len(mem) {
			continue
		}
		found = append(found, h)
	}
	switch len(found) {
	case 0:
		return pcHeader{}, errors.New("no Go 1.20+ symbol table for a 64-bit wasm target: not a Go js/wasm module, or a toolchain whose layout this package does not know")
	case 1:
		return found[0], nil
	}
	return pcHeader{}, fmt.Errorf("%d places look like the runtime's symbol table; refusing to guess", len(found))
}

// stripTables points every function's file and line tables at "none",
// zeroes the bytes of those tables that no kept table (frame sizes, stack
// maps and the other pcdata) shares, and zeroes the function names. It
// returns the number of functions and of bytes zeroed.
func stripTables(mem []byte) (int, int, error) {
	h, err := findHeader(mem)
	if err != nil {
		return 0, 0, err
	}
	pctab := mem[h.pctab:h.pcln]
	kept := make([]bool, len(pctab))
	var drop []uint32
	var fields []int // where each function's pcfile and pcln fields are
	prevEntry := uint32(0)
	for f := 0; f < h.nfunc; f++ {
		entry := binary.LittleEndian.Uint32(mem[h.pcln+8*f:])
		off := binary.LittleEndian.Uint32(mem[h.pcln+8*f+4:])
		if f > 0 && entry < prevEntry {
			return 0, 0, fmt.Errorf("function %d: entries out of order", f)
		}
		prevEntry = entry
		at := h.pcln + int(off)
		if off == 0 || at+funcSize > len(mem) {
			return 0, 0, fmt.Errorf("function %d: record outside memory", f)
		}
		rec := mem[at:]
		u32 := func(k int) uint32 { return binary.LittleEndian.Uint32(rec[4*k:]) }
		if u32(0) != entry {
			return 0, 0, fmt.Errorf("function %d: record does not match its table entry", f)
		}
		npcdata := int(u32(7))
		if npcdata > 64 || at+funcSize+4*npcdata > len(mem) {
			return 0, 0, fmt.Errorf("function %d: %d pcdata tables", f, npcdata)
		}
		keep := []uint32{u32(4)} // pcsp
		for k := range npcdata {
			keep = append(keep, binary.LittleEndian.Uint32(rec[funcSize+4*k:]))
		}
		for _, o := range keep {
			if o == 0 {
				continue
			}
			end, err := tableEnd(pctab, o)
			if err != nil {
				return 0, 0, fmt.Errorf("function %d: %w", f, err)
			}
			for i := o; i < end; i++ {
				kept[i] = true
			}
		}
		for _, o := range []uint32{u32(5), u32(6)} { // pcfile, pcln
			if o != 0 {
				drop = append(drop, o)
			}
		}
		fields = append(fields, at+20)
	}
	zeroed := 0
	for _, o := range drop {
		end, err := tableEnd(pctab, o)
		if err != nil {
			return 0, 0, err
		}
		for i := o; i < end; i++ {
			if !kept[i] && pctab[i] != 0 {
				pctab[i] = 0
				zeroed++
			}
		}
	}
	for _, at := range fields {
		clear(mem[at : at+8]) // pcfile, pcln: 0 is "no table" (runtime.pcvalue)
	}
	for i := h.names; i < h.cutab; i++ {
		if mem[i] != 0 {
			mem[i] = 0
			zeroed++
		}
	}
	return h.nfunc, zeroed, nil
}

// tableEnd returns the offset just past the pc-value table at off in
// pctab: pairs of (value delta, pc delta) varints ending with a zero value
// delta after the first pair (runtime.step).
func tableEnd(pctab []byte, off uint32) (uint32, error) {
	i := int(off)
	for first := true; ; first = false {
		if i >= len(pctab) {
			return 0, fmt.Errorf("pc-value table at %d runs off the end", off)
		}
		if pctab[i] == 0 && !first {
			return uint32(i + 1), nil
		}
		for range 2 {
			_, n := binary.Uvarint(pctab[i:])
			if n <= 0 {
				return 0, fmt.Errorf("pc-value table at %d is malformed", off)
			}
			i += n
		}
	}
}
