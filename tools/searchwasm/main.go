// Command searchwasm builds the browser's search module as the site ships
// it: go build for js/wasm, then wasmstrip (file and line tables and
// function names out, data segments merged; see search/wasmstrip).
// `make wasm` runs it.
//
//	go run ./tools/searchwasm [-o static/search/search.wasm] [-v]
//
// For a module whose panics print files and lines, build it with go build
// alone (search/wasm/main.go shows how).
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"mehfooz/search/wasmstrip"
)

func main() {
	out := flag.String("o", "static/search/search.wasm", "where to write the module")
	verbose := flag.Bool("v", false, "print what the strip did")
	flag.Parse()
	if err := os.MkdirAll(filepath.Dir(*out), 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "searchwasm:", err)
		os.Exit(1)
	}
	st, err := wasmstrip.Build("", wasmstrip.Module, *out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "searchwasm:", err)
		os.Exit(1)
	}
	if *verbose {
		fmt.Printf("%s: %d functions, %d bytes of line tables and names zeroed, %d data segments → %d\n",
			*out, st.Functions, st.ZeroedBytes, st.SegmentsBefore, st.SegmentsAfter)
	}
}
