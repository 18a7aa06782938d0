package e2e

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// projectRoot is the checkout's root, relative to this package.
const projectRoot = "../.."

func TestMain(m *testing.M) {
	flag.Parse()
	if testing.Short() {
		// Every test here builds the whole site, most start a browser.
		fmt.Println("e2e: skipped in -short mode (builds the site, starts chromium)")
		os.Exit(0)
	}
	code := m.Run()
	if bundledDir != "" {
		os.RemoveAll(filepath.Dir(bundledDir))
	}
	if built.tmp != "" {
		os.RemoveAll(built.tmp)
	}
	os.Exit(code)
}
