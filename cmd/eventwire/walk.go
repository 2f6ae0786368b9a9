package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/eventwire/eventwire"
	"github.com/eventwire/eventwire/pipeline"
	"github.com/eventwire/eventwire/source"
)

// inputFlags are the flags of every command that reads articles.
type inputFlags struct {
	format string
	quiet  bool
}

func (f *inputFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.format, "in", "text", "input format: `text` (a file is one article), jsonl (one article a line) or csv (a header row with a text column)")
	fs.BoolVar(&f.quiet, "quiet", false, "no progress or summary on stderr")
}

// parse parses args and checks that there are inputs in a known format.
func (f *inputFlags) parse(fs *flag.FlagSet, args []string) ([]string, error) {
	inputs, err := parseFlags(fs, args)
	if err != nil {
		return nil, err
	}
	if len(inputs) == 0 {
		return nil, usageErr("no input: give files, directories, - for stdin, or URLs")
	}
	switch f.format {
	case source.FormatText, source.FormatJSONL, source.FormatCSV:
	default:
		return nil, usageErr("--in %q: want text, jsonl or csv", f.format)
	}
	return inputs, nil
}

// walk is a pass over articles. It runs the pipeline over every input,
// hands each coded document to emit (which returns how many items it
// wrote), and reports as every such command does: one error line per bad
// input, warnings, progress, and a summary ("coded 3 articles, 41 events;
// 1 input failed"). It returns errFailed when any input failed.
type walk struct {
	verb, unit string       // "coded", "event"
	progress   string       // "coding"
	flush      func() error // writes out buffered output before the summary, if set
}

func (w walk) run(ctx context.Context, e *env, p *pipeline.Pipeline, r *source.Reader, inputs []string,
	workers int, quiet bool, emit func(*eventwire.Document) (int, error)) error {
	prog := newProgress(e.stderr, e.stderrTTY, quiet, w.progress, w.unit+"s")
	var articles, items, failed int
	start := time.Now()
	for res := range p.RunAll(ctx, r.Articles(ctx, inputs), workers) {
		if res.Err != nil {
			failed++
			prog.clear()
			fmt.Fprintf(e.stderr, "error: %v\n", res.Err)
			continue
		}
		articles++
		for _, pe := range res.Doc.Errors {
			prog.clear()
			fmt.Fprintf(e.stderr, "warning: %v\n", pe)
		}
		n, err := emit(res.Doc)
		if err != nil {
			return fmt.Errorf("write output: %w", err)
		}
		items += n
		prog.set(articles+failed, items)
	}
	prog.clear()
	if w.flush != nil {
		if err := w.flush(); err != nil {
			return fmt.Errorf("write output: %w", err)
		}
	}
	if ctx.Err() != nil {
		return fmt.Errorf("interrupted after %d articles: %w", articles, ctx.Err())
	}
	if !quiet {
		fmt.Fprintf(e.stderr, "%s %s, %s; %s failed (%.2fs)\n", w.verb,
			plural(articles, "article"), plural(items, w.unit), plural(failed, "input"), time.Since(start).Seconds())
	}
	if failed > 0 {
		return errFailed
	}
	return nil
}
