package indexer

import (
	"encoding/base64"
	"errors"
)

// The offline bundle opens pages from file://, where a page may not fetch
// files. static/js/search.js then loads the module and the indexes as
// classic scripts that set these globals to base64 text.
const (
	// WasmGlobal is set by the script WasmScript returns.
	WasmGlobal = "MEHFOOZ_WASM_B64"
	// IndexGlobal is an object with one property per language, set by the
	// scripts IndexScript returns.
	IndexGlobal = "MEHFOOZ_INDEX_B64"
)

// WasmScript returns a classic script that sets window.MEHFOOZ_WASM_B64 to
// the base64 of the search module (search-wasm.js).
func WasmScript(wasm []byte) []byte {
	return jsAssign("window."+WasmGlobal, wasm)
}

// IndexScript returns a classic script that sets
// window.MEHFOOZ_INDEX_B64[lang] to the base64 of a language's index
// (search-index-<lang>.js). lang must be a language code: ASCII letters,
// digits and hyphens.
func IndexScript(lang string, idx []byte) ([]byte, error) {
	if lang == "" {
		return nil, errors.New("search build: empty language code")
	}
	for i := 0; i < len(lang); i++ {
		c := lang[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
			return nil, errors.New("search build: language code " + lang + " is not letters, digits and hyphens")
		}
	}
	g := "window." + IndexGlobal
	prefix := "(" + g + "=" + g + "||{})[\"" + lang + "\"]"
	return jsAssign(prefix, idx), nil
}

func jsAssign(target string, data []byte) []byte {
	enc := base64.StdEncoding
	out := make([]byte, 0, len(target)+enc.EncodedLen(len(data))+5)
	out = append(out, target...)
	out = append(out, "=\""...)
	out = enc.AppendEncode(out, data)
	return append(out, "\";\n"...)
}
