package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/eventwire/eventwire"
	"github.com/eventwire/eventwire/internal/storetest"
	"github.com/eventwire/eventwire/sqlite"
)

func TestMain(m *testing.M) {
	code := m.Run()
	if benchStore != nil { // built by the query benchmarks
		benchStore.Close()
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

func open(t testing.TB, path string) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) eventwire.EventStore {
		return open(t, filepath.Join(t.TempDir(), "events.db"))
	})
}

// TestOpen: a new file gets the schema, a second Open of it migrates
// nothing, the settings hold on every connection, and the data survive.
func TestOpen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "dir with spaces & a ?mark", "events.db")
	if _, err := sqlite.Open(ctx, path); err == nil {
		t.Fatal("Open in a missing directory succeeded")
	}
	path = filepath.Join(t.TempDir(), "a ?mark #1.db")
	s := open(t, path)
	doc := storetest.Synthetic()[0]
	if _, err := s.PutDocument(ctx, doc); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ pragma, want string }{
		{"journal_mode", "wal"}, {"foreign_keys", "1"}, {"busy_timeout", "10000"}, {"synchronous", "1"},
	} {
		var got string
		if err := s.DB().QueryRowContext(ctx, "PRAGMA "+c.pragma).Scan(&got); err != nil || got != c.want {
			t.Errorf("PRAGMA %s = %q, %v; want %q", c.pragma, got, err, c.want)
		}
	}
	v, err := s.Version(ctx)
	if err != nil || v < 1 {
		t.Errorf("Version = %d, %v", v, err)
	}
	s.Close()

	s = open(t, path)
	var n int
	if err := s.DB().QueryRowContext(ctx, "SELECT COUNT(*) FROM schema_migrations").Scan(&n); err != nil || n != v {
		t.Errorf("%d migrations recorded after reopening, want %d (%v)", n, v, err)
	}
	if ev, err := s.Event(ctx, "a1"); err != nil || ev.Source.Code != "RUSMIL" {
		t.Errorf("after reopening: %+v, %v", ev, err)
	}
	if changed, err := s.PutDocument(ctx, doc); changed || err != nil {
		t.Errorf("after reopening, the same document: changed %v, %v", changed, err)
	}
}

// TestNewerSchema: a database from a newer eventwire is refused, not
// written with a schema this one does not know.
func TestNewerSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "events.db")
	s := open(t, path)
	if _, err := s.DB().ExecContext(ctx, "INSERT INTO schema_migrations VALUES (999, '0999_future.sql', '')"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err := sqlite.Open(ctx, path); err == nil {
		s.Close()
		t.Fatal("opened a database with a newer schema")
	}
}

// TestOpenConcurrently: processes (here: stores) opening a new file at once
// apply each migration once.
func TestOpenConcurrently(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "events.db")
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			s, err := sqlite.Open(ctx, path)
			if err == nil {
				err = s.Close()
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	s := open(t, path)
	if err := s.DB().QueryRowContext(ctx, "PRAGMA integrity_check").Scan(new(string)); err != nil {
		t.Error(err)
	}
}

// TestCascade: replacing an article leaves no rows of its old version in
// any table, the text index included.
func TestCascade(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "events.db"))
	story := storetest.Story(t)
	if _, err := s.PutDocument(ctx, story); err != nil {
		t.Fatal(err)
	}
	count := func() map[string]int {
		m := map[string]int{}
		for _, table := range []string{"articles", "mentions", "places", "timexes", "events"} {
			var n int
			if err := s.DB().QueryRowContext(ctx, "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
				t.Fatal(err)
			}
			m[table] = n
		}
		var n int
		if err := s.DB().QueryRowContext(ctx, "SELECT COUNT(*) FROM events_fts WHERE events_fts MATCH 'syrian'").Scan(&n); err != nil {
			t.Fatal(err)
		}
		m["fts syrian"] = n
		return m
	}
	before := count()
	for table, n := range before {
		if n == 0 {
			t.Errorf("the story stored no %s", table)
		}
	}
	changed := storetest.Clone(story, story.Article.ID, story.Article.URL)
	changed.Article.Title = "changed"
	if _, err := s.PutDocument(ctx, changed); err != nil {
		t.Fatal(err)
	}
	if after := count(); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("after replacing with the same rows: %v, want %v", after, before)
	}
	var problems int
	if err := s.DB().QueryRowContext(ctx, "SELECT COUNT(*) FROM pragma_foreign_key_check").Scan(&problems); err != nil || problems != 0 {
		t.Errorf("foreign key check: %d problems, %v", problems, err)
	}
	if err := s.DB().QueryRowContext(ctx, "INSERT INTO events_fts(events_fts, rank) VALUES('integrity-check', 1)").Err(); err != nil {
		t.Errorf("text index: %v", err)
	}
}

