package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/eventwire/eventwire"
)

// tableWriter prints events as aligned columns, the evidence cut to fit the
// terminal.
type tableWriter struct {
	w      *bufio.Writer
	width  int
	header bool
}

func newTableWriter(w io.Writer, width int) *tableWriter {
	return &tableWriter{w: bufio.NewWriter(w), width: width}
}

const tableFormat = "%-10s  %-8s  %-4s %-24s  %-8s  %-14s  %s\n"

func (t *tableWriter) write(ev *eventwire.Event) error {
	if !t.header {
		fmt.Fprintf(t.w, tableFormat, "DATE", "SOURCE", "CODE", "NAME", "TARGET", "PLACE", "EVIDENCE")
		t.header = true
	}
	src, tgt := "-", "-"
	if ev.Source != nil {
		src = ev.Source.Code
	}
	if ev.Target != nil {
		tgt = ev.Target.Code
	}
	place := "-"
	if ev.Location != nil {
		place = ev.Location.Name
	}
	date := ev.Date
	if date == "" {
		date = "?"
	}
	used := 10 + 2 + 8 + 2 + 4 + 1 + 24 + 2 + 8 + 2 + 14 + 2
	evidence := cut(strings.Join(strings.Fields(ev.Evidence.Sentence), " "), t.width-used)
	_, err := fmt.Fprintf(t.w, tableFormat, date, src, ev.CAMEO, cut(ev.Name, 24), tgt, cut(place, 14), evidence)
	return err
}

func (t *tableWriter) flush() error { return t.w.Flush() }

// cut shortens s to n runes, marking the cut with an ellipsis.
func cut(s string, n int) string {
	if n < 8 {
		n = 8
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// terminalWidth reads $COLUMNS, else assumes a common width.
func terminalWidth() int {
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 40 {
		return n
	}
	return 160
}
