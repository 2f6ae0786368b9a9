package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/eventwire/eventwire"
)

// queryDB ingests the example story and two small articles into a new
// database and returns its path.
func queryDB(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	db := filepath.Join(dir, "events.db")
	lines := filepath.Join(dir, "more.jsonl")
	os.WriteFile(lines, []byte(`{"id":"kyiv","text":"Russian forces shelled Kharkiv on Thursday.","published":"2022-03-04"}
{"id":"talks","text":"Putin met Erdogan in Moscow on Friday.","published":"2020-03-06"}
`), 0o644)
	if code, _, errs := runCmd(t, "", "ingest", "--db", db, "--published", "2020-02-21", example); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, errs)
	}
	if code, _, errs := runCmd(t, "", "ingest", "--db", db, "--in", "jsonl", lines); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, errs)
	}
	return db
}

func queryEvents(t *testing.T, db string, args ...string) []eventwire.Event {
	t.Helper()
	code, out, errs := runCmd(t, "", append([]string{"query", "--db", db, "--out", "jsonl"}, args...)...)
	if code != 0 {
		t.Fatalf("query %v: exit %d: %s", args, code, errs)
	}
	var evs []eventwire.Event
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if l == "" {
			continue
		}
		var ev eventwire.Event
		if err := json.Unmarshal([]byte(l), &ev); err != nil {
			t.Fatalf("query %v: %v: %s", args, err, l)
		}
		evs = append(evs, ev)
	}
	return evs
}

