package markdown

import (
	"strings"
	"testing"
)

// containsFoldASCII must agree with lowering the text first.
func TestContainsFoldASCII(t *testing.T) {
	for _, s := range []string{"", "ht", "see HTTPS://x", "Www.Example.pk", "ہٹ http", "wwW.", "h\u0130ttp", "\u212aWWW.", "httpſ://", "ww w."} {
		for _, needle := range []string{"http", "www."} {
			want := strings.Contains(strings.ToLower(s), needle)
			if got := containsFoldASCII(s, needle); got != want {
				t.Errorf("containsFoldASCII(%q, %q) = %v, want %v", s, needle, got, want)
			}
		}
	}
}
