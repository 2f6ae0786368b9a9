package sqlite_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eventwire/eventwire/internal/repo"

	"github.com/eventwire/eventwire"
	"github.com/eventwire/eventwire/internal/storetest"
	"github.com/eventwire/eventwire/source"
	"github.com/eventwire/eventwire/sqlite"
)

// TestClustersWikinews stores the coded Wikinews corpus in batches, as
// ingest does, and checks the clusters against the database: every event in
// one cluster, and the counts kept in step batch by batch equal to those
// of clustering everything afresh when the store opens.
func TestClustersWikinews(t *testing.T) {
	if testing.Short() {
		t.Skip("codes the Wikinews corpus")
	}
	ctx := context.Background()
	dir := filepath.Join(repo.Root(t), "..", "shared", "corpus", "wikinews")
	files, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
	if len(files) == 0 {
		t.Skipf("no Wikinews corpus in %s", dir)
	}
	r := &source.Reader{Format: source.FormatCSV}
	var docs []*eventwire.Document
	for res := range storetest.Pipeline(t).RunAll(ctx, r.Articles(ctx, files), 0) {
		if res.Err != nil {
			t.Fatal(res.Err)
		}
		docs = append(docs, res.Doc)
	}
	path := filepath.Join(t.TempDir(), "events.db")
	s := open(t, path)
	for j := 0; j < len(docs); j += 100 {
		if _, err := s.PutDocuments(ctx, docs[j:min(j+100, len(docs))]); err != nil {
			t.Fatal(err)
		}
	}
	summary := func(s *sqlite.Store) (string, [4]int) {
		var b strings.Builder
		var n [4]int // clusters, mentions, merged clusters, re-reports
		for c, err := range s.Clusters(ctx, eventwire.EventFilter{}) {
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "%d %s %d/%d/%d %v\n", c.ID, c.Event.ID, c.NumMentions, c.NumArticles, c.NumSources, c.ReReport)
			n[0]++
			n[1] += c.NumMentions
			if c.NumArticles > 1 {
				n[2]++
			}
			if c.ReReport {
				n[3]++
			}
		}
		return b.String(), n
	}
	want, n := summary(s)
	var events int
	if err := s.DB().QueryRowContext(ctx, "SELECT COUNT(*) FROM events").Scan(&events); err != nil {
		t.Fatal(err)
	}
	if n[1] != events {
		t.Errorf("clusters hold %d mentions, the store %d events", n[1], events)
	}
	t.Logf("%d articles, %d events: %d clusters, %d of them told by more than one article, %d re-reports",
		len(docs), events, n[0], n[2], n[3])
	for _, q := range []string{"UPDATE events SET cluster_id = NULL", "DELETE FROM clusters"} {
		if _, err := s.DB().ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	if got, _ := summary(open(t, path)); got != want {
		t.Error("clustering afresh on open differs from clustering batch by batch")
	}
}

// BenchmarkClusters lists clusters over benchEvents() synthetic events.
func BenchmarkClusters(b *testing.B) {
	s := syntheticStore(b)
	ctx := context.Background()
	for _, q := range benchQueries {
		b.Run(q.name, func(b *testing.B) {
			n := 0
			for range b.N {
				n = 0
				for _, err := range s.Clusters(ctx, q.f) {
					if err != nil {
						b.Fatal(err)
					}
					n++
				}
			}
			b.ReportMetric(float64(n), "clusters")
		})
	}
}

// BenchmarkCluster reads one cluster with its mentions.
func BenchmarkCluster(b *testing.B) {
	s := syntheticStore(b)
	ctx := context.Background()
	var id int64
	for c, err := range s.Clusters(ctx, eventwire.EventFilter{From: "2020-01-01", Limit: 1}) {
		if err != nil {
			b.Fatal(err)
		}
		id = c.ID
	}
	b.ResetTimer()
	for range b.N {
		if _, err := s.Cluster(ctx, id); err != nil {
			b.Fatal(err)
		}
	}
}
