package main

import (
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/eventwire/eventwire/internal/repo"
)

// crashInput writes a JSONL corpus of many articles: the Wikinews corpus
// (../shared/corpus/wikinews) repeated under new ids and URLs when it is
// there, else copies of the example story.
func crashInput(t *testing.T, dir string) (path string, articles int) {
	t.Helper()
	type line struct {
		ID        string `json:"id"`
		URL       string `json:"url,omitempty"`
		Text      string `json:"text"`
		Published string `json:"published,omitempty"`
	}
	var base []line
	files, _ := filepath.Glob(filepath.Join(repo.Root(t), "..", "shared", "corpus", "wikinews", "*.csv"))
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(fh)
		r.FieldsPerRecord = -1
		head, err := r.Read()
		if err != nil {
			t.Fatal(err)
		}
		col := map[string]int{}
		for i, h := range head {
			col[h] = i
		}
		for {
			rec, err := r.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			base = append(base, line{URL: rec[col["url"]], Text: rec[col["text"]], Published: rec[col["date"]]})
		}
		fh.Close()
	}
	copies := 4
	if len(base) == 0 {
		t.Log("no Wikinews corpus in ../shared/corpus/wikinews: using copies of the example story")
		story, err := os.ReadFile(example)
		if err != nil {
			t.Fatal(err)
		}
		base = []line{{URL: "https://tass.com/world/1122545", Text: string(story), Published: "2020-02-21"}}
		copies = 800
	}
	path = filepath.Join(dir, "articles.jsonl")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	enc := json.NewEncoder(out)
	for c := range copies {
		for i, l := range base {
			l.ID = fmt.Sprintf("c%d-%d", c, i)
			l.URL = fmt.Sprintf("%s#copy%d", l.URL, c)
			if err := enc.Encode(l); err != nil {
				t.Fatal(err)
			}
			articles++
		}
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return path, articles
}

// TestIngestSurvivesKill kills a real ingest with SIGKILL while it writes,
// checks that the database is consistent and that every article stored
// has all its rows, then reruns the same command and checks that the
// result equals a clean run's.
func TestIngestSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and ingests a corpus three times")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "eventwire")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	input, total := crashInput(t, dir)
	ingest := func(db string) *exec.Cmd {
		cmd := exec.Command(bin, "ingest", "--in", "jsonl", "--db", db, input)
		cmd.Dir = dir
		return cmd
	}

	clean := filepath.Join(dir, "clean.db")
	start := time.Now()
	if out, err := ingest(clean).CombinedOutput(); err != nil {
		t.Fatalf("clean run: %v\n%s", err, out)
	}
	t.Logf("clean run of %d articles: %.2fs", total, time.Since(start).Seconds())
	want := articleEvents(t, checkConsistent(t, clean).DB())
	if len(want) != total {
		t.Fatalf("the clean run stored %d articles of %d", len(want), total)
	}

	// Kill the run once a tenth of the articles are in.
	killed := filepath.Join(dir, "killed.db")
	cmd := ingest(killed)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	watch, err := sql.Open("sqlite", "file:"+killed+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer watch.Close()
	deadline := time.Now().Add(time.Minute)
	for {
		var n int
		if watch.QueryRow("SELECT COUNT(*) FROM articles").Scan(&n) == nil && n >= total/10 {
			break
		}
		select {
		case err := <-exited:
			t.Fatalf("ingest ended before it could be killed (%v); make the input larger\n%s", err, stderr.String())
		case <-time.After(2 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("no articles stored after a minute\n%s", stderr.String())
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	err = <-exited
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
		t.Fatalf("ingest was not killed (%v): it ended on its own\n%s", err, stderr.String())
	}
	watch.Close()

	got := articleEvents(t, checkConsistent(t, killed).DB())
	if len(got) == 0 || len(got) >= total {
		t.Fatalf("%d of %d articles stored when killed: not mid-run", len(got), total)
	}
	for key, c := range got {
		if c != want[key] {
			t.Errorf("article %s: events, mentions, places, timexes %v after the kill, %v in a clean run", key, c, want[key])
		}
	}
	t.Logf("killed after %d of %d articles", len(got), total)

	// The same command finishes the work.
	out, err := ingest(killed).CombinedOutput()
	if err != nil {
		t.Fatalf("rerun: %v\n%s", err, out)
	}
	if w := fmt.Sprintf("(%d new, %d unchanged)", total-len(got), len(got)); !strings.Contains(string(out), w) {
		t.Errorf("rerun summary lacks %s:\n%s", w, out)
	}
	got = articleEvents(t, checkConsistent(t, killed).DB())
	if len(got) != len(want) {
		t.Errorf("%d articles after the rerun, %d in a clean run", len(got), len(want))
	}
	for key, c := range want {
		if got[key] != c {
			t.Errorf("article %s: %v after the rerun, %v in a clean run", key, got[key], c)
		}
	}
}
