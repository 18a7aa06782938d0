package pipeline

import "net/url"

// notFoundRoot is what the 404 page's links start with. A server answers a
// missing address at any depth with the same 404.html, so with base_url set
// the links start at base_url's path ("/repo/" on a GitHub Pages project
// site): right at any depth, and the same origin in a local test as on the
// host. Without base_url the site's path is unknown, so the links are
// relative: right for a missing page at the top of the site, wherever the
// site lives (root or sub-path).
func notFoundRoot(baseURL string) string {
	if baseURL == "" {
		return ""
	}
	u, err := url.Parse(baseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return u.Path
}
