package strictyaml

import "mehfooz/generator/internal/diag"

// Positions records where the keys and values below a struct were found, so
// that a later stage can report an error on, say, one alias of a page. Give a
// struct a field of this type (it needs no tag) and Decode fills it.
//
// Paths are relative to the struct and written as in messages: "title",
// "aliases[1]", "sources[0].url", "value.ur". The empty path is the struct
// itself: its Value is where its mapping starts and its Key is the key it sits
// under in the parent mapping, if any. The zero Positions answers every
// lookup with a zero diag.Pos.
type Positions struct {
	keys   map[string]diag.Pos
	values map[string]diag.Pos
}

// Key returns the position of the key at path, or a zero Pos when there is
// no such key (list items have no key).
func (p Positions) Key(path string) diag.Pos { return p.keys[path] }

// Value returns the position of the value at path, or a zero Pos when the
// path was not in the document.
func (p Positions) Value(path string) diag.Pos { return p.values[path] }

// Has reports whether the document had a value at path, even an empty one.
func (p Positions) Has(path string) bool {
	_, ok := p.values[path]
	return ok
}

// recorder fills one Positions with paths relative to base.
type recorder struct {
	base string
	pos  Positions
}

func (r recorder) record(path string, key, value diag.Pos) {
	rel := path[len(r.base):]
	if len(rel) > 0 && rel[0] == '.' {
		rel = rel[1:]
	}
	if key.Line > 0 {
		r.pos.keys[rel] = key
	}
	r.pos.values[rel] = value
}
