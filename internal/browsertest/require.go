package browsertest

import (
	"os"
	"os/exec"
	"testing"
)

// Missing skips t because what is not there, or fails it when
// MEHFOOZ_REQUIRE_BROWSER is set, as in CI, where a test must not be
// skipped for want of a tool. fix says how to get it.
func Missing(t testing.TB, what, fix string) {
	t.Helper()
	if os.Getenv("MEHFOOZ_REQUIRE_BROWSER") != "" {
		t.Fatalf("%s is required (MEHFOOZ_REQUIRE_BROWSER is set) but missing: %s", what, fix)
	}
	t.Skipf("%s is missing (%s); skipping", what, fix)
}

// Tool returns the path of the program name, or calls Missing.
func Tool(t testing.TB, name, fix string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Missing(t, name, fix)
	}
	return p
}
