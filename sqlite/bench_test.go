package sqlite_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/eventwire/eventwire/internal/repo"

	"github.com/eventwire/eventwire"
	"github.com/eventwire/eventwire/internal/storetest"
	"github.com/eventwire/eventwire/source"
	"github.com/eventwire/eventwire/sqlite"
)

// BenchmarkPutDocument stores copies of the coded example story, each a
// new article, and reports documents and events a second.
func BenchmarkPutDocument(b *testing.B) {
	ctx := context.Background()
	s := open(b, filepath.Join(b.TempDir(), "events.db"))
	story := storetest.Story(b)
	docs := make([]*eventwire.Document, b.N)
	for i := range docs {
		id := fmt.Sprintf("copy-%d", i)
		docs[i] = storetest.Clone(story, id, "https://example.org/"+id)
	}
	b.ResetTimer()
	for i := range b.N {
		if _, err := s.PutDocument(ctx, docs[i]); err != nil {
			b.Fatal(err)
		}
	}
	secs := b.Elapsed().Seconds()
	b.ReportMetric(float64(b.N)/secs, "docs/s")
	b.ReportMetric(float64(b.N*len(story.Events))/secs, "events/s")
}

// BenchmarkPutDocuments stores the same copies in batches, as ingest does.
func BenchmarkPutDocuments(b *testing.B) {
	ctx := context.Background()
	story := storetest.Story(b)
	for _, size := range []int{10, 100} {
		b.Run(fmt.Sprintf("batch=%d", size), func(b *testing.B) {
			s := open(b, filepath.Join(b.TempDir(), "events.db"))
			docs := make([]*eventwire.Document, b.N)
			for i := range docs {
				id := fmt.Sprintf("copy-%d", i)
				docs[i] = storetest.Clone(story, id, "https://example.org/"+id)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i += size {
				if _, err := s.PutDocuments(ctx, docs[i:min(i+size, b.N)]); err != nil {
					b.Fatal(err)
				}
			}
			secs := b.Elapsed().Seconds()
			b.ReportMetric(float64(b.N)/secs, "docs/s")
			b.ReportMetric(float64(b.N*len(story.Events))/secs, "events/s")
		})
	}
}

// BenchmarkPutDocumentsWikinews stores the coded Wikinews corpus
// (../shared/corpus/wikinews) in batches of 100 into a new database, as
// ingest does; coding is not timed. One op is the whole corpus.
func BenchmarkPutDocumentsWikinews(b *testing.B) {
	ctx := context.Background()
	dir := filepath.Join(repo.Root(b), "..", "shared", "corpus", "wikinews")
	files, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
	if len(files) == 0 {
		b.Skipf("no Wikinews corpus in %s", dir)
	}
	r := &source.Reader{Format: source.FormatCSV}
	var docs []*eventwire.Document
	for res := range storetest.Pipeline(b).RunAll(ctx, r.Articles(ctx, files), 0) {
		if res.Err != nil {
			b.Fatal(res.Err)
		}
		docs = append(docs, res.Doc)
	}
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		s := open(b, filepath.Join(b.TempDir(), fmt.Sprintf("events%d.db", i)))
		b.StartTimer()
		for j := 0; j < len(docs); j += 100 {
			if _, err := s.PutDocuments(ctx, docs[j:min(j+100, len(docs))]); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N*len(docs))/b.Elapsed().Seconds(), "docs/s")
}

// benchEvents is how many synthetic events BenchmarkEvents and
// BenchmarkAggregate query; set EVENTWIRE_BENCH_EVENTS=1000000 for the
// figure the README quotes (building that database takes about a minute).
func benchEvents() int {
	if n, err := strconv.Atoi(os.Getenv("EVENTWIRE_BENCH_EVENTS")); err == nil && n > 0 {
		return n
	}
	return 100_000
}

var (
	benchOnce  sync.Once
	benchStore *sqlite.Store
	benchDir   string
	benchErr   error
)

