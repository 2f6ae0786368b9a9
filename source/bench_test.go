package source_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eventwire/eventwire/source"
)

// benchArticle is a wire story of typical length (about 2 KB).
var benchArticle = "ANKARA, February 21. /TASS/. Turkish Defense Minister Hulusi Akar said on Friday that " +
	"Ankara would not withdraw its observation posts in Idlib, Syria. " +
	strings.Repeat("Russian and Turkish officials met in Moscow to discuss the situation in the de-escalation zone. ", 20)

func BenchmarkArticlesJSONL(b *testing.B) {
	const n = 2000
	path := filepath.Join(b.TempDir(), "feed.jsonl")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	enc := json.NewEncoder(f)
	for i := range n {
		line := map[string]string{"id": fmt.Sprintf("a%d", i), "text": benchArticle, "published": "2020-02-21", "title": "Idlib"}
		if err := enc.Encode(line); err != nil {
			b.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(info.Size())
	r := &source.Reader{Format: source.FormatJSONL}
	b.ReportAllocs()
	for b.Loop() {
		got := 0
		for _, err := range r.Articles(context.Background(), []string{path}) {
			if err != nil {
				b.Fatal(err)
			}
			got++
		}
		if got != n {
			b.Fatalf("read %d articles, want %d", got, n)
		}
	}
}

func BenchmarkArticlesDirectory(b *testing.B) {
	const n = 200
	dir := b.TempDir()
	files := map[string]string{}
	for i := range n {
		files[fmt.Sprintf("d%d/a%03d.txt", i%10, i)] = benchArticle
	}
	writeFiles(b, dir, files)
	b.SetBytes(int64(n * len(benchArticle)))
	r := &source.Reader{}
	b.ReportAllocs()
	for b.Loop() {
		got := 0
		for _, err := range r.Articles(context.Background(), []string{dir}) {
			if err != nil {
				b.Fatal(err)
			}
			got++
		}
		if got != n {
			b.Fatalf("read %d articles, want %d", got, n)
		}
	}
}

func BenchmarkExtractHTML(b *testing.B) {
	var page strings.Builder
	page.WriteString("<html><head><title>Idlib</title><script>var tracking = {};</script></head><body><nav><a href=/>Home</a></nav><article>")
	for range 30 {
		fmt.Fprintf(&page, "<p>%s</p>\n", benchArticle[:300])
	}
	page.WriteString("</article><footer>© 2020</footer></body></html>")
	data := []byte(page.String())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, text := source.ExtractHTML(data); text == "" {
			b.Fatal("no text")
		}
	}
}
