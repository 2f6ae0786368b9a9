// Package repo locates, for tests, the repository root and the reference
// material that sits beside it in ../shared. Tests that need the material
// skip with a message naming what is missing, so a checkout without
// ../shared still passes.
package repo

import (
	"os"
	"path/filepath"
	"testing"
)

// Root returns the directory holding go.mod, walking up from the test's
// working directory.
func Root(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("no go.mod above the working directory")
		}
		dir = parent
	}
}

// Shared returns the path of parts under ../shared beside the repository
// root, or skips the test when it does not exist.
func Shared(tb testing.TB, parts ...string) string {
	tb.Helper()
	path := filepath.Join(append([]string{Root(tb), "..", "shared"}, parts...)...)
	if _, err := os.Stat(path); err != nil {
		tb.Skipf("reference material absent: %v", err)
	}
	return path
}