// TestTextIndexInBatches: the text index follows events through batches
// that replace an article, even one added earlier in the same batch.
func TestTextIndexInBatches(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "events.db"))
	docs := storetest.Synthetic()
	a := docs[0]
	a2 := storetest.Clone(a, a.Article.ID, a.Article.URL)
	a2.Article.Text += " Again."
	a2.Events = a2.Events[:2]
	a2.Events[1].Evidence.Sentence = "Washington imposed new sanctions."
	a3 := storetest.Clone(a2, a.Article.ID, a.Article.URL)
	a3.Article.Text += " And again."
	story := storetest.Story(t)
	story2 := storetest.Clone(story, story.Article.ID, story.Article.URL)
	story2.Article.Title = "changed"
	noEvents := storetest.Clone(a, a.Article.ID, a.Article.URL)
	noEvents.Article.Text += " None."
	noEvents.Events = nil
	for _, batch := range [][]*eventwire.Document{
		{a, docs[1]}, {a2, story, a3}, {a, a2},
		// The story's events hold the top pks; once they and a's are
		// gone, the story's new events take pks below the batch's first.
		{noEvents}, {a, noEvents, story2},
	} {
		if _, err := s.PutDocuments(ctx, batch); err != nil {
			t.Fatal(err)
		}
		if err := s.DB().QueryRowContext(ctx, "INSERT INTO events_fts(events_fts, rank) VALUES('integrity-check', 1)").Err(); err != nil {
			t.Fatalf("text index: %v", err)
		}
	}
	var got []string
	for ev, err := range s.Events(ctx, eventwire.EventFilter{Text: "sanctions"}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, ev.ID+": "+ev.Evidence.Sentence)
	}
	if len(got) != 0 {
		t.Errorf("Text sanctions: %v, want none", got)
	}
	var n, want int
	s.DB().QueryRowContext(ctx, "SELECT COUNT(*) FROM events_fts WHERE events_fts MATCH 'syrian'").Scan(&n)
	for _, ev := range story.Events {
		if strings.Contains(strings.ToLower(ev.Evidence.Sentence), "syrian") {
			want++
		}
	}
	if n != want || n == 0 {
		t.Errorf("%d events of the story found by 'syrian', want %d", n, want)
	}
}

// TestStoredAt: the Store's clock stamps articles.
func TestStoredAt(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "events.db"))
	s.Now = func() time.Time { return time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC) }
	if _, err := s.PutDocument(ctx, storetest.Synthetic()[1]); err != nil {
		t.Fatal(err)
	}
	var at string
	if err := s.DB().QueryRowContext(ctx, "SELECT stored_at FROM articles").Scan(&at); err != nil || at != "2024-05-06T07:08:09Z" {
		t.Errorf("stored_at = %q, %v", at, err)
	}
}

// TestClusterBackfill: events stored before clusters existed (as by a
// database of schema version 1) are clustered when the store opens, as
// they would have been when stored.
func TestClusterBackfill(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "events.db")
	s := open(t, path)
	if _, err := s.PutDocuments(ctx, storetest.Reports()); err != nil {
		t.Fatal(err)
	}
	summary := func(s *sqlite.Store) string {
		var out []string
		for c, err := range s.Clusters(ctx, eventwire.EventFilter{}) {
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprintf("%s %d/%d/%d %v", c.Event.ID, c.NumMentions, c.NumArticles, c.NumSources, c.ReReport))
		}
		return strings.Join(out, "; ")
	}
	want := summary(s)
	for _, q := range []string{"UPDATE events SET cluster_id = NULL", "DELETE FROM clusters", "UPDATE articles SET outlet = NULL"} {
		if _, err := s.DB().ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	s = open(t, path)
	if got := summary(s); got != want {
		t.Errorf("after clustering on open:\n got %s\nwant %s", got, want)
	}
}
