package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExport(t *testing.T) {
	db := queryDB(t)
	all := queryEvents(t, db)
	located := 0
	for _, ev := range all {
		if ev.Location != nil {
			located++
		}
	}
	summary := func(format string) string {
		if format == "geojson" {
			return fmt.Sprintf("exported %d events (%d without a location, left out)\n", located, len(all)-located)
		}
		return fmt.Sprintf("exported %d events (%d without a location)\n", len(all), len(all)-located)
	}

	tests := []struct {
		format string
		check  func(t *testing.T, out string)
	}{
		{"gdelt", func(t *testing.T, out string) {
			r := csv.NewReader(strings.NewReader(out))
			r.Comma, r.LazyQuotes, r.FieldsPerRecord = '\t', true, 61
			rows, err := r.ReadAll()
			if err != nil || len(rows) != len(all) {
				t.Fatalf("%d rows of 61 fields for %d events: %v", len(rows), len(all), err)
			}
			for i, row := range rows {
				if want := strings.ReplaceAll(all[i].Date, "-", ""); len(want) == 8 && row[1] != want {
					t.Errorf("row %d: SQLDATE %s, want %s", i+1, row[1], want)
				}
				if row[26] != all[i].CAMEO {
					t.Errorf("row %d: EventCode %s, want %s", i+1, row[26], all[i].CAMEO)
				}
			}
		}},
		{"plover", func(t *testing.T, out string) {
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if len(lines) != len(all) {
				t.Fatalf("%d records for %d events", len(lines), len(all))
			}
			for i, l := range lines {
				var rec struct {
					ID        string `json:"id"`
					EventType string `json:"event_type"`
				}
				if err := json.Unmarshal([]byte(l), &rec); err != nil || rec.ID != all[i].ID || rec.EventType != all[i].Plover.Type {
					t.Errorf("record %d: %+v, %v", i+1, rec, err)
				}
			}
		}},
		{"csv", func(t *testing.T, out string) {
			rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
			if err != nil || len(rows) != len(all)+1 || rows[0][0] != "id" {
				t.Fatalf("%d rows for %d events and a header: %v", len(rows), len(all), err)
			}
		}},
		{"geojson", func(t *testing.T, out string) {
			var fc struct {
				Type     string `json:"type"`
				Features []struct {
					ID string `json:"id"`
				} `json:"features"`
			}
			if err := json.Unmarshal([]byte(out), &fc); err != nil || fc.Type != "FeatureCollection" || len(fc.Features) != located {
				t.Fatalf("%s of %d features, want %d: %v", fc.Type, len(fc.Features), located, err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			code, out, errs := runCmd(t, "", "export", "--db", db, "--format", tt.format)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			if errs != summary(tt.format) {
				t.Errorf("stderr %q, want %q", errs, summary(tt.format))
			}
			tt.check(t, out)

			// --out writes the same bytes to a file, and nothing to stdout.
			file := filepath.Join(t.TempDir(), "events."+tt.format)
			code, stdout, errs := runCmd(t, "", "export", "--db", db, "--format", tt.format, "--out", file)
			if code != 0 || stdout != "" {
				t.Fatalf("--out: exit %d, stdout %q: %s", code, stdout, errs)
			}
			got, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if tt.format != "gdelt" && !bytes.Equal(got, []byte(out)) { // gdelt's DATEADDED is the export's time
				t.Errorf("--out file differs from stdout")
			}
			if left, _ := filepath.Glob(filepath.Join(filepath.Dir(file), ".*.tmp")); len(left) > 0 {
				t.Errorf("temporary files left: %v", left)
			}
		})
	}

	t.Run("failure keeps the old file", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "events.csv")
		os.WriteFile(file, []byte("old\n"), 0o644)
		code, _, errs := runCmd(t, "", "export", "--db", db, "--format", "csv", "--out", file, "--after", "nosuchevent")
		if code != 2 || !strings.Contains(errs, "After") {
			t.Errorf("unknown --after: exit %d: %s", code, errs)
		}
		if got, _ := os.ReadFile(file); string(got) != "old\n" {
			t.Errorf("a failed export changed its --out file: %q", got)
		}
		if left, _ := filepath.Glob(filepath.Join(filepath.Dir(file), ".*.tmp")); len(left) > 0 {
			t.Errorf("temporary files left: %v", left)
		}
	})

	t.Run("filters as query", func(t *testing.T) {
		for _, args := range [][]string{
			{"--cameo", "04"},
			{"--actor", "RUS", "--to", "2020-02-29"},
			{"--place", "SYR"},
			{"--quad", "4"},
			{"--text", "Idlib"},
			{"--limit", "3"},
		} {
			want := queryEvents(t, db, args...)
			code, out, errs := runCmd(t, "", append([]string{"export", "--db", db, "--format", "plover"}, args...)...)
			if code != 0 {
				t.Fatalf("%v: exit %d: %s", args, code, errs)
			}
			var ids []string
			for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
				var rec struct{ ID string }
				if l != "" && json.Unmarshal([]byte(l), &rec) == nil {
					ids = append(ids, rec.ID)
				}
			}
			if len(ids) != len(want) || len(want) == 0 {
				t.Errorf("%v: %d events exported, query lists %d", args, len(ids), len(want))
				continue
			}
			for i := range ids {
				if ids[i] != want[i].ID {
					t.Errorf("%v: event %d is %s, query says %s", args, i, ids[i], want[i].ID)
				}
			}
		}
	})
}

func TestExportUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "events.db")
	cases := []struct {
		args []string
		want string
	}{
		{[]string{}, "--format is required"},
		{[]string{"--format", "xml"}, "--format \"xml\""},
		{[]string{"--format", "parquet"}, "parquet is not supported yet"},
		{[]string{"--format", "csv", "--from", "2020-02-30"}, "--from"},
		{[]string{"--format", "csv", "--cameo", "19,x"}, "--cameo"},
		{[]string{"--format", "csv", "--bbox", "1,2,3"}, "--bbox"},
		{[]string{"--format", "csv", "--nonsense"}, "-nonsense"},
		{[]string{"--format", "csv", "--by", "day"}, "-by"},
		{[]string{"--format", "csv", "story.txt"}, "unexpected argument"},
		{[]string{"--format", "csv", "--db", "postgres://localhost/ew"}, "not supported yet"},
	}
	for _, c := range cases {
		args := append([]string{"export"}, c.args...)
		if !strings.Contains(strings.Join(c.args, " "), "--db") {
			args = append(args, "--db", db)
		}
		code, _, errs := runCmd(t, "", args...)
		if code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, want 2 and %q:\n%s", c.args, code, c.want, errs)
		}
	}
	// A missing database is an error, and is not created.
	code, out, errs := runCmd(t, "", "export", "--db", db, "--format", "gdelt")
	if code != 1 || !strings.Contains(errs, "no database") || out != "" {
		t.Errorf("missing database: exit %d: %s", code, errs)
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("export created the database")
	}
	// A failed export leaves no file behind.
	file := filepath.Join(t.TempDir(), "out.csv")
	if code, _, _ := runCmd(t, "", "export", "--db", db, "--format", "csv", "--out", file); code == 0 {
		t.Error("export from a missing database succeeded")
	}
	if _, err := os.Stat(file); err == nil {
		t.Error("a failed export left its --out file")
	}
}
