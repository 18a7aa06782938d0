//go:build js && wasm

// Command wasm is the browser's search module. It holds no search logic:
// it passes index bytes and raw query text from JavaScript to search/query
// and returns JSON strings. Build it with
//
//	GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' -o build/search.wasm ./search/wasm
//
// and run it with Go's wasm_exec.js. Once main has run, the page has
//
//	mehfoozSearch.load(lang, bytes)      // bytes: a Uint8Array of an index file; returns "" or an error message
//	mehfoozSearch.query(lang, text, n)   // JSON: up to n results (query.AppendJSON); "[]" if lang is not loaded
//	mehfoozSearch.fallback(lang, text, n) // JSON: what to show when query finds nothing (query.Fallback): the helplines, the first question, up to n closest topics
//	mehfoozSearch.terms(text)            // JSON: [[word, term], …], the analysis of text, for tests
//
// and mehfoozSearchReady() is called if the page defined it. Nothing here
// keeps a query after answering it.
package main

import (
	"syscall/js"

	"mehfooz/search/query"
)

func main() {
	indexes := make(map[string]*query.Index)
	api := js.Global().Get("Object").New()
	api.Set("load", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) < 2 || args[0].Type() != js.TypeString || !args[1].InstanceOf(js.Global().Get("Uint8Array")) {
			return "usage: mehfoozSearch.load(lang, Uint8Array)"
		}
		data := make([]byte, args[1].Length())
		js.CopyBytesToGo(data, args[1])
		ix, err := query.Open(data)
		if err != nil {
			return err.Error()
		}
		indexes[args[0].String()] = ix
		return ""
	}))
	// answer runs fn on the loaded index and query text of args
	// (lang, text, n), with n 10 when it is not given.
	answer := func(fn func(ix *query.Index, text string, n int) []query.Result) js.Func {
		return js.FuncOf(func(_ js.Value, args []js.Value) any {
			if len(args) < 2 || args[0].Type() != js.TypeString || args[1].Type() != js.TypeString {
				return "[]"
			}
			ix := indexes[args[0].String()]
			if ix == nil {
				return "[]"
			}
			limit := 10
			if len(args) > 2 && args[2].Type() == js.TypeNumber {
				limit = args[2].Int()
			}
			return string(query.AppendJSON(nil, fn(ix, args[1].String(), limit)))
		})
	}
	api.Set("query", answer((*query.Index).Search))
	api.Set("fallback", answer(func(ix *query.Index, text string, n int) []query.Result {
		return ix.Fallback(text, n).All()
	}))
	api.Set("terms", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) < 1 || args[0].Type() != js.TypeString {
			return "[]"
		}
		return string(query.AppendTermsJSON(nil, args[0].String()))
	}))
	js.Global().Set("mehfoozSearch", api)
	if ready := js.Global().Get("mehfoozSearchReady"); ready.Type() == js.TypeFunction {
		ready.Invoke()
	}
	select {}
}
