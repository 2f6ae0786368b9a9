package main

import (
	"fmt"
	"io"
	"time"
)

// progress reports how far a long run has got: on a terminal a one-line
// counter redrawn at most ten times a second; in a log a line every ten
// seconds. Quiet runs report nothing.
type progress struct {
	w        io.Writer
	tty      bool
	quiet    bool
	label    string // what is being done: "coding"
	unit     string // what the second count counts: "events"
	start    time.Time
	last     time.Time
	interval time.Duration
	drawn    bool
}

func newProgress(w io.Writer, tty, quiet bool, label, unit string) *progress {
	p := &progress{w: w, tty: tty, quiet: quiet, label: label, unit: unit, start: time.Now(), interval: 10 * time.Second}
	if tty {
		p.interval = 100 * time.Millisecond
	}
	p.last = p.start
	return p
}

func (p *progress) set(articles, n int) {
	if p.quiet || time.Since(p.last) < p.interval {
		return
	}
	p.last = time.Now()
	secs := time.Since(p.start).Seconds()
	line := fmt.Sprintf("%s: %d articles, %d %s, %.0f articles/s", p.label, articles, n, p.unit, float64(articles)/secs)
	if p.tty {
		fmt.Fprintf(p.w, "\r%s\033[K", line)
		p.drawn = true
		return
	}
	fmt.Fprintln(p.w, line)
}

// clear removes the counter before other output is written to the terminal.
func (p *progress) clear() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
		p.drawn = false
	}
}
