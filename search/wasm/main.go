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
//	mehfoozSearch.loadTexts(lang, bytes) // the section texts of lang's index (index.SplitTexts), for snippets; "" or an error message
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
	// bytes copies args (lang, Uint8Array) into Go, or says how to call.
	bytes := func(args []js.Value, name string) (string, []byte, string) {
		if len(args) < 2 || args[0].Type() != js.TypeString || !args[1].InstanceOf(js.Global().Get("Uint8Array")) {
			return "", nil, "usage: mehfoozSearch." + name + "(lang, Uint8Array)"
		}
		data := make([]byte, args[1].Length())
		js.CopyBytesToGo(data, args[1])
		return args[0].String(), data, ""
	}
	api.Set("load", js.FuncOf(func(_ js.Value, args []js.Value) any {
		lang, data, usage := bytes(args, "load")
		if usage != "" {
			return usage
		}
		ix, err := query.Open(data)
		if err != nil {
			return err.Error()
		}
		indexes[lang] = ix
		return ""
	}))
	api.Set("loadTexts", js.FuncOf(func(_ js.Value, args []js.Value) any {
		lang, data, usage := bytes(args, "loadTexts")
		if usage != "" {
			return usage
		}
		ix := indexes[lang]
		if ix == nil {
			return "no index loaded for " + lang
		}
		if err := ix.LoadTexts(data); err != nil {
			return err.Error()
		}
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
