package source

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/eventwire/eventwire"
)

// lines reads rd as JSON Lines, one article a line. input names rd in errors;
// lines without an "id" get the ID "<prefix>:<line>".
func (s *session) lines(input, prefix string, rd io.Reader) bool {
	lr := newLineReader(rd, s.maxBytes())
	seen := false
	for {
		if s.done(input) {
			return false
		}
		line, err := lr.next()
		if err == io.EOF {
			break
		}
		if errors.Is(err, errLineTooLong) {
			seen = true
			if !s.fail(input, lr.n, invalidf("line is longer than the limit of %d bytes (MaxBytes); skipped", s.maxBytes())) {
				return false
			}
			continue
		}
		if err != nil {
			return s.fail(input, lr.n, invalid(fmt.Errorf("read: %w", err)))
		}
		if lr.n == 1 {
			line = bytes.TrimPrefix(line, bom)
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		seen = true
		a, err := s.ParseLine(line)
		if err != nil {
			if !s.fail(input, lr.n, err) {
				return false
			}
			continue
		}
		if a.ID == "" {
			a.ID = prefix + ":" + strconv.Itoa(lr.n)
		}
		if !s.emit(a) {
			return false
		}
	}
	if !seen {
		return s.fail(input, 0, invalidf("no JSON lines: input is empty or only whitespace"))
	}
	return true
}

// errLineTooLong says a line went past the limit; the reader has skipped it.
var errLineTooLong = errors.New("line too long")

// lineReader reads lines of any length up to a limit, skipping longer ones
// without holding them in memory. Unlike bufio.Scanner it neither stops nor
// fails silently on a long line: the lines after it are still read.
type lineReader struct {
	br  *bufio.Reader
	max int64
	buf []byte
	n   int // 1-based number of the line last returned
}

func newLineReader(rd io.Reader, max int64) *lineReader {
	return &lineReader{br: bufio.NewReaderSize(rd, 64<<10), max: max}
}

// next returns the next line without its "\n" or "\r\n". The slice is valid
// until the following call. At the end it returns io.EOF; for a line over the
// limit it returns errLineTooLong, and the next call goes on after that line.
func (lr *lineReader) next() ([]byte, error) {
	lr.buf = lr.buf[:0]
	var total int64
	tooLong := false
	for {
		chunk, err := lr.br.ReadSlice('\n')
		total += int64(len(chunk))
		// Allow two bytes over the limit for a "\r\n" that is not content.
		if !tooLong && total > lr.max+2 {
			tooLong = true
			lr.buf = lr.buf[:0]
		}
		if !tooLong {
			lr.buf = append(lr.buf, chunk...)
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err == io.EOF && total == 0:
			return nil, io.EOF
		case err != nil && err != io.EOF:
			lr.n++
			return nil, err
		}
		break
	}
	lr.n++
	if tooLong {
		return nil, errLineTooLong
	}
	line := bytes.TrimSuffix(lr.buf, []byte("\n"))
	line = bytes.TrimSuffix(line, []byte("\r"))
	if int64(len(line)) > lr.max {
		return nil, errLineTooLong
	}
	return line, nil
}

// jsonLine is the shape of a JSONL article. Fields not listed are ignored.
type jsonLine struct {
	ID        json.RawMessage `json:"id"`
	Text      *string         `json:"text"`
	Published string          `json:"published"`
	URL       string          `json:"url"`
	Title     string          `json:"title"`
}

// ParseLine parses one JSON Lines article:
//
//	{"id": "tass-1", "text": "...", "published": "2020-02-21", "url": "...", "title": "..."}
//
// Only "text" is required, and it must hold text (not empty, not binary).
// "id" may be a string or a number; ID is "" when it is absent. "published"
// may be a date (2020-02-21), RFC 3339, or "2020-02-21 10:00:00" (UTC); when it
// is absent the article gets r.Published. Errors wrap eventwire.ErrInvalid and
// say nothing of where the line came from: Articles adds that.
func (r *Reader) ParseLine(line []byte) (eventwire.Article, error) {
	if off := invalidUTF8(line); off >= 0 {
		return eventwire.Article{}, badUTF8("line", line, off)
	}
	var jl jsonLine
	if err := json.Unmarshal(line, &jl); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return eventwire.Article{}, invalid(fmt.Errorf("malformed JSON at byte %d of the line: %w", se.Offset, err))
		}
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			if te.Field == "" {
				return eventwire.Article{}, invalid(reword(err, "malformed JSON: the line is a JSON %s, want an object", te.Value))
			}
			return eventwire.Article{}, invalid(reword(err, "malformed JSON: %q is a JSON %s, want a string", te.Field, te.Value))
		}
		return eventwire.Article{}, invalid(fmt.Errorf("malformed JSON: %w", err))
	}
	if jl.Text == nil {
		return eventwire.Article{}, invalidf(`missing "text"`)
	}
	if strings.TrimSpace(*jl.Text) == "" {
		return eventwire.Article{}, invalidf(`"text" is empty`)
	}
	if err := checkBinary(*jl.Text, 0, `"text"`); err != nil {
		return eventwire.Article{}, err
	}
	id, err := parseID(jl.ID)
	if err != nil {
		return eventwire.Article{}, err
	}
	a := eventwire.Article{ID: id, URL: jl.URL, Title: jl.Title, Text: *jl.Text, Published: r.Published}
	if jl.Published != "" {
		t, err := ParseTime(jl.Published)
		if err != nil {
			return eventwire.Article{}, invalid(fmt.Errorf(`bad "published": %w`, err))
		}
		a.Published = t
	}
	return a, nil
}

func parseID(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	switch raw[0] {
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", invalid(fmt.Errorf(`bad "id": %w`, err))
		}
		return s, nil
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return string(raw), nil
	}
	return "", invalidf(`bad "id" %s: want a string or a number`, truncate(string(raw), 40))
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// timeLayouts are the forms ParseTime accepts, tried in order.
var timeLayouts = []string{
	"2006-01-02",
	time.RFC3339, // fractional seconds are accepted too
	"2006-01-02 15:04:05",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04",
}

// ParseTime parses a publication date: "2020-02-21", RFC 3339
// ("2020-02-21T10:00:00+03:00"), or "2020-02-21 10:00:00". Times without a
// zone are taken as UTC.
func ParseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date: want 2020-02-21, RFC 3339 (2020-02-21T10:00:00Z) or \"2020-02-21 10:00:00\"", truncate(s, 60))
}
