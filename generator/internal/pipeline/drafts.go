package pipeline

import (
	"bytes"
	"strings"

	"mehfooz/generator/internal/content"
	"mehfooz/generator/internal/diag"
)

// scaffoldMark is what `mehfooz new` leaves in a page's title, description
// and text for the writer to replace.
const scaffoldMark = "TODO"

// checkScaffold warns about every page that will be published (not a
// draft) while its title, description or text still holds the scaffold's
// TODO, so a half-written page is seen before readers see it.
func checkScaffold(files []*content.File) diag.List {
	var diags diag.List
	for _, f := range files {
		if f.Meta.Draft {
			continue
		}
		for _, key := range []string{"title", "description"} {
			v := f.Meta.Title
			if key == "description" {
				v = f.Meta.Description
			}
			if strings.Contains(v, scaffoldMark) {
				diags.Add(diag.Warnf(f.Meta.Pos.Value(key), "scaffold-todo", "the %s still says %q", key, v).
					WithHint("write the page's real %s, or mark the page draft: true until it is ready", key))
			}
		}
		if i := bytes.Index(f.Body, []byte(scaffoldMark)); i >= 0 && f.Offsets != nil {
			diags.Add(diag.Warnf(f.Offsets.Pos(f.BodyOffset+i), "scaffold-todo", "the text still holds a %s from the page's scaffold", scaffoldMark).
				WithHint("finish that part, or mark the page draft: true until it is ready"))
		}
	}
	return diags
}
