//go:build !js

package main

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"mehfooz/internal/browsertest"
	"mehfooz/search/analysis"
	"mehfooz/search/indexer"
	"mehfooz/search/query"
)

// nodeDriver runs the module under Node.js with Go's wasm_exec.js, feeds it
// the texts and queries of the JSON file named by its third argument, and
// prints what mehfoozSearch.terms, mehfoozSearch.query and
// mehfoozSearch.fallback return.
const nodeDriver = `"use strict";
globalThis.require = require;
globalThis.fs = require("fs");
globalThis.path = require("path");
globalThis.TextEncoder = require("util").TextEncoder;
globalThis.TextDecoder = require("util").TextDecoder;
globalThis.crypto ??= require("crypto");
require(process.argv[2]);
const input = JSON.parse(fs.readFileSync(process.argv[4], "utf8"));
const go = new Go();
WebAssembly.instantiate(fs.readFileSync(process.argv[3]), go.importObject).then((r) => {
	go.run(r.instance);
	const api = globalThis.mehfoozSearch;
	const out = { terms: input.texts.map((t) => api.terms(t)), load: "", results: [] };
	out.load = api.load("en", new Uint8Array(Buffer.from(input.index, "base64")));
	out.results = input.queries.map((q) => api.query("en", q, 10));
	out.fallbacks = input.queries.map((q) => api.fallback("en", q, 3));
	fs.writeSync(1, JSON.stringify(out));
	process.exit(0);
}).catch((err) => { console.error(err); process.exit(1); });
`

// runes the random texts are made of: Latin with accents, Urdu, Arabic
// letter forms, presentation forms, diacritics and tatweel, three kinds of
// digits, joiners, bidi marks, apostrophes, punctuation and emoji.
var textRunes = []rune("aAbBzZéÆßñ'’ -_.,;:!?/\"\n\t0123456789" +
	"ابپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنںوہھءیےآأإؤئۃۂ" +
	"يىكهةﻻﺷﻜﺎﻳﺖ" + "\u064b\u064e\u0650\u0651\u0670\u0640" +
	"۰۱۲۳۹٠١٢٣٩" + "\u200c\u200d\u200e\u200f\u2066\u2069" + "،۔؟😢🙂")

func randomText(rng *rand.Rand) string {
	n := rng.IntN(40)
	var b strings.Builder
	for range n {
		b.WriteRune(textRunes[rng.IntN(len(textRunes))])
	}
	return b.String()
}

// TestModuleMatchesNative runs the module under Node.js and checks that it
// analyses 2,000 random mixed-script strings into the same words and terms
// as the native analysis, and that it answers queries with byte-identical
// results to the native engine on the same index.
func TestModuleMatchesNative(t *testing.T) {
	node := browsertest.Tool(t, "node", "apt-get install -y nodejs")
	module := buildModule(t, "mehfooz/search/wasm")
	rng := rand.New(rand.NewPCG(4, 2))
	texts := []string{"", "Threatening THREATS", "شكايت دهمكي", "FIAکی شکایت", "don't Ali's", "۱۷۹۹ ١٧٩٩", "ﺷﻜﺎﻳﺖ"}
	for len(texts) < 2000 {
		texts = append(texts, randomText(rng))
	}
	docs := []indexer.Document{
		{URL: "guides/threats/", Title: "Someone is threatening me", Kind: "guide", Topics: []string{"threats"},
			Sections: []indexer.Section{{Text: "Keep every threatening message."}, {Anchor: "police", Heading: "Call the police", Text: "Call 15 if you are in danger. دھمکی ملے تو پولیس کو بتائیں۔"}}},
		{URL: "guides/evidence/", Title: "How to keep evidence", Kind: "guide",
			Sections: []indexer.Section{{Text: "Screenshots with the date, time and link."}, {Anchor: "export", Heading: "Export chats", Text: "WhatsApp can export a chat."}}},
		{URL: "complaint/", Title: "File a complaint", Kind: "list",
			Sections: []indexer.Section{{Text: "The NCCIA takes cybercrime complaints. شکایت درج کریں۔"}}},
		{URL: "helplines/", Title: "Helplines", Kind: "page",
			Sections: []indexer.Section{{Text: "Call 15 in an emergency. ہیلپ لائن"}}},
	}
	syn := analysis.NewSynonyms([]analysis.Synonym{{From: []string{"dhamki"}, To: [][]string{{"threaten"}, {"دہمکی"}}}})
	idx, err := indexer.Build("en", docs, syn)
	if err != nil {
		t.Fatal(err)
	}
	queries := []string{"dhamki", "threat", "screensh", "evidance", "شكايت", "police danger", "complaint nccia", "the", ""}
	queries = append(queries, texts[7:60]...)

	dir := t.TempDir()
	in, _ := json.Marshal(map[string]any{"texts": texts, "index": idx, "queries": queries})
	os.WriteFile(filepath.Join(dir, "in.json"), in, 0o644)
	os.WriteFile(filepath.Join(dir, "driver.js"), []byte(nodeDriver), 0o644)
	cmd := exec.Command(node, filepath.Join(dir, "driver.js"), wasmExec(t), module, filepath.Join(dir, "in.json"))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	var got struct {
		Terms     []string `json:"terms"`
		Load      string   `json:"load"`
		Results   []string `json:"results"`
		Fallbacks []string `json:"fallbacks"`
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("node printed %.200q: %v", out, err)
	}
	if len(got.Terms) != len(texts) || got.Load != "" || len(got.Results) != len(queries) || len(got.Fallbacks) != len(queries) {
		t.Fatalf("node answered %d terms, load %q, %d results, %d fallbacks", len(got.Terms), got.Load, len(got.Results), len(got.Fallbacks))
	}
	bad := 0
	for i, text := range texts {
		if want := string(query.AppendTermsJSON(nil, text)); got.Terms[i] != want && bad < 10 {
			bad++
			t.Errorf("terms(%q): module %s, native %s", text, got.Terms[i], want)
		}
	}
	t.Logf("module under node: %d texts analysed, %d queries answered; query(%q) = %.120s…", len(texts), len(queries), queries[0], got.Results[0])
	ix, err := query.Open(idx)
	if err != nil {
		t.Fatal(err)
	}
	for i, q := range queries {
		if want := string(query.AppendJSON(nil, ix.Search(q, 10))); got.Results[i] != want && bad < 20 {
			bad++
			t.Errorf("query(%q): module %s, native %s", q, got.Results[i], want)
		}
		if want := string(query.AppendJSON(nil, ix.Fallback(q, 3).All())); got.Fallbacks[i] != want && bad < 20 {
			bad++
			t.Errorf("fallback(%q): module %s, native %s", q, got.Fallbacks[i], want)
		}
	}
}
