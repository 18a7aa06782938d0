package pipeline

import "testing"

func TestNotFoundRoot(t *testing.T) {
	for in, want := range map[string]string{
		"":                               "",
		"https://a.pk/":                  "/",
		"https://org.github.io/mehfooz/": "/mehfooz/",
	} {
		if got := notFoundRoot(in); got != want {
			t.Errorf("notFoundRoot(%q) = %q, want %q", in, got, want)
		}
	}
}
