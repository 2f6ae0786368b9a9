package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/eventwire/eventwire"
	"github.com/eventwire/eventwire/sqlite"
)

const example = "../../examples/tass-2020-02-21-idlib.txt"

// dbCount returns the rows of table in the database at path.
func dbCount(t *testing.T, path, table string) int {
	t.Helper()
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var n int
	if err := s.DB().QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

var summaryRE = regexp.MustCompile(`ingested \d+ articles? \([^)]*\), \d+ events?; \d+ inputs? failed`)

func summary(t *testing.T, stderr string) string {
	t.Helper()
	m := summaryRE.FindString(stderr)
	if m == "" {
		t.Fatalf("no summary line in:\n%s", stderr)
	}
	return m
}

// TestIngest: a new article is stored, the same again changes nothing,
// an edited one replaces its events.
func TestIngest(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "events.db")
	story, err := os.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "story.txt")
	os.WriteFile(in, story, 0o644)
	edited := strings.Replace(string(story), "The Syrian army repelled all the attacks.", "", 1)
	// What the coder makes of each version, whatever it is, is what is stored.
	count := func(text string) int {
		os.WriteFile(in, []byte(text), 0o644)
		_, out, _ := runCmd(t, "", "code", "--out", "jsonl", "--published", "2020-02-21", in)
		return strings.Count(out, "\n")
	}
	n, m := count(string(story)), count(edited)
	if n == 0 || m == 0 || n == m {
		t.Fatalf("the story codes to %d events, the edited one to %d: the test needs a difference", n, m)
	}
	steps := []struct {
		name, text, want string
	}{
		{"new", string(story), fmt.Sprintf("ingested 1 article (1 new, 0 unchanged), %d events; 0 inputs failed", n)},
		{"again", string(story), "ingested 1 article (0 new, 1 unchanged), 0 events; 0 inputs failed"},
		{"edited", edited, fmt.Sprintf("ingested 1 article (0 new, 1 changed, 0 unchanged), %d events; 0 inputs failed", m)},
		{"edited again", edited, "ingested 1 article (0 new, 1 unchanged), 0 events; 0 inputs failed"},
	}
	for _, s := range steps {
		os.WriteFile(in, []byte(s.text), 0o644)
		code, out, errs := runCmd(t, "", "ingest", "--db", db, "--published", "2020-02-21", in)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", s.name, code, errs)
		}
		if out != "" {
			t.Errorf("%s: ingest wrote to stdout: %s", s.name, out)
		}
		if got := summary(t, errs); got != s.want {
			t.Errorf("%s: %s\nwant %s", s.name, got, s.want)
		}
	}
	if got := dbCount(t, db, "events"); got != m {
		t.Errorf("%d events stored, want %d", got, m)
	}
	if n := dbCount(t, db, "articles"); n != 1 {
		t.Errorf("%d articles stored, want 1", n)
	}
}

// TestIngestFailures: bad inputs are named and counted, the good ones are
// stored, the exit status is 1; an article that clashes with a stored one
// fails alone.
func TestIngestFailures(t *testing.T) {
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "events.db")
	lines := filepath.Join(dir, "a.jsonl")
	os.WriteFile(lines, []byte(`{"id":"one","text":"The Syrian army repelled the attacks.","published":"2020-02-21"}
{not json}
{"id":"two","url":"https://example.org/two","text":"Putin met Erdogan in Moscow on Friday.","published":"2020-03-06"}
{"id":"empty","text":"Nothing to see."}
`), 0o644)
	code, _, errs := runCmd(t, "", "ingest", "--in", "jsonl", "--db", db, lines, filepath.Join(dir, "missing.txt"))
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	for _, want := range []string{"a.jsonl:2", "missing.txt", "ingested 3 articles (3 new, 0 unchanged)", "2 inputs failed"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if n := dbCount(t, strings.TrimPrefix(db, "sqlite:"), "articles"); n != 3 {
		t.Errorf("%d articles stored, want 3 (one without events)", n)
	}
	// The same id under another URL codes to the same event ids: it
	// cannot be stored beside the first, and says so.
	clash := filepath.Join(dir, "b.jsonl")
	os.WriteFile(clash, []byte(`{"id":"two","url":"https://example.org/other","text":"Putin met Erdogan in Moscow on Friday.","published":"2020-03-06"}
{"id":"three","text":"Putin met Erdogan in Ankara on Friday.","published":"2020-03-06"}
`), 0o644)
	code, _, errs = runCmd(t, "", "ingest", "--in", "jsonl", "--db", db, clash)
	if code != 1 || !strings.Contains(errs, "error: two:") || !strings.Contains(errs, "conflict") ||
		!strings.Contains(errs, "ingested 1 article (1 new, 0 unchanged)") {
		t.Errorf("clash: exit %d:\n%s", code, errs)
	}
}