func TestQuery(t *testing.T) {
	db := queryDB(t)
	all := queryEvents(t, db)
	if len(all) < 16 {
		t.Fatalf("%d events stored, want at least 16", len(all))
	}

	t.Run("same record as code", func(t *testing.T) {
		_, out, _ := runCmd(t, "", "code", "--published", "2020-02-21", "--out", "jsonl", example)
		want := strings.Split(strings.TrimSpace(out), "\n")
		_, out, _ = runCmd(t, "", "query", "--db", db, "--out", "jsonl", "--to", "2020-02-29")
		got := strings.Split(strings.TrimSpace(out), "\n")
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("query gives other records than code:\n got %s\nwant %s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})

	t.Run("filters", func(t *testing.T) {
		type check func(ev eventwire.Event) bool
		code := func(p *eventwire.Participant) string {
			if p == nil {
				return ""
			}
			return p.Code
		}
		cases := []struct {
			args []string
			ok   check
		}{
			{[]string{"--actor", "rus"}, func(ev eventwire.Event) bool {
				return strings.HasPrefix(code(ev.Source), "RUS") || strings.HasPrefix(code(ev.Target), "RUS")
			}},
			{[]string{"--source", "SYR", "--target", "SYR"}, func(ev eventwire.Event) bool {
				return strings.HasPrefix(code(ev.Source), "SYR") && strings.HasPrefix(code(ev.Target), "SYR")
			}},
			{[]string{"--country", "TUR"}, func(ev eventwire.Event) bool {
				return ev.Source != nil && ev.Source.Country == "TUR" || ev.Target != nil && ev.Target.Country == "TUR"
			}},
			{[]string{"--cameo", "19,041"}, func(ev eventwire.Event) bool {
				return strings.HasPrefix(ev.CAMEO, "19") || strings.HasPrefix(ev.CAMEO, "041")
			}},
			{[]string{"--from", "2020-02-10", "--to", "2020-02-20"}, func(ev eventwire.Event) bool {
				return ev.Date >= "2020-02-10" && ev.Date <= "2020-02-20"
			}},
			{[]string{"--quad", "4"}, func(ev eventwire.Event) bool { return ev.Quad == 4 }},
			{[]string{"--plover", "assault"}, func(ev eventwire.Event) bool { return ev.Plover.Type == "ASSAULT" }},
			{[]string{"--place", "SYR"}, func(ev eventwire.Event) bool { return ev.Location != nil && ev.Location.Country == "SYR" }},
			{[]string{"--bbox", "35,32,42.5,37.5"}, func(ev eventwire.Event) bool {
				l := ev.Location
				return l != nil && l.Lon >= 35 && l.Lon <= 42.5 && l.Lat >= 32 && l.Lat <= 37.5
			}},
			{[]string{"--text", "Saraqib"}, func(ev eventwire.Event) bool { return strings.Contains(ev.Evidence.Sentence, "Saraqib") }},
		}
		for _, c := range cases {
			got := queryEvents(t, db, c.args...)
			want := 0
			for _, ev := range all {
				if c.ok(ev) {
					want++
				}
			}
			if len(got) != want || want == 0 {
				t.Errorf("%v: %d events, want %d (and more than none)", c.args, len(got), want)
			}
			for _, ev := range got {
				if !c.ok(ev) {
					t.Errorf("%v selected %s %s", c.args, ev.ID, ev.Evidence.Sentence)
				}
			}
		}
	})

	t.Run("paging", func(t *testing.T) {
		var ids []string
		after := ""
		for range len(all) + 1 {
			args := []string{"--limit", "4"}
			if after != "" {
				args = append(args, "--after", after)
			}
			page := queryEvents(t, db, args...)
			for _, ev := range page {
				ids = append(ids, ev.ID)
			}
			if len(page) < 4 {
				break
			}
			after = page[len(page)-1].ID
		}
		var want []string
		for _, ev := range all {
			want = append(want, ev.ID)
		}
		if !slices.Equal(ids, want) {
			t.Errorf("pages of 4:\n got %v\nwant %v", ids, want)
		}
	})

	t.Run("table", func(t *testing.T) {
		code, out, errs := runCmd(t, "", "query", "--db", db, "--out", "table", "--cameo", "041")
		if code != 0 || !strings.HasPrefix(out, "DATE") || !strings.Contains(out, "RUSGOV") {
			t.Errorf("exit %d:\n%s%s", code, out, errs)
		}
	})

	t.Run("csv", func(t *testing.T) {
		code, out, errs := runCmd(t, "", "query", "--db", db, "--out", "csv")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(recs[0], csvEventHeader) || len(recs) != len(all)+1 {
			t.Fatalf("header %v, %d rows; want %d", recs[0], len(recs)-1, len(all))
		}
		col := map[string]int{}
		for i, h := range recs[0] {
			col[h] = i
		}
		for i, ev := range all {
			r := recs[i+1]
			gold, _ := strconv.ParseFloat(r[col["goldstein"]], 64)
			start, _ := strconv.Atoi(r[col["evidence_start"]])
			if r[col["id"]] != ev.ID || r[col["cameo"]] != ev.CAMEO || gold != ev.Goldstein || start != ev.Evidence.Start ||
				r[col["evidence"]] != ev.Evidence.Sentence {
				t.Errorf("row %d %v does not match event %+v", i+1, r, ev)
			}
		}
		// No events: still the header, for tools that read it.
		_, out, _ = runCmd(t, "", "query", "--db", db, "--out", "csv", "--actor", "ZZZ")
		if strings.TrimSpace(out) != strings.Join(csvEventHeader, ",") {
			t.Errorf("empty CSV: %q", out)
		}
	})

	t.Run("by", func(t *testing.T) {
		for _, by := range []string{"day", "week", "month", "dyad", "root", "country"} {
			code, out, errs := runCmd(t, "", "query", "--db", db, "--by", by, "--out", "jsonl")
			if code != 0 {
				t.Fatalf("--by %s: exit %d: %s", by, code, errs)
			}
			total, sum := 0, 0.0
			for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
				var b eventwire.Bucket
				if err := json.Unmarshal([]byte(l), &b); err != nil {
					t.Fatalf("--by %s: %v: %s", by, err, l)
				}
				total += b.Events
				sum += b.GoldsteinSum
			}
			want := 0.0
			for _, ev := range all {
				want += ev.Goldstein
			}
			if total != len(all) || sum-want > 1e-6 || want-sum > 1e-6 {
				t.Errorf("--by %s: %d events, Goldstein %v; want %d, %v", by, total, sum, len(all), want)
			}
			code, out, _ = runCmd(t, "", "query", "--db", db, "--by", by, "--out", "csv")
			recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
			if code != 0 || err != nil || len(recs) < 2 || recs[0][len(recs[0])-3] != "events" {
				t.Errorf("--by %s --out csv: exit %d, %v:\n%s", by, code, err, out)
			}
			code, out, _ = runCmd(t, "", "query", "--db", db, "--by", by, "--out", "table")
			if code != 0 || !strings.Contains(out, "EVENTS") || !strings.Contains(out, "total") {
				t.Errorf("--by %s --out table: exit %d:\n%s", by, code, out)
			}
		}
		_, out, _ := runCmd(t, "", "query", "--db", db, "--by", "month", "--out", "csv", "--quad", "4", "--to", "2020-02-29")
		if !strings.HasPrefix(out, "month,events,goldstein_sum,goldstein_mean\n") || !strings.Contains(out, "\n2020-02,") ||
			strings.Contains(out, "2022-") {
			t.Errorf("--by month with filters:\n%s", out)
		}
		_, out, _ = runCmd(t, "", "query", "--db", db, "--by", "dyad", "--out", "csv", "--cameo", "041")
		if !strings.Contains(out, "source,target,events") || !strings.Contains(out, "RUSGOV,TURGOV,") {
			t.Errorf("--by dyad:\n%s", out)
		}
	})
}

func TestQueryUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "events.db")
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--from", "2020-02-30"}, "--from"},
		{[]string{"--to", "yesterday"}, "--to"},
		{[]string{"--from", "2020-03-01", "--to", "2020-02-01"}, "--to"},
		{[]string{"--actor", "RUS GOV"}, "--actor"},
		{[]string{"--source", "RUS;"}, "--source"},
		{[]string{"--target", "-"}, "--target"},
		{[]string{"--country", "RUSSIA"}, "--country"},
		{[]string{"--cameo", "19,x"}, "--cameo"},
		{[]string{"--cameo", "19,"}, "--cameo"},
		{[]string{"--plover", "assault!"}, "--plover"},
		{[]string{"--quad", "5"}, "--quad"},
		{[]string{"--quad", "one"}, "--quad"},
		{[]string{"--place", "Idlib, Syria"}, "--place"},
		{[]string{"--bbox", "1,2,3"}, "--bbox"},
		{[]string{"--bbox", "1,2,3,x"}, "--bbox"},
		{[]string{"--bbox", "1,50,3,40"}, "--bbox"},
		{[]string{"--bbox", "-181,0,3,4"}, "--bbox"},
		{[]string{"--text", "!!"}, "--text"},
		{[]string{"--limit", "-1"}, "--limit"},
		{[]string{"--limit", "many"}, "-limit"},
		{[]string{"--nonsense"}, "-nonsense"},
		{[]string{"--by", "year"}, "--by"},
		{[]string{"--by", "day", "--after", "x"}, "--after"},
		{[]string{"--out", "xml"}, "--out"},
		{[]string{"story.txt"}, "unexpected argument"},
		{[]string{"--db", "postgres://localhost/ew"}, "not supported yet"},
	}
	for _, c := range cases {
		code, _, errs := runCmd(t, "", append([]string{"query", "--db", db}, c.args...)...)
		if code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, want 2 and %q:\n%s", c.args, code, c.want, errs)
		}
	}
	// A missing database is an error, and is not created.
	code, _, errs := runCmd(t, "", "query", "--db", db)
	if code != 1 || !strings.Contains(errs, "no database") {
		t.Errorf("missing database: exit %d: %s", code, errs)
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("query created the database")
	}
	// An unknown cursor is the user's mistake too.
	db = queryDB(t)
	if code, _, errs := runCmd(t, "", "query", "--db", db, "--after", "nosuchevent"); code != 2 || !strings.Contains(errs, "After") {
		t.Errorf("unknown --after: exit %d: %s", code, errs)
	}
}

