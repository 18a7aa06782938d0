package build

import (
	"path"
	"strings"
	"time"

	"mehfooz/generator/internal/content"
	"mehfooz/generator/internal/diag"
	"mehfooz/generator/internal/imagemeta"
	"mehfooz/generator/internal/site"
)

// The checks here need every page at once, so they run after rendering.

// CheckErrors are rules that only warn during a build (a translator's slip
// must not take the site down for readers) but fail `mehfooz check`, the
// gate volunteers and CI run before publishing.
var CheckErrors = []string{"heading-mismatch", "prose-fact"}

// navTargets are the pages the layouts link from every page; reachability
// starts from them as well as from each language's home.
var navTargets = []string{"_index.md", "start/_index.md", "helplines/_index.md", "guides/_index.md", "about.md", "guides/cover-your-tracks.md"}

// checkAges reports facts and pages whose verification has grown old.
func (b *builder) checkAges(now time.Time) diag.List {
	var diags diag.List
	bud := b.cfg.Budgets
	if b.facts != nil && bud.FactMaxAgeDays > 0 {
		limit := now.AddDate(0, 0, -bud.FactMaxAgeDays)
		for _, f := range b.facts.Entries() {
			if t := f.VerifiedOn.Time; !t.IsZero() && t.Before(limit) {
				diags.Add(diag.Warnf(f.Pos, "stale-fact", "fact %q was last verified on %s, more than %d days ago",
					f.Key, t.Format("2006-01-02"), bud.FactMaxAgeDays).
					WithHint("check it against its source (%s), then update verified_on", f.Source))
			}
		}
	}
	if bud.ReviewMaxAgeDays > 0 {
		limit := now.AddDate(0, 0, -bud.ReviewMaxAgeDays)
		for _, p := range b.site.Pages {
			if p.Fallback != nil {
				continue
			}
			if t := p.File.Meta.Reviewed.Time; !t.IsZero() && t.Before(limit) {
				diags.Add(diag.Warnf(p.File.Meta.Pos.Value("reviewed"), "stale-review",
					"page last reviewed on %s, more than %d days ago", t.Format("2006-01-02"), bud.ReviewMaxAgeDays).
					WithHint("read it again against the facts and the platforms as they are today, then update reviewed"))
			}
		}
	}
	return diags
}

// checkWeakFacts reports facts a reader relies on in an emergency or with
// money that only one source supports: a wrong number there costs the
// most. The reader still sees the fact, with its "(one source)" marker.
func (b *builder) checkWeakFacts() diag.List {
	var diags diag.List
	for _, f := range b.facts.Entries() {
		if f.Level != content.Reported {
			continue
		}
		for _, u := range f.Use {
			what := map[content.Use]string{content.Emergency: "in an emergency", content.Money: "about money"}[u]
			diags.Add(diag.Warnf(f.Pos, "weak-fact", "fact %q is relied on %s but only one source supports it (level: reported)", f.Key, what).
				WithHint("read an official source or a second independent one and raise the level, or stop offering it for %s", u))
		}
	}
	return diags
}

// checkReach reports pages that no reader can get to, and decision-tree
// pages that leave the reader with nowhere to go.
func (b *builder) checkReach() diag.List {
	var diags diag.List
	out := map[*site.Page][]*site.Page{}
	for _, p := range b.site.Pages {
		r := b.results[p]
		if r == nil {
			continue
		}
		for _, l := range r.links {
			if q := b.site.Page(p.Lang, l.Target); q != nil && q != p {
				out[p] = append(out[p], q)
			}
		}
		if p.Kind == site.KindList { // the layouts that list their children
			out[p] = append(out[p], p.Children...)
		}
		for _, g := range p.File.Meta.Guides {
			if q, ok := b.site.Resolve(p, g); ok {
				out[p] = append(out[p], q)
			}
		}
	}
	for _, l := range b.site.Langs {
		seen := map[*site.Page]bool{}
		var queue []*site.Page
		for _, rel := range navTargets {
			if p := b.site.Page(l, rel); p != nil && !seen[p] {
				seen[p] = true
				queue = append(queue, p)
			}
		}
		for len(queue) > 0 {
			p := queue[0]
			queue = queue[1:]
			for _, q := range out[p] {
				if !seen[q] {
					seen[q] = true
					queue = append(queue, q)
				}
			}
		}
		for _, p := range b.site.Lang(l) {
			if !seen[p] && p.Fallback == nil && b.results[p] != nil {
				diags.Add(diag.Warnf(diag.Pos{File: p.File.Path, Line: 1, Col: 1}, "orphan-page",
					"no page links to /%s, so readers cannot find it except by search", p.URL).
					WithHint("link it from its section's page or from a related guide"))
			}
		}
	}
	diags.Append(b.checkTree(out))
	return diags
}

