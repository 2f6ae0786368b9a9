package source

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/eventwire/eventwire"
)

// FormatCSV reads a CSV file with a header row, one article a row. The
// header names the columns: "text" is required; "id", "url", "title" and
// "published" (or "date") are used when present. This is the layout of
// news corpora such as the Wikinews dumps (url,date,title,text).
const FormatCSV = "csv"

// csvRows reads rd as CSV articles. A bad row yields an error naming its
// line; the rows after it are still read.
func (s *session) csvRows(input, prefix string, rd io.Reader) bool {
	cr := csv.NewReader(rd)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return s.fail(input, 0, invalidf("empty CSV file: want a header row with a \"text\" column"))
		}
		return s.fail(input, 1, invalidf("CSV header: %v", err))
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	textCol, ok := col["text"]
	if !ok {
		return s.fail(input, 1, invalidf("CSV header %q has no \"text\" column", strings.Join(header, ",")))
	}
	get := func(rec []string, names ...string) string {
		for _, n := range names {
			if i, ok := col[n]; ok && i < len(rec) {
				return rec[i]
			}
		}
		return ""
	}
	for {
		if s.done(input) {
			return false
		}
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return true
		}
		if err != nil {
			// FieldPos may not be asked after an error: the position is
			// in the ParseError, when there is one.
			line := 0
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			if !s.fail(input, line, invalidf("CSV: %v", err)) {
				return false
			}
			if pe == nil {
				return true // a read error, not a bad row: nothing more to read
			}
			continue
		}
		line, _ := cr.FieldPos(0)
		if textCol >= len(rec) {
			if !s.fail(input, line, invalidf("row has %d columns, the text column is number %d", len(rec), textCol+1)) {
				return false
			}
			continue
		}
		if int64(len(rec[textCol])) > s.maxBytes() {
			if !s.fail(input, line, invalidf("text is larger than the limit of %d bytes (MaxBytes)", s.maxBytes())) {
				return false
			}
			continue
		}
		text, _, err := checkText([]byte(rec[textCol]), "text")
		if err != nil {
			if !s.fail(input, line, err) {
				return false
			}
			continue
		}
		a := eventwire.Article{ID: get(rec, "id"), URL: get(rec, "url"), Title: get(rec, "title"), Text: text, Published: s.Published}
		if a.ID == "" {
			a.ID = fmt.Sprintf("%s:%d", prefix, line)
		}
		if d := get(rec, "published", "date"); d != "" {
			t, err := ParseTime(d)
			if err != nil {
				if !s.fail(input, line, invalidf("bad published date %q: %v", d, err)) {
					return false
				}
				continue
			}
			a.Published = t
		}
		if !s.emit(a) {
			return false
		}
	}
}
