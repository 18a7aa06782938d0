package render

import (
	"io/fs"
	"regexp"
	"sort"
	"strings"
)

// layoutID finds id="…" in a layout: a literal id, or the literal start
// of one made in the template (id="lk-{{.ID}}" reserves the prefix "lk-").
var layoutID = regexp.MustCompile(`\bid="([A-Za-z0-9_-]*)(\{\{)?`)

// LayoutIDs lists the ids the layouts put on pages, so content cannot take
// one with {#id}: two elements with one id break the skip link, the quick
// exit or a form's labels. A prefix of ids made in the template ends in
// "-" ("lk-").
func LayoutIDs(layouts fs.FS) []string {
	set := map[string]bool{}
	fs.WalkDir(layouts, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return nil
		}
		data, err := fs.ReadFile(layouts, p)
		if err != nil {
			return nil
		}
		for _, m := range layoutID.FindAllSubmatch(data, -1) {
			id, templated := string(m[1]), m[2] != nil
			switch {
			case templated && strings.HasSuffix(id, "-"):
				set[id] = true
			case !templated && id != "":
				set[id] = true
			}
		}
		return nil
	})
	out := make([]string, 0, len(set))
	for id := range set {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}
