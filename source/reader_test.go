package source_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/eventwire/eventwire"
	"github.com/eventwire/eventwire/source"
)

var pub = time.Date(2020, 2, 21, 0, 0, 0, 0, time.UTC)

func TestArticlesFile(t *testing.T) {
	tests := []struct {
		name, file, content string
		wantID, wantText    string
	}{
		{
			name: "text as given", file: "tass-2020-02-21-idlib.txt",
			content:  "ANKARA, February 21. /TASS/.\r\n\r\nTurkey  said\tso.  \n",
			wantID:   "tass-2020-02-21-idlib",
			wantText: "ANKARA, February 21. /TASS/.\r\n\r\nTurkey  said\tso.  \n",
		},
		{
			name: "BOM dropped", file: "bom.txt",
			content: "\ufeffMOSCOW (Reuters) - Text.", wantID: "bom", wantText: "MOSCOW (Reuters) - Text.",
		},
		{
			name: "no extension", file: "README",
			content: "Plain.", wantID: "README", wantText: "Plain.",
		},
		{
			name: "only the last extension goes", file: "a.b.txt",
			content: "Plain.", wantID: "a.b", wantText: "Plain.",
		},
		{
			name: "hidden file named outright is read", file: ".note",
			content: "Plain.", wantID: ".note", wantText: "Plain.",
		},
		{
			name: "non-ASCII text", file: "ru.txt",
			content: "МОСКВА, 21 февраля. /ТАСС/. Текст.", wantID: "ru", wantText: "МОСКВА, 21 февраля. /ТАСС/. Текст.",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, tc.file, tc.content)
			got := collect(t, &source.Reader{Published: pub}, path)
			want := []result{{A: eventwire.Article{ID: tc.wantID, Text: tc.wantText, Published: pub}}}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestArticlesDirectory(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"b.txt":              "B.",
		"a.txt":              "A.",
		"sub/c.txt":          "C.",
		"sub/deeper/d.md":    "D.",
		".hidden.txt":        "hidden",
		".git/config":        "hidden",
		"sub/.cache/e.txt":   "hidden",
		"z/.only-hidden.txt": "hidden",
	})
	got := collect(t, &source.Reader{}, dir)
	wantIDs := []string{"a", "b", "sub/c", "sub/deeper/d"}
	if !reflect.DeepEqual(ids(got), wantIDs) {
		t.Fatalf("IDs %q, want %q", ids(got), wantIDs)
	}
	for _, r := range got {
		if want := strings.ToUpper(filepath.Base(r.A.ID)) + "."; r.A.Text != want {
			t.Errorf("%s: text %q, want %q", r.A.ID, r.A.Text, want)
		}
	}
}

func TestArticlesDirectoryJSONL(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"one.jsonl":     `{"text":"1"}` + "\n" + `{"id":"named","text":"2"}`,
		"sub/two.jsonl": `{"text":"3"}`,
	})
	got := collect(t, &source.Reader{Format: source.FormatJSONL}, dir)
	want := []string{
		filepath.Join(dir, "one.jsonl") + ":1",
		"named",
		filepath.Join(dir, "sub", "two.jsonl") + ":1",
	}
	if !reflect.DeepEqual(ids(got), want) {
		t.Errorf("IDs %q, want %q", ids(got), want)
	}
}

func TestArticlesJSONL(t *testing.T) {
	lines := strings.Join([]string{
		`{"id":"tass-1","text":"ANKARA, February 21. /TASS/. Text.","published":"2020-02-20","url":"https://tass.com/1","title":"Idlib","extra":{"x":[1,2]}}`,
		`{"text":"No id, no date.\r\nSecond line."}`,
		``,
		`   `,
		`{"id":42,"text":"Numeric id.","published":"2020-02-21T10:00:00+03:00"}`,
		"{\"id\":\"crlf\",\"text\":\"Line ends in CRLF.\",\"published\":\"2020-02-21 10:00:00\"}\r",
		`{"id":"","text":"Empty id.","published":""}`,
		`{"id":"nano","text":"x","published":"2020-02-21T10:00:00.123456789Z"}`,
	}, "\n") + "\n"
	path := writeFile(t, "feed.jsonl", "\ufeff"+lines)
	got := collect(t, &source.Reader{Format: source.FormatJSONL, Published: pub}, path)
	msk := time.FixedZone("", 3*60*60)
	want := []result{
		{A: eventwire.Article{ID: "tass-1", URL: "https://tass.com/1", Title: "Idlib", Text: "ANKARA, February 21. /TASS/. Text.", Published: time.Date(2020, 2, 20, 0, 0, 0, 0, time.UTC)}},
		{A: eventwire.Article{ID: path + ":2", Text: "No id, no date.\r\nSecond line.", Published: pub}},
		{A: eventwire.Article{ID: "42", Text: "Numeric id.", Published: time.Date(2020, 2, 21, 10, 0, 0, 0, msk)}},
		{A: eventwire.Article{ID: "crlf", Text: "Line ends in CRLF.", Published: time.Date(2020, 2, 21, 10, 0, 0, 0, time.UTC)}},
		{A: eventwire.Article{ID: path + ":7", Text: "Empty id.", Published: pub}},
		{A: eventwire.Article{ID: "nano", Text: "x", Published: time.Date(2020, 2, 21, 10, 0, 0, 123456789, time.UTC)}},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d results %q, want %d", len(got), ids(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Err != nil {
			t.Errorf("%d: %v", i, g.Err)
			continue
		}
		if !g.A.Published.Equal(w.A.Published) {
			t.Errorf("%d: Published %v, want %v", i, g.A.Published, w.A.Published)
		}
		g.A.Published, w.A.Published = time.Time{}, time.Time{}
		if g.A != w.A {
			t.Errorf("%d: got %+v\nwant %+v", i, g.A, w.A)
		}
	}
}

