package source_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/eventwire/eventwire"
	"github.com/eventwire/eventwire/source"
)

func FuzzParseLine(f *testing.F) {
	f.Add(`{"id":"tass-1","text":"ANKARA. Text.","published":"2020-02-21","url":"u","title":"t"}`)
	f.Add(`{"id":7,"text":"x","published":"2020-02-21T10:00:00+03:00"}`)
	f.Add(`{"text":"x","published":"2020-02-21 10:00:00","other":[1,{"a":null}]}`)
	f.Add(`{"text":"\u0000"}`)
	f.Add(`{"text":""}`)
	f.Add(`{"id":{},"text":"x"}`)
	f.Add(`{"text":"x",}`)
	f.Add("{\"text\":\"\xff\"}")
	f.Add(`[]`)
	f.Add(`null`)
	r := &source.Reader{Published: pub}
	f.Fuzz(func(t *testing.T, line string) {
		a, err := r.ParseLine([]byte(line))
		if err != nil {
			if !errors.Is(err, eventwire.ErrInvalid) {
				t.Errorf("error %v does not wrap ErrInvalid", err)
			}
			if a != (eventwire.Article{}) {
				t.Errorf("error %v came with article %+v", err, a)
			}
			return
		}
		if strings.TrimSpace(a.Text) == "" || strings.IndexByte(a.Text, 0) >= 0 {
			t.Errorf("accepted text %q", a.Text)
		}
		if !utf8.ValidString(a.Text) || !utf8.ValidString(a.ID) {
			t.Errorf("accepted invalid UTF-8: %+v", a)
		}
		if a.Published.IsZero() {
			t.Errorf("article without a date: want the Reader's default")
		}
	})
}

// FuzzArticlesJSONL feeds whole inputs through the line reader with a small
// limit: every line yields at most one value, and every error is positioned.
func FuzzArticlesJSONL(f *testing.F) {
	f.Add(`{"text":"a"}`+"\n"+`{"text":"`+strings.Repeat("x", 40)+`"}`+"\r\n\n"+`{"text":"b"}`, int64(32))
	f.Add("\ufeff{\"text\":\"a\"}\r\n", int64(14))
	f.Add("\n\n\n", int64(1))
	f.Add("{\"text\":\"a\"}", int64(1))
	f.Fuzz(func(t *testing.T, in string, max int64) {
		if max < 1 || max > 1<<20 {
			max = 16
		}
		r := &source.Reader{Format: source.FormatJSONL, MaxBytes: max, Stdin: strings.NewReader(in)}
		lines := strings.Count(in, "\n") + 1
		n := 0
		for a, err := range r.Articles(t.Context(), []string{"-"}) {
			n++
			if err == nil {
				if int64(len(a.Text)) > max {
					t.Errorf("text of %d bytes passed the limit of %d", len(a.Text), max)
				}
				continue
			}
			var e *eventwire.Error
			if !errors.As(err, &e) || !errors.Is(err, eventwire.ErrInvalid) {
				t.Errorf("error %v is not an invalid-input *eventwire.Error", err)
			} else if e.Line > lines {
				t.Errorf("error at line %d of %d: %v", e.Line, lines, err)
			}
		}
		if n == 0 || n > lines {
			t.Errorf("%d results for %d lines", n, lines)
		}
	})
}

func TestParseLineKeepsText(t *testing.T) {
	text := "MOSCOW, Feb 21 (Reuters) -\r\n\tText «quoted» \u2028 end.  "
	var b bytes.Buffer
	b.WriteString(`{"text":`)
	b.WriteString(quote(text))
	b.WriteString(`}`)
	a, err := (&source.Reader{}).ParseLine(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if a.Text != text {
		t.Errorf("text %q, want %q", a.Text, text)
	}
}

// quote writes s as a JSON string by hand, escaping only what JSON requires.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
