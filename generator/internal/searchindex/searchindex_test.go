package searchindex

import (
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"mehfooz/generator/internal/config"
	"mehfooz/generator/internal/content"
	"mehfooz/generator/internal/diag"
	"mehfooz/generator/internal/markdown"
	"mehfooz/generator/internal/output"
	"mehfooz/generator/internal/site"
	"mehfooz/search/index"
	"mehfooz/search/indexer"
	"mehfooz/search/query"
)

// memSink keeps what the indexer writes.
type memSink struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *memSink) Write(name string, data []byte) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.files == nil {
		m.files = map[string][]byte{}
	}
	m.files[name] = data
	return data, nil
}

func (m *memSink) Asset(name string, data []byte) (string, error) {
	fp := output.Fingerprint(name, data)
	_, err := m.Write(fp, data)
	return fp, err
}

func (m *memSink) RawAsset(name string, data []byte) (string, error) { return m.Asset(name, data) }

// testSite is two languages with a home page and one guide each.
func testSite(t *testing.T) (*site.Site, map[string][]Page) {
	t.Helper()
	cfg := &config.Site{
		Title:     map[string]string{"en": "Mehfooz", "ur": "محفوظ"},
		Languages: []config.Language{{Code: "en", Name: "English", Direction: "ltr"}, {Code: "ur", Name: "اردو", Direction: "rtl"}},
	}
	file := func(lang, rel, title string, topics ...string) *content.File {
		return &content.File{Path: "content/" + lang + "/" + rel, Lang: lang, Rel: rel,
			Meta: content.FrontMatter{Title: title, Topics: topics}}
	}
	s, diags := site.New(cfg, []*content.File{
		file("en", "_index.md", "Mehfooz"),
		file("en", "guides/threats.md", "Threats", "threats"),
		file("ur", "_index.md", "محفوظ"),
		file("ur", "guides/threats.md", "دھمکیاں", "threats"),
	})
	if diags.Err() != nil {
		t.Fatal(diags)
	}
	sections := map[string][]markdown.Section{
		"en/":                {{Text: "Help for people harassed online."}},
		"en/guides/threats/": {{Text: "What to do."}, {Anchor: "save-messages", Heading: "Save the messages", Text: "Take screenshots of every threat."}},
		"ur/":                {{Text: "آن لائن ہراسانی سے متاثر لوگوں کے لیے مدد۔"}},
		"ur/guides/threats/": {{Text: "کیا کریں۔"}, {Anchor: "save-messages", Heading: "پیغامات محفوظ کریں", Text: "ہر دھمکی کا اسکرین شاٹ لیں۔"}},
	}
	docs := map[string][]Page{}
	for _, p := range s.Pages {
		docs[p.Lang] = append(docs[p.Lang], Page{Page: p, Sections: sections[p.URL]})
	}
	return s, docs
}

var (
	goodSynonyms = fstest.MapFS{SynonymsPath: {Data: []byte("dhamki: [threat, دھمکی]\n")}}
	module       = fstest.MapFS{ModulePath: {Data: []byte("\x00asm\x01\x00\x00\x00")}, WasmExecPath: {Data: []byte("/* go */")}}
)