func TestParseTime(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2020-02-21", time.Date(2020, 2, 21, 0, 0, 0, 0, time.UTC), true},
		{" 2020-02-21 ", time.Date(2020, 2, 21, 0, 0, 0, 0, time.UTC), true},
		{"2020-02-21T10:00:00Z", time.Date(2020, 2, 21, 10, 0, 0, 0, time.UTC), true},
		{"2020-02-21T10:00:00-05:00", time.Date(2020, 2, 21, 15, 0, 0, 0, time.UTC), true},
		{"2020-02-21 10:00:00", time.Date(2020, 2, 21, 10, 0, 0, 0, time.UTC), true},
		{"2020-02-21T10:00:00", time.Date(2020, 2, 21, 10, 0, 0, 0, time.UTC), true},
		{"2020-02-21 10:00", time.Date(2020, 2, 21, 10, 0, 0, 0, time.UTC), true},
		{"2020-02-30", time.Time{}, false},
		{"21.02.2020", time.Time{}, false},
		{"February 21, 2020", time.Time{}, false},
		{"", time.Time{}, false},
	}
	for _, tc := range tests {
		got, err := source.ParseTime(tc.in)
		if (err == nil) != tc.ok {
			t.Errorf("ParseTime(%q) error %v, want ok=%v", tc.in, err, tc.ok)
			continue
		}
		if !got.Equal(tc.want) {
			t.Errorf("ParseTime(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestArticlesStdin(t *testing.T) {
	tests := []struct {
		name, format, in string
		want             []string
	}{
		{"text", "", "Whole input is one article.\n\nSecond paragraph.\n", []string{"stdin"}},
		{"jsonl", source.FormatJSONL, `{"text":"a"}` + "\n" + `{"id":"b","text":"b"}` + "\n" + `{"text":"c"}`, []string{"stdin:1", "b", "stdin:3"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := &source.Reader{Format: tc.format, Stdin: strings.NewReader(tc.in)}
			got := collect(t, r, "-")
			if !reflect.DeepEqual(ids(got), tc.want) {
				t.Fatalf("IDs %q, want %q", ids(got), tc.want)
			}
			if tc.format == "" && got[0].A.Text != tc.in {
				t.Errorf("text %q, want %q", got[0].A.Text, tc.in)
			}
		})
	}
}

func TestArticlesStdinError(t *testing.T) {
	got := collect(t, &source.Reader{Stdin: strings.NewReader("")}, "-")
	if len(got) != 1 || got[0].Err == nil {
		t.Fatalf("got %+v, want one error", got)
	}
	if e := posError(t, got[0].Err); e.Input != "-" || !strings.Contains(e.Error(), "standard input is empty") {
		t.Errorf("error %q, want one for input - saying standard input is empty", e)
	}
}

// TestArticlesHugeLine checks that a 10 MB line under the default limit gives
// one error and the lines after it are still read.
func TestArticlesHugeLine(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"id":"before","text":"a"}` + "\n")
	b.WriteString(`{"id":"huge","text":"`)
	b.WriteString(strings.Repeat("x", 10<<20))
	b.WriteString(`"}` + "\n")
	b.WriteString(`{"id":"after","text":"b"}` + "\n")
	path := writeFile(t, "huge.jsonl", b.String())
	got := collect(t, &source.Reader{Format: source.FormatJSONL}, path)
	if want := []string{"before", "ERR", "after"}; !reflect.DeepEqual(ids(got), want) {
		t.Fatalf("IDs %q, want %q", ids(got), want)
	}
	e := posError(t, got[1].Err)
	if e.Line != 2 || !strings.Contains(e.Err.Error(), fmt.Sprint(source.DefaultMaxBytes)) {
		t.Errorf("error %q, want one at line 2 naming the limit %d", e, source.DefaultMaxBytes)
	}
}

// TestArticlesLineLimit checks the boundary: a line of exactly MaxBytes is read,
// with or without a CRLF ending, and one byte more is not.
func TestArticlesLineLimit(t *testing.T) {
	line := func(n int) string {
		pre := `{"text":"`
		return pre + strings.Repeat("x", n-len(pre)-2) + `"}`
	}
	const max = 100
	content := line(max) + "\r\n" + line(max) + "\n" + line(max+1) + "\r\n" + line(max) + "\n" + line(max+1)
	path := writeFile(t, "edge.jsonl", content)
	got := collect(t, &source.Reader{Format: source.FormatJSONL, MaxBytes: max}, path)
	var kinds []string
	for _, r := range ids(got) {
		if r != "ERR" {
			r = "ok"
		}
		kinds = append(kinds, r)
	}
	if want := []string{"ok", "ok", "ERR", "ok", "ERR"}; !reflect.DeepEqual(kinds, want) {
		t.Errorf("got %q, want %q", kinds, want)
	}
}

func TestArticlesURL(t *testing.T) {
	var gotUA atomic.Value
	base := serve(t, func(w http.ResponseWriter, r *http.Request) {
		gotUA.Store(r.Header.Get("User-Agent"))
		switch r.URL.Path {
		case "/page":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, `<!doctype html><html><head><title> Turkey &amp; Russia
				talk </title><style>p{}</style></head><body>
				<nav><a href="/">Home</a></nav>
				<p>ANKARA, February 21.  Turkish   officials said.</p>
				<p>Second <b>paragraph</b>.</p><script>track()</script></body></html>`)
		case "/plain":
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			fmt.Fprint(w, "Plain text\r\nkept as is.\n")
		case "/sniffed":
			w.Header()["Content-Type"] = nil // no header: sniff the body
			fmt.Fprint(w, "<html><body><p>Sniffed.</p></body></html>")
		case "/feed":
			fmt.Fprint(w, `{"text":"one"}`+"\n"+`{"id":"two","text":"two"}`+"\n")
		}
	})
	t.Run("html", func(t *testing.T) {
		got := collect(t, &source.Reader{Published: pub}, base+"/page")
		want := []result{{A: eventwire.Article{
			ID: base + "/page", URL: base + "/page", Title: "Turkey & Russia talk",
			Text:      "ANKARA, February 21. Turkish officials said.\n\nSecond paragraph.",
			Published: pub,
		}}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("got %+v\nwant %+v", got, want)
		}
		if ua := gotUA.Load(); ua != source.DefaultUserAgent {
			t.Errorf("User-Agent %q, want %q", ua, source.DefaultUserAgent)
		}
	})
	t.Run("plain", func(t *testing.T) {
		got := collect(t, &source.Reader{UserAgent: "test/1"}, base+"/plain")
		if len(got) != 1 || got[0].Err != nil || got[0].A.Text != "Plain text\r\nkept as is.\n" {
			t.Errorf("got %+v", got)
		}
		if ua := gotUA.Load(); ua != "test/1" {
			t.Errorf("User-Agent %q, want test/1", ua)
		}
	})
	t.Run("sniffed", func(t *testing.T) {
		got := collect(t, &source.Reader{}, base+"/sniffed")
		if len(got) != 1 || got[0].Err != nil || got[0].A.Text != "Sniffed." {
			t.Errorf("got %+v", got)
		}
	})
	t.Run("jsonl", func(t *testing.T) {
		got := collect(t, &source.Reader{Format: source.FormatJSONL}, base+"/feed")
		if want := []string{base + "/feed:1", "two"}; !reflect.DeepEqual(ids(got), want) {
			t.Errorf("IDs %q, want %q", ids(got), want)
		}
	})
}

// TestArticlesStop checks that breaking out of the loop reads no further input.
func TestArticlesStop(t *testing.T) {
	var hits atomic.Int32
	url := serve(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		fmt.Fprint(w, "text")
	})
	path := writeFile(t, "first.txt", "First.")
	n := 0
	for range (&source.Reader{}).Articles(context.Background(), []string{path, url, url}) {
		n++
		break
	}
	if n != 1 || hits.Load() != 0 {
		t.Errorf("read %d articles and made %d requests after break, want 1 and 0", n, hits.Load())
	}
}

func TestArticlesCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": "A.", "b.txt": "B.", "c.txt": "C."})
	var got []result
	for a, err := range (&source.Reader{}).Articles(ctx, []string{dir, dir}) {
		got = append(got, result{a, err})
		cancel()
	}
	if want := []string{"a", "ERR"}; !reflect.DeepEqual(ids(got), want) {
		t.Fatalf("IDs %q, want %q", ids(got), want)
	}
	if !errors.Is(got[1].Err, context.Canceled) {
		t.Errorf("error %v does not wrap context.Canceled", got[1].Err)
	}
}

func TestArticlesUnreadableFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads files whatever their mode")
	}
	path := writeFile(t, "locked.txt", "text")
	if err := os.Chmod(path, 0); err != nil {
		t.Fatal(err)
	}
	got := collect(t, &source.Reader{}, path)
	if len(got) != 1 || got[0].Err == nil || !strings.Contains(got[0].Err.Error(), "permission denied") {
		t.Errorf("got %+v, want a permission error", got)
	}
}
