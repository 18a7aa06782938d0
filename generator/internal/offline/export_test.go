package offline

import "mehfooz/generator/internal/htmledit"

// The tests that need a whole built site run the pipeline, which imports
// this package, so they live in package offline_test; these give them a
// read-only view of the HTML scanner and link resolver they check with.

// Link is one href, src or data- attribute of a built page, resolved
// against the page.
type Link struct {
	Attr, Value string
	Kind        string // fragment, external, root, outside or local
	File, Frag  string // for local: the output file; for both: after '#'
	Dir         bool   // a local link written as a folder
	FetchOnly   bool   // the file is only ever fetched (index, module)
}

var refKinds = map[refKind]string{refFragment: "fragment", refExternal: "external", refRoot: "root", refOutside: "outside", refLocal: "local"}

// Links lists the href, src and data- attributes of the output file page.
func Links(page string, doc []byte) []Link {
	var out []Link
	htmledit.Scan(doc, func(t *htmledit.Tag) bool {
		for _, a := range t.Attrs {
			if a.Name != "href" && a.Name != "src" && !hasPrefix(a.Name, "data-") {
				continue
			}
			out = append(out, Resolve(page, a.Name, a.Value()))
		}
		return true
	})
	return out
}

// Resolve resolves the value v of attribute attr in the output file page.
func Resolve(page, attr, v string) Link {
	r := resolve(page, v)
	return Link{Attr: attr, Value: v, Kind: refKinds[r.kind], File: r.file, Frag: r.frag, Dir: r.dir, FetchOnly: r.kind == refLocal && fetchOnly(r.file)}
}

// IDs counts the ids in an HTML document.
func IDs(doc []byte) map[string]int {
	m := map[string]int{}
	htmledit.Scan(doc, func(t *htmledit.Tag) bool {
		if id, ok := t.Get("id"); ok && !t.End {
			m[id]++
		}
		return true
	})
	return m
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

// AttrValue returns the value of the first attribute name in doc.
func AttrValue(doc []byte, name string) string {
	v := ""
	htmledit.Scan(doc, func(t *htmledit.Tag) bool {
		if s, ok := t.Get(name); ok {
			v = s
			return false
		}
		return true
	})
	return v
}