func TestIndexWritesEveryLanguageAndTheOfflineModule(t *testing.T) {
	s, docs := testSite(t)
	out := &memSink{}
	names, diags := New(goodSynonyms, "content", module, "static").Index(s, docs, out)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	var keys []string
	for k, v := range names {
		keys = append(keys, k)
		if out.files[v] == nil {
			t.Errorf("%s → %s was not written", k, v)
		}
		if !strings.HasPrefix(v, strings.TrimSuffix(k, filepath.Ext(k))+".") {
			t.Errorf("%s → %s: not a fingerprinted name", k, v)
		}
	}
	slices.Sort(keys)
	want := []string{"search/index-en.idx", "search/index-en.js", "search/index-ur.idx", "search/index-ur.js", "search/search-wasm.js", "search/texts-en.idx", "search/texts-ur.idx"}
	if !slices.Equal(keys, want) {
		t.Fatalf("names = %q, want %q", keys, want)
	}
	wantScript := string(indexer.WasmScript(module[ModulePath].Data))
	if got := string(out.files[names["search/search-wasm.js"]]); got != wantScript {
		t.Errorf("search-wasm.js = %q, want %q", got, wantScript)
	}
	// The script holds the index and its texts, the two files split them.
	whole := append(slices.Clip(out.files[names["search/index-ur.idx"]]), out.files[names["search/texts-ur.idx"]]...)
	script, _ := indexer.IndexScript("ur", whole)
	if got := out.files[names["search/index-ur.js"]]; string(got) != string(script) {
		t.Error("index-ur.js is not the script of index-ur.idx and texts-ur.idx")
	}
	core, texts, err := index.SplitTexts(whole)
	if err != nil || len(texts) == 0 || len(core) == 0 {
		t.Fatalf("index-ur.idx + texts-ur.idx do not split again: %d, %d, %v", len(core), len(texts), err)
	}
	ix, err := query.Open(core)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.LoadTexts(texts); err != nil {
		t.Errorf("texts-ur.idx does not fit index-ur.idx: %v", err)
	}
}

func TestIndexUsesLanguageRelativeURLsAndSynonyms(t *testing.T) {
	s, docs := testSite(t)
	out := &memSink{}
	names, _ := New(goodSynonyms, "content", module, "static").Index(s, docs, out)
	for _, tt := range []struct{ lang, query, url, anchor string }{
		{"en", "dhamki", "guides/threats/", "save-messages"},
		{"en", "harassed", "", ""},
		{"ur", "dhamki", "guides/threats/", "save-messages"},
		{"ur", "دهمكى", "guides/threats/", "save-messages"},
	} {
		ix, err := query.Open(out.files[names["search/index-"+tt.lang+".idx"]])
		if err != nil {
			t.Fatal(err)
		}
		rs := ix.Search(tt.query, 3)
		if len(rs) == 0 || rs[0].URL != tt.url || rs[0].Anchor != tt.anchor {
			t.Errorf("%s %q: got %+v, want %q#%s first", tt.lang, tt.query, rs, tt.url, tt.anchor)
		}
	}
}

func TestMissingModuleIsAWarning(t *testing.T) {
	s, docs := testSite(t)
	names, diags := New(goodSynonyms, "content", fstest.MapFS{}, "static").Index(s, docs, &memSink{})
	if len(diags) != 1 || diags[0].Severity != diag.SevWarning || diags[0].Rule != "search-module" ||
		!strings.Contains(diags[0].Hint, "make wasm") {
		t.Fatalf("diags = %v, want one search-module warning that says to run make wasm", diags)
	}
	if names["search/index-en.idx"] == "" || names["search/search-wasm.js"] != "" {
		t.Errorf("names = %v: want the indexes and no search-wasm.js", names)
	}
}

func TestBadSynonymsAreErrorsAtTheirPosition(t *testing.T) {
	s, docs := testSite(t)
	bad := fstest.MapFS{SynonymsPath: {Data: []byte("dhamki: [threat]\nshikayat:\nthe: [a]\n")}}
	_, diags := New(bad, "content", module, "static").Index(s, docs, &memSink{})
	var got []string
	for _, d := range diags {
		got = append(got, d.Pos.String()+" "+d.Rule)
	}
	want := []string{"content/search/synonyms.yaml:2:1 synonyms", "content/search/synonyms.yaml:3:1 synonyms"}
	if !slices.Equal(got, want) || diags.Errors() != 2 {
		t.Errorf("diagnostics at %q, want %q:\n%v", got, want, diags)
	}
}

func TestNoSynonymsFileIsFine(t *testing.T) {
	s, docs := testSite(t)
	if _, diags := New(fstest.MapFS{}, "content", module, "static").Index(s, docs, &memSink{}); len(diags) > 0 {
		t.Error(diags)
	}
}
