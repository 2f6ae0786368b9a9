package when_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eventwire/eventwire"
	"github.com/eventwire/eventwire/when"
)

func readTASS(b *testing.B) string {
	text, err := os.ReadFile("testdata/tass-2020-02-21-idlib.txt")
	if err != nil {
		b.Fatal(err)
	}
	return string(text)
}

func BenchmarkTag(b *testing.B) {
	text := readTASS(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		when.Tag(text, friday)
	}
}

// BenchmarkTagWikinews runs Tag over the Wikinews articles of the shared
// corpus, for a figure on more varied text than one wire story.
func BenchmarkTagWikinews(b *testing.B) {
	f, err := os.Open(filepath.Join(sharedDir(b), "corpus", "wikinews", "wikinews_2020.csv"))
	if err != nil {
		b.Skipf("Wikinews corpus not found: %v", err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		b.Fatal(err)
	}
	var texts []string
	n := 0
	for _, r := range recs[1:] {
		texts = append(texts, r[3])
		n += len(r[3])
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for _, text := range texts {
			when.Tag(text, friday)
		}
	}
}

func BenchmarkFindDateline(b *testing.B) {
	text := readTASS(b)
	for b.Loop() {
		when.FindDateline(text, friday)
	}
}

func BenchmarkPubDates(b *testing.B) {
	text := readTASS(b)
	stage := &when.PubDates{Clock: clock(friday)}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		doc := &eventwire.Document{Article: eventwire.Article{Text: text}}
		if err := stage.Process(doc); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDates(b *testing.B) {
	words := strings.Fields("discussed told escalated entered launched aided repelled started stated added controlled set")
	doc := tassDoc(b, words)
	b.SetBytes(int64(len(doc.Article.Text)))
	b.ReportAllocs()
	for b.Loop() {
		if err := (when.Dates{}).Process(doc); err != nil {
			b.Fatal(err)
		}
	}
}