// checkTree: every question of the decision tree (section start/) must
// lead somewhere, and every end must lead to help outside the tree.
func (b *builder) checkTree(out map[*site.Page][]*site.Page) diag.List {
	var diags diag.List
	for _, p := range b.site.Pages {
		if p.Section != "start" || p.Fallback != nil || b.results[p] == nil {
			continue
		}
		forward, help := 0, 0
		for _, q := range out[p] {
			switch {
			case q.Section == "start" && !(q.IsIndex && q.Key == "start"):
				forward++
			case q.Section != "start":
				help++
			}
		}
		pos := diag.Pos{File: p.File.Path, Line: 1, Col: 1}
		switch {
		case forward == 0 && help == 0:
			diags.Add(diag.Errorf(pos, "tree-dead-end", "decision-tree page /%s links nowhere", p.URL).
				WithHint("add answers that link to the next questions, or the guides, complaint steps and helplines that fit"))
		case forward == 0 && !leadsToHelp(out[p]):
			diags.Add(diag.Errorf(pos, "tree-dead-end", "decision-tree end /%s does not lead to a guide, complaint route, platform page or helpline", p.URL).
				WithHint("every end of the tree must say what to do next"))
		}
	}
	return diags
}

func leadsToHelp(targets []*site.Page) bool {
	for _, q := range targets {
		switch q.Section {
		case "guides", "complaint", "platforms", "helplines":
			return true
		}
	}
	return false
}

// weigher is a sink that can say what a written file weighs compressed
// (output.Writer).
type weigher interface {
	BrotliSize(name string) (int, bool)
	// GzipFastSize is larger than BrotliSize for any page, and quicker.
	GzipFastSize(name string) (int, bool)
}

// checkWeights enforces the page-weight budget: each HTML page plus the
// stylesheet, brotli-compressed, must fit in budget. It needs a sink that
// weighs (the build's, and check's). Brotli never grows a page by more
// than a few bytes, so only pages whose minified size could break the
// budget are weighed; of those, a page that fits even at gzip's fastest
// level fits with brotli too and is not brotli-compressed. The five
// heaviest always are, for the report; rep.Heavy stays in order of
// minified size.
func (b *builder) checkWeights(rep *Report) diag.List {
	var diags diag.List
	sz, ok := b.out.(weigher)
	if !ok {
		return nil
	}
	css, _ := sz.BrotliSize(b.assets["css/site.css"])
	limit := b.cfg.Budgets.PageKB * 1024
	const growth = 64 // the most brotli adds to incompressible bytes, with room
	var todo []int
	for i, h := range rep.Heavy {
		if i < 5 || (limit > 0 && h.HTML+growth+css > limit) {
			todo = append(todo, i)
		}
	}
	parallel(len(todo), func(j int) {
		i := todo[j]
		name := rep.Heavy[i].URL + "index.html"
		if i >= 5 {
			if gz, ok := sz.GzipFastSize(name); ok && gz+css <= limit {
				return
			}
		}
		if br, ok := sz.BrotliSize(name); ok {
			rep.Heavy[i].Brotli = br + css
		}
	})
	for _, i := range todo {
		h := rep.Heavy[i]
		if limit > 0 && h.Brotli > limit {
			p := b.pageAt(h.URL)
			file := "public/" + h.URL + "index.html"
			if p != nil {
				file = p.File.Path
			}
			diags.Add(diag.Errorf(diag.Pos{File: file, Line: 1, Col: 1}, "page-weight",
				"/%s weighs %.1f KB with its stylesheet (brotli), over the %d KB budget", h.URL, float64(h.Brotli)/1024, b.cfg.Budgets.PageKB).
				WithHint("split the page, or shorten it; readers pay for every KB on prepaid data"))
		}
	}
	return diags
}

func (b *builder) pageAt(url string) *site.Page {
	for _, p := range b.site.Pages {
		if p.URL == url {
			return p
		}
	}
	return nil
}

// imageExts are the files the image budget applies to.
var imageExts = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".webp": true, ".gif": true, ".svg": true}

func checkImage(name, file string, size, budgetKB int) *diag.Error {
	if !imageExts[strings.ToLower(path.Ext(name))] || budgetKB <= 0 || size <= budgetKB*1024 {
		return nil
	}
	return diag.Errorf(diag.Pos{File: file}, "image-size", "image is %d KB, over the %d KB budget", (size+1023)/1024, budgetKB).
		WithHint("resize it (a phone screen is about 400 px wide) or save it as WebP or PNG with fewer colours")
}

// metadataFormats are image formats that can carry a location but that we
// cannot clean; they must be converted first.
var metadataFormats = map[string]bool{".tif": true, ".tiff": true, ".heic": true, ".heif": true, ".avif": true}

// cleanImage strips camera, location and editing metadata from a JPEG,
// PNG or WebP, so a volunteer's screenshot never tells where it was taken.
func cleanImage(name, file string, data []byte) ([]byte, *diag.Error) {
	ext := strings.ToLower(path.Ext(name))
	if metadataFormats[ext] {
		return nil, diag.Errorf(diag.Pos{File: file}, "image-format", "%s images can carry the place they were taken and cannot be cleaned here", strings.TrimPrefix(ext, ".")).
			WithHint("save it as PNG, JPEG or WebP instead")
	}
	if !imageExts[ext] {
		return data, nil
	}
	out, err := imagemeta.Strip(name, data)
	if err != nil {
		return nil, diag.Errorf(diag.Pos{File: file}, "image", "%v", err)
	}
	return out, nil
}