func TestIngestUsage(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"ingest"}, "no input"},
		{[]string{"ingest", "--in", "xml", example}, "--in"},
		{[]string{"ingest", "--published", "yesterday", example}, "--published"},
		{[]string{"ingest", "--db", "postgres://ew:secret@localhost/ew", example}, "PostgreSQL is not supported yet"},
		{[]string{"ingest", "--db", "mysql://localhost/ew", example}, "unknown kind of database"},
		{[]string{"ingest", "--db", "sqlite:", example}, "empty path"},
	}
	for _, c := range cases {
		code, _, errs := runCmd(t, "", c.args...)
		if code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, want 2 and %q:\n%s", c.args, code, c.want, errs)
		}
		if strings.Contains(errs, "secret") {
			t.Errorf("%v: the password is printed:\n%s", c.args, errs)
		}
	}
	// The default database is eventwire.db in the working directory.
	wd, _ := os.Getwd()
	t.Cleanup(func() { os.Chdir(wd) })
	abs, _ := filepath.Abs(example)
	os.Chdir(dir)
	if code, _, errs := runCmd(t, "", "ingest", "--published", "2020-02-21", abs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if n := dbCount(t, filepath.Join(dir, "eventwire.db"), "events"); n == 0 {
		t.Error("no events in ./eventwire.db")
	}
}

// articleEvents maps each stored article's key to its number of events,
// mentions, places and temporal expressions.
func articleEvents(t *testing.T, db *sql.DB) map[string][4]int {
	t.Helper()
	rows, err := db.Query(`SELECT a.key,
		(SELECT COUNT(*) FROM events e WHERE e.article_pk = a.pk),
		(SELECT COUNT(*) FROM mentions m WHERE m.article_pk = a.pk),
		(SELECT COUNT(*) FROM places p WHERE p.article_pk = a.pk),
		(SELECT COUNT(*) FROM timexes x WHERE x.article_pk = a.pk)
		FROM articles a`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	m := map[string][4]int{}
	for rows.Next() {
		var k string
		var c [4]int
		if err := rows.Scan(&k, &c[0], &c[1], &c[2], &c[3]); err != nil {
			t.Fatal(err)
		}
		m[k] = c
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return m
}

// checkConsistent opens the database as ingest would and checks SQLite's
// and the text index's integrity and the foreign keys.
func checkConsistent(t *testing.T, path string) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("the database does not open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	var ok string
	if err := s.DB().QueryRow("PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
		t.Errorf("integrity_check: %q, %v", ok, err)
	}
	var bad int
	if err := s.DB().QueryRow("SELECT COUNT(*) FROM pragma_foreign_key_check").Scan(&bad); err != nil || bad != 0 {
		t.Errorf("foreign_key_check: %d rows, %v", bad, err)
	}
	if _, err := s.DB().Exec("INSERT INTO events_fts(events_fts, rank) VALUES('integrity-check', 1)"); err != nil {
		t.Errorf("text index: %v", err)
	}
	return s
}

var _ eventwire.EventStore = (*sqlite.Store)(nil)