// syntheticStore builds, once per process, a store of benchEvents()
// synthetic events spread over ten years, 60 countries, the CAMEO roots and
// the map, in articles of 50 events.
func syntheticStore(b *testing.B) *sqlite.Store {
	benchOnce.Do(func() {
		dir, err := os.MkdirTemp("", "eventwire-bench")
		if err != nil {
			benchErr = err
			return
		}
		benchDir = dir
		ctx := context.Background()
		s, err := sqlite.Open(ctx, filepath.Join(dir, "events.db"))
		if err != nil {
			benchErr = err
			return
		}
		rng := rand.New(rand.NewPCG(1, 2))
		countries := make([]string, 60)
		for i := range countries {
			countries[i] = string([]byte{'A' + byte(i/26%26), 'A' + byte(i%26), 'X'})
		}
		countries[0], countries[1], countries[2] = "RUS", "SYR", "TUR"
		sectors := []string{"", "GOV", "MIL", "REB", "CVL", "BUS", "MED"}
		codes := []string{"010", "020", "036", "040", "041", "042", "043", "051", "057", "061", "070", "073", "090",
			"111", "112", "120", "130", "138", "141", "145", "163", "172", "173", "180", "181", "190", "193", "195", "200"}
		words := strings.Fields("army attack talks sanctions protest border troops minister visit aid ceasefire " +
			"president parliament police rebels shelling agreement election refugees village city capital")
		n := benchEvents()
		const perDoc = 50
		var batch []*eventwire.Document
		start := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
		for d := 0; d*perDoc < n; d++ {
			id := fmt.Sprintf("syn%07d", d)
			doc := &eventwire.Document{Article: eventwire.Article{ID: id, URL: "https://example.org/" + id, Text: id}}
			for e := range min(perDoc, n-d*perDoc) {
				src, tgt := countries[rng.IntN(len(countries))], countries[rng.IntN(len(countries))]
				code := codes[rng.IntN(len(codes))]
				lat, lon := rng.Float64()*140-60, rng.Float64()*360-180
				sentence := fmt.Sprintf("%s %s %s %s.", words[rng.IntN(len(words))], words[rng.IntN(len(words))],
					words[rng.IntN(len(words))], words[rng.IntN(len(words))])
				sec := sectors[rng.IntN(len(sectors))]
				doc.Events = append(doc.Events, eventwire.Event{
					Article: id, ID: fmt.Sprintf("%s-%02d", id, e),
					Date:          start.AddDate(0, 0, rng.IntN(3650)).Format("2006-01-02"),
					DatePrecision: eventwire.PrecisionDay,
					Source:        &eventwire.Participant{Code: src + sec, Country: src, Sector: sec, Text: src},
					Target:        &eventwire.Participant{Code: tgt, Country: tgt, Text: tgt},
					CAMEO:         code, Root: code[:2], Quad: 1 + rng.IntN(4), Goldstein: float64(rng.IntN(200)-100) / 10,
					Plover: eventwire.Plover{Type: []string{"ASSAULT", "CONSULT", "ACCUSE", "AID", "PROTEST"}[rng.IntN(5)]},
					Location: &eventwire.Location{Name: "X", Country: countries[rng.IntN(len(countries))],
						ADM1: fmt.Sprintf("XX%02d", rng.IntN(20)), Lat: lat, Lon: lon, Precision: "city"},
					Evidence:   eventwire.Evidence{Sentence: sentence, End: len(sentence)},
					Confidence: 0.5,
				})
			}
			batch = append(batch, doc)
			if len(batch) == 100 {
				if _, err := s.PutDocuments(ctx, batch); err != nil {
					benchErr = err
					return
				}
				batch = nil
			}
		}
		if _, err := s.PutDocuments(ctx, batch); err != nil {
			benchErr = err
			return
		}
		s.DB().ExecContext(ctx, "ANALYZE")
		benchStore = s
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchStore
}

var benchQueries = []struct {
	name string
	f    eventwire.EventFilter
}{
	{"first page", eventwire.EventFilter{Limit: 100}},
	{"one month", eventwire.EventFilter{From: "2020-02-01", To: "2020-02-29"}},
	{"actor and root, page", eventwire.EventFilter{Actor: "RUS", CAMEO: []string{"19"}, Limit: 100}},
	{"actor and root, all", eventwire.EventFilter{Actor: "RUS", CAMEO: []string{"19"}}},
	{"source sector, a year", eventwire.EventFilter{Source: "SYRMIL", From: "2020-01-01", To: "2020-12-31"}},
	{"place", eventwire.EventFilter{Location: "TUR", Limit: 100}},
	{"bbox", eventwire.EventFilter{BBox: &[4]float64{35, 32, 42.5, 37.5}}},
	{"text, page", eventwire.EventFilter{Text: "shelling village", Limit: 100}},
	{"quad and plover, page", eventwire.EventFilter{Quad: 4, Plover: "ASSAULT", Limit: 100}},
}

// BenchmarkEvents runs typical queries over benchEvents() events and
// reports the events each yields.
func BenchmarkEvents(b *testing.B) {
	s := syntheticStore(b)
	ctx := context.Background()
	for _, q := range benchQueries {
		b.Run(q.name, func(b *testing.B) {
			n := 0
			for range b.N {
				n = 0
				for _, err := range s.Events(ctx, q.f) {
					if err != nil {
						b.Fatal(err)
					}
					n++
				}
			}
			b.ReportMetric(float64(n), "events")
		})
	}
}

// BenchmarkAggregate groups benchEvents() events.
func BenchmarkAggregate(b *testing.B) {
	s := syntheticStore(b)
	ctx := context.Background()
	for _, q := range []struct {
		name, by string
		f        eventwire.EventFilter
	}{
		{"all by month", eventwire.ByMonth, eventwire.EventFilter{}},
		{"actor by week", eventwire.ByWeek, eventwire.EventFilter{Actor: "RUS"}},
		{"a year by day", eventwire.ByDay, eventwire.EventFilter{From: "2020-01-01", To: "2020-12-31"}},
		{"country by dyad", eventwire.ByDyad, eventwire.EventFilter{Country: "SYR"}},
		{"a year by root", eventwire.ByRoot, eventwire.EventFilter{From: "2020-01-01", To: "2020-12-31"}},
		{"quad by country", eventwire.ByCountry, eventwire.EventFilter{Quad: 4}},
	} {
		b.Run(q.name, func(b *testing.B) {
			for range b.N {
				if _, err := s.Aggregate(ctx, q.f, q.by); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
