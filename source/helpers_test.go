package source_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/eventwire/eventwire"
	"github.com/eventwire/eventwire/source"
)

// result is one value yielded by Articles.
type result struct {
	A   eventwire.Article
	Err error
}

func collect(t testing.TB, r *source.Reader, inputs ...string) []result {
	t.Helper()
	var out []result
	for a, err := range r.Articles(context.Background(), inputs) {
		out = append(out, result{a, err})
	}
	return out
}

// writeFiles writes name→content under dir, making directories as needed.
func writeFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// writeFile writes one file under a new temporary directory and returns its path.
func writeFile(t testing.TB, name, content string) string {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{name: content})
	return filepath.Join(dir, name)
}

// posError unwraps err as an *eventwire.Error, failing the test if it is not one.
func posError(t testing.TB, err error) *eventwire.Error {
	t.Helper()
	var e *eventwire.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not an *eventwire.Error", err, err)
	}
	return e
}

// ids lists the IDs of the articles in rs, and "ERR" for each error.
func ids(rs []result) []string {
	var out []string
	for _, r := range rs {
		if r.Err != nil {
			out = append(out, "ERR")
			continue
		}
		out = append(out, r.A.ID)
	}
	return out
}
