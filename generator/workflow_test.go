package main

// The workflows run mehfooz commands that a test cannot run on GitHub, so
// this test reads them from the YAML and runs each one here: the
// repository's own workflows from the repository root, and the workflow and
// netlify.toml that init writes from a new site. A renamed flag or command
// fails here, not on a volunteer's pull request. actionlint (make test)
// checks the rest of the YAML.

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
)

type workflow struct {
	Jobs map[string]struct {
		Steps []struct {
			Run string `yaml:"run"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

// workflowCommands returns the shell lines of every run step in file.
func workflowCommands(t *testing.T, file string) []string {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var w workflow
	if err := yaml.Unmarshal(src, &w); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	var lines []string
	for _, j := range w.Jobs {
		for _, s := range j.Steps {
			for _, l := range strings.Split(s.Run, "\n") {
				if l = strings.TrimSpace(l); l != "" {
					lines = append(lines, l)
				}
			}
		}
	}
	if len(lines) == 0 {
		t.Fatalf("%s: no run steps", file)
	}
	return lines
}

// runMehfoozLine runs one shell line that calls mehfooz (as bin) in the
// current folder, in-process; a build writes into a temporary folder.
// It reports whether the line was a mehfooz command.
func runMehfoozLine(t *testing.T, line, bin string) bool {
	t.Helper()
	if !strings.HasPrefix(line, bin+" ") {
		return false
	}
	args := strings.Fields(strings.TrimPrefix(line, bin+" "))
	if args[0] == "build" {
		args = append(args, "--out", filepath.Join(t.TempDir(), "public"))
	}
	code, _, stderr := mehfooz(t, args...)
	if code != 0 {
		t.Errorf("%q exited %d:\n%s", line, code, stderr)
	}
	return true
}

func TestRepositoryWorkflowsRunLocally(t *testing.T) {
	if testing.Short() {
		t.Skip("checks and builds the bundled site")
	}
	files, _ := filepath.Glob("../.github/workflows/*.yml")
	if len(files) < 2 {
		t.Fatalf("workflows: %v, want test.yml and pages.yml", files)
	}
	makefile, err := os.ReadFile("../Makefile")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, f := range files {
		lines = append(lines, workflowCommands(t, f)...)
	}
	t.Chdir("..")
	ran := map[string]bool{}
	for _, l := range lines {
		if runMehfoozLine(t, l, "build/mehfooz") {
			ran[strings.Fields(l)[1]] = true
			continue
		}
		if targets, ok := strings.CutPrefix(l, "make "); ok {
			for _, target := range strings.Fields(targets) {
				if target == "build/mehfooz" {
					target = "$(BIN)"
				}
				if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(target) + `:`).Match(makefile) {
					t.Errorf("%q: the Makefile has no target %s", l, target)
				}
			}
		}
	}
	if !ran["check"] || !ran["build"] {
		t.Errorf("the workflows never run build/mehfooz check and build: %v", lines)
	}
}

func TestInitWorkflowsRunLocally(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a new site")
	}
	dir := filepath.Join(t.TempDir(), "site")
	if code, _, stderr := mehfooz(t, "init", dir); code != 0 {
		t.Fatalf("init exited %d:\n%s", code, stderr)
	}
	lines := workflowCommands(t, filepath.Join(dir, ".github", "workflows", "site.yml"))
	toml, err := os.ReadFile(filepath.Join(dir, "netlify.toml"))
	if err != nil {
		t.Fatal(err)
	}
	// netlify.toml's command is one shell line of && steps, calling
	// ./<archive folder>/mehfooz.
	cmd := regexp.MustCompile(`(?m)^\s*command = "(.*)"$`).FindSubmatch(toml)
	if cmd == nil {
		t.Fatalf("netlify.toml has no build command:\n%s", toml)
	}
	for _, part := range strings.Split(string(cmd[1]), "&&") {
		part = strings.TrimSpace(part)
		if strings.HasPrefix(part, "./${name}/mehfooz ") {
			lines = append(lines, strings.TrimPrefix(part, "./${name}/"))
		}
	}
	for _, l := range []string{string(toml), strings.Join(lines, "\n")} {
		if strings.Contains(l, "__MEHFOOZ_") {
			t.Errorf("a placeholder is left unfilled:\n%s", l)
		}
	}
	t.Chdir(dir)
	n := 0
	for _, l := range lines {
		if runMehfoozLine(t, l, "mehfooz") {
			n++
		}
	}
	if n < 4 { // check and build, in the workflow and in netlify.toml
		t.Errorf("ran %d mehfooz commands from the workflow and netlify.toml, want 4: %v", n, lines)
	}
}