// TestQueryClusters: the same story stored twice under two names is one
// cluster per event with two articles, and --cluster lists both mentions.
func TestQueryClusters(t *testing.T) {
	dir := t.TempDir()
	story, err := os.ReadFile("../../examples/tass-2020-02-21-idlib.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a.txt", "b.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), story, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(dir, "events.db")
	if code, _, errs := runCmd(t, "", "ingest", "--quiet", "--db", db, "--published", "2020-02-21",
		filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, errs)
	}
	code, out, errs := runCmd(t, "", "query", "--db", db, "--clusters", "--out", "csv", "--cameo", "138")
	if code != 0 {
		t.Fatalf("query --clusters: exit %d: %s", code, errs)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("want a header and one cluster, got %q (%v)", out, err)
	}
	if got := rows[1][7] + "/" + rows[1][9]; got != "2/2" {
		t.Errorf("mentions/articles = %s, want 2/2: %q", got, rows[1])
	}
	code, out, errs = runCmd(t, "", "query", "--db", db, "--cluster", rows[1][0], "--out", "jsonl")
	if code != 0 || strings.Count(out, "\n") != 2 {
		t.Errorf("--cluster %s: exit %d, %d mentions: %s%s", rows[1][0], code, strings.Count(out, "\n"), out, errs)
	}
}
