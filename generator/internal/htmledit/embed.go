package htmledit

import "strings"

// A page's body shown inside another page (a guide in the pocket file, in
// a workshop's print page) must keep its ids apart from the other bodies'
// and its links working from its new address. These are the pieces both
// embedders share.

// IDRefs lists attributes whose values are ids (space-separated for aria-*).
var IDRefs = map[string]bool{"for": true, "headers": true, "list": true, "form": true,
	"aria-labelledby": true, "aria-describedby": true, "aria-controls": true, "aria-owns": true}

// PrefixIDs puts prefix before start tag t's id and before every id its
// other attributes refer to.
func (e *Edits) PrefixIDs(t *Tag, prefix string) {
	for _, a := range t.Attrs {
		switch {
		case a.Name == "id":
			e.SetAttr(a, prefix+a.Value())
		case IDRefs[a.Name]:
			ids := strings.Fields(a.Value())
			for i := range ids {
				ids[i] = prefix + ids[i]
			}
			e.SetAttr(a, strings.Join(ids, " "))
		}
	}
}

// Embed returns src, another page's body, ready to sit inside a page: its
// ids and the references to them carry prefix, a link to a fragment of it
// ("#x") points to the prefixed id, and link gives every other href and
// src its new value (ok false leaves it as it is).
func Embed(src []byte, prefix string, link func(v string) (string, bool)) []byte {
	var e Edits
	Scan(src, func(t *Tag) bool {
		if t.End {
			return true
		}
		e.PrefixIDs(t, prefix)
		for _, a := range t.Attrs {
			if a.Name != "href" && a.Name != "src" {
				continue
			}
			v := a.Value()
			if frag, ok := strings.CutPrefix(v, "#"); ok {
				e.SetAttr(a, "#"+prefix+frag)
			} else if u, ok := link(v); ok {
				e.SetAttr(a, u)
			}
		}
		return true
	})
	return e.Apply(src)
}
