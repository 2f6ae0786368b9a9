package source_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/eventwire/eventwire"
	"github.com/eventwire/eventwire/source"
)

// want is one expected value from Articles: an article ID, or an error whose
// Input ends with input, at line, whose message holds msg.
type want struct {
	id    string
	input string
	line  int
	msg   string
}

func ok(id string) want { return want{id: id} }

func fails(input string, line int, msg string) want { return want{input: input, line: line, msg: msg} }

// serve starts a loopback server that the test closes when it ends.
func serve(t *testing.T, h http.HandlerFunc) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestArticlesErrors(t *testing.T) {
	type testCase struct {
		name   string
		reader source.Reader
		setup  func(t *testing.T) []string // returns the inputs
		want   []want
	}
	file := func(name, content string) func(t *testing.T) []string {
		return func(t *testing.T) []string { return []string{writeFile(t, name, content)} }
	}
	jsonl := source.Reader{Format: source.FormatJSONL}
	tests := []testCase{
		{
			name:  "nonexistent file",
			setup: func(t *testing.T) []string { return []string{filepath.Join(t.TempDir(), "nope.txt")} },
			want:  []want{fails("nope.txt", 0, "no such file or directory")},
		},
		{
			name:  "empty file",
			setup: file("empty.txt", ""),
			want:  []want{fails("empty.txt", 0, "file is empty")},
		},
		{
			name:  "only a BOM",
			setup: file("bom.txt", "\ufeff"),
			want:  []want{fails("bom.txt", 0, "file is empty")},
		},
		{
			name:  "only whitespace",
			setup: file("blank.txt", " \n\t\r\n  \n"),
			want:  []want{fails("blank.txt", 0, "file holds only whitespace (8 bytes)")},
		},
		{
			name:  "NUL bytes",
			setup: file("nul.txt", "hello\x00world"),
			want:  []want{fails("nul.txt", 0, "file looks binary: NUL byte at offset 5")},
		},
		{
			name:  "mostly control characters",
			setup: file("ctl.bin", strings.Repeat("ab\x01\x02\x1b", 40)),
			want:  []want{fails("ctl.bin", 0, "file looks binary: 120 of its first 200 bytes are control characters")},
		},
		{
			name:  "invalid UTF-8",
			setup: file("latin1.txt", "line one\nCaf\xe9 au lait\n"),
			want:  []want{fails("latin1.txt", 2, "file is not valid UTF-8: bad byte sequence 0xe9 at byte offset 12")},
		},
		{
			name:  "invalid UTF-8 offset counts the BOM",
			setup: file("bom-bad.txt", "\ufeffab\xc3\x28"),
			want:  []want{fails("bom-bad.txt", 1, "bad byte sequence 0xc3 at byte offset 5")},
		},
		{
			name:  "truncated UTF-8 sequence",
			setup: file("cut.txt", "abc\xe2\x82"),
			want:  []want{fails("cut.txt", 1, "bad byte sequence 0xe2 0x82 at byte offset 3")},
		},
		{
			name:   "file over MaxBytes",
			reader: source.Reader{MaxBytes: 16},
			setup:  file("big.txt", strings.Repeat("x", 17)),
			want:   []want{fails("big.txt", 0, "file is larger than the limit of 16 bytes (MaxBytes)")},
		},
		{
			name:   "file at MaxBytes",
			reader: source.Reader{MaxBytes: 16},
			setup:  file("fits.txt", strings.Repeat("x", 16)),
			want:   []want{ok("fits")},
		},
		{
			name:   "JSONL line over MaxBytes, later lines still read",
			reader: source.Reader{Format: source.FormatJSONL, MaxBytes: 64},
			setup: file("a.jsonl", `{"id":"one","text":"`+strings.Repeat("x", 100)+`"}`+"\n"+
				`{"id":"two","text":"short"}`+"\n"),
			want: []want{fails("a.jsonl", 1, "line is longer than the limit of 64 bytes (MaxBytes); skipped"), ok("two")},
		},
		{
			name:   "malformed JSONL",
			reader: jsonl,
			setup:  file("a.jsonl", `{"text":"one"}`+"\n"+`{"text": "two",}`+"\n"+`{"text":"three"}`),
			want: []want{
				ok("a.jsonl:1"),
				fails("a.jsonl", 2, "malformed JSON at byte 16 of the line: invalid character '}' looking for beginning of object key string"),
				ok("a.jsonl:3"),
			},
		},
		{
			name:   "JSONL line not an object",
			reader: jsonl,
			setup:  file("a.jsonl", `["text"]`),
			want:   []want{fails("a.jsonl", 1, "malformed JSON: the line is a JSON array, want an object")},
		},
		{
			name:   "JSONL text of the wrong type",
			reader: jsonl,
			setup:  file("a.jsonl", `{"text": 12}`),
			want:   []want{fails("a.jsonl", 1, `malformed JSON: "text" is a JSON number, want a string`)},
		},
		{
			name:   "missing text",
			reader: jsonl,
			setup:  file("a.jsonl", `{"id":"x","title":"no body"}`),
			want:   []want{fails("a.jsonl", 1, `missing "text"`)},
		},
		{
			name:   "null text",
			reader: jsonl,
			setup:  file("a.jsonl", `{"id":"x","text":null}`),
			want:   []want{fails("a.jsonl", 1, `missing "text"`)},
		},
		{
			name:   "empty text",
			reader: jsonl,
			setup:  file("a.jsonl", `{"id":"x","text":"  \n "}`),
			want:   []want{fails("a.jsonl", 1, `"text" is empty`)},
		},
		{
			name:   "binary text",
			reader: jsonl,
			setup:  file("a.jsonl", `{"id":"x","text":"ab\u0000"}`),
			want:   []want{fails("a.jsonl", 1, `"text" looks binary: NUL byte at offset 2`)},
		},
		{
			name:   "bad published",
			reader: jsonl,
			setup:  file("a.jsonl", `{"text":"t","published":"21/02/2020"}`),
			want:   []want{fails("a.jsonl", 1, `bad "published": "21/02/2020" is not a date: want 2020-02-21, RFC 3339`)},
		},
		{
			name:   "bad id",
			reader: jsonl,
			setup:  file("a.jsonl", `{"id":{"a":1},"text":"t"}`),
			want:   []want{fails("a.jsonl", 1, `bad "id" {"a":1}: want a string or a number`)},
		},
		{
			name:   "JSONL invalid UTF-8",
			reader: jsonl,
			setup:  file("a.jsonl", "{\"text\":\"ok\"}\n{\"text\":\"caf\xe9\"}\n"),
			want:   []want{ok("a.jsonl:1"), fails("a.jsonl", 2, "line is not valid UTF-8: bad byte sequence 0xe9 at byte offset 12")},
		},
		{
			name:   "JSONL empty file",
			reader: jsonl,
			setup:  file("a.jsonl", "\n  \n"),
			want:   []want{fails("a.jsonl", 0, "no JSON lines: input is empty or only whitespace")},
		},
		{
			name:   "unknown format",
			reader: source.Reader{Format: "xml"},
			setup:  file("a.txt", "text"),
			want:   []want{fails(`format "xml"`, 0, `unknown format; want "text", "jsonl" or "csv"`)},
		},
		{
			name:  "empty input name",
			setup: func(t *testing.T) []string { return []string{""} },
			want:  []want{fails("", 0, "empty input name")},
		},
		{
			name:  "unsupported URL scheme",
			setup: func(t *testing.T) []string { return []string{"ftp://example.org/a.txt"} },
			want:  []want{fails("ftp://example.org/a.txt", 0, `unsupported URL scheme "ftp"; want http or https`)},
		},
		{
			name:  "empty directory",
			setup: func(t *testing.T) []string { return []string{t.TempDir()} },
			want:  []want{fails("", 0, "directory holds no files (hidden ones are skipped)")},
		},
		{
			name: "unreachable URL",
			setup: func(t *testing.T) []string {
				srv := httptest.NewServer(http.NotFoundHandler())
				u := srv.URL + "/gone"
				srv.Close()
				return []string{u}
			},
			want: []want{fails("/gone", 0, "fetch failed: dial tcp")},
		},
		{
			name: "non-2xx status",
			setup: func(t *testing.T) []string {
				return []string{serve(t, func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) }) + "/missing"}
			},
			want: []want{fails("/missing", 0, "fetch: HTTP status 404 Not Found")},
		},
		{
			name:   "body over MaxBytes by Content-Length",
			reader: source.Reader{MaxBytes: 100},
			setup: func(t *testing.T) []string {
				return []string{serve(t, func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Content-Type", "text/plain")
					fmt.Fprint(w, strings.Repeat("x", 101))
				}) + "/big"}
			},
			want: []want{fails("/big", 0, "response body is larger than the limit of 100 bytes (MaxBytes): Content-Length is 101")},
		},
		{
			name:   "chunked body over MaxBytes",
			reader: source.Reader{MaxBytes: 100},
			setup: func(t *testing.T) []string {
				return []string{serve(t, func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Content-Type", "text/plain")
					for range 10 {
						fmt.Fprint(w, strings.Repeat("x", 20))
						w.(http.Flusher).Flush()
					}
				}) + "/chunked"}
			},
			want: []want{fails("/chunked", 0, "response body is larger than the limit of 100 bytes (MaxBytes)")},
		},
		{
			name:   "timeout",
			reader: source.Reader{Client: &http.Client{Timeout: 50 * time.Millisecond}},
			setup: func(t *testing.T) []string {
				return []string{serve(t, func(w http.ResponseWriter, r *http.Request) {
					select {
					case <-r.Context().Done():
					case <-time.After(5 * time.Second):
					}
				}) + "/slow"}
			},
			want: []want{fails("/slow", 0, "fetch timed out (client timeout 50ms)")},
		},
		{
			name: "empty body",
			setup: func(t *testing.T) []string {
				return []string{serve(t, func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Content-Type", "text/plain")
				}) + "/empty"}
			},
			want: []want{fails("/empty", 0, "response body is empty")},
		},
		{
			name: "HTML without text",
			setup: func(t *testing.T) []string {
				return []string{serve(t, func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Content-Type", "text/html; charset=utf-8")
					fmt.Fprint(w, "<html><head><title>T</title><script>var x = 1;</script></head><body><nav>Home</nav></body></html>")
				}) + "/blank"}
			},
			want: []want{fails("/blank", 0, "HTML page holds no text outside scripts, styles and navigation")},
		},
		{
			name: "HTML in another charset",
			setup: func(t *testing.T) []string {
				return []string{serve(t, func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Content-Type", "text/html; charset=windows-1251")
					fmt.Fprint(w, "<p>\xcc\xee\xf1\xea\xe2\xe0</p>")
				}) + "/cp1251"}
			},
			want: []want{fails("/cp1251", 1, `response body is not valid UTF-8: bad byte sequence 0xcc at byte offset 3 (the server declares charset "windows-1251"; only UTF-8 is read)`)},
		},
		{
			name: "unsupported content type",
			setup: func(t *testing.T) []string {
				return []string{serve(t, func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Content-Type", "image/png")
					fmt.Fprint(w, "\x89PNG\r\n\x1a\n")
				}) + "/img"}
			},
			want: []want{fails("/img", 0, `unsupported content type "image/png"; want HTML or plain text`)},
		},
		{
			name: "bad input does not stop the next one",
			setup: func(t *testing.T) []string {
				dir := t.TempDir()
				writeFiles(t, dir, map[string]string{"good.txt": "Fine text.", "bad.txt": ""})
				return []string{filepath.Join(dir, "bad.txt"), filepath.Join(dir, "nope.txt"), filepath.Join(dir, "good.txt")}
			},
			want: []want{fails("bad.txt", 0, "file is empty"), fails("nope.txt", 0, "no such file"), ok("good")},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.reader
			got := collect(t, &r, tc.setup(t)...)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d results %q, want %d", len(got), ids(got), len(tc.want))
			}
			for i, w := range tc.want {
				g := got[i]
				if w.id != "" {
					if g.Err != nil {
						t.Errorf("result %d: unexpected error %v", i, g.Err)
					} else if !strings.HasSuffix(g.A.ID, w.id) {
						t.Errorf("result %d: ID %q, want suffix %q", i, g.A.ID, w.id)
					}
					continue
				}
				if g.Err == nil {
					t.Errorf("result %d: got article %q, want error %q", i, g.A.ID, w.msg)
					continue
				}
				if g.A != (eventwire.Article{}) {
					t.Errorf("result %d: error came with a non-zero article %+v", i, g.A)
				}
				t.Logf("%v", g.Err)
				e := posError(t, g.Err)
				if !strings.HasSuffix(e.Input, w.input) {
					t.Errorf("result %d: Input %q, want suffix %q", i, e.Input, w.input)
				}
				if e.Line != w.line {
					t.Errorf("result %d: Line %d, want %d (%v)", i, e.Line, w.line, g.Err)
				}
				if !strings.Contains(e.Err.Error(), w.msg) {
					t.Errorf("result %d: message\n\t%q\nwant it to hold\n\t%q", i, e.Err.Error(), w.msg)
				}
				if !errors.Is(g.Err, eventwire.ErrInvalid) {
					t.Errorf("result %d: %v does not wrap eventwire.ErrInvalid", i, g.Err)
				}
			}
		})
	}
}
