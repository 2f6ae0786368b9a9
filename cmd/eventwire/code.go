package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"time"

	"github.com/eventwire/eventwire"
	"github.com/eventwire/eventwire/geo"
	"github.com/eventwire/eventwire/lexicon"
	"github.com/eventwire/eventwire/pipeline"
	"github.com/eventwire/eventwire/source"
)

// knowledge holds the flags every coding command shares.
type knowledge struct {
	lexiconDir string
	published  string
	explain    bool
	workers    int
}

func (k *knowledge) flags(fs *flag.FlagSet) {
	fs.StringVar(&k.lexiconDir, "lexicon", "", "layer the lexicon files in `DIR` over the embedded ones")
	fs.StringVar(&k.published, "published", "", "publication date `YYYY-MM-DD` for articles that carry none")
	fs.BoolVar(&k.explain, "explain", false, "add the lexicon entries and rule behind each event")
	fs.IntVar(&k.workers, "workers", 0, "articles coded in parallel (0: one per CPU)")
}

// pipeline loads the lexicon and gazetteer and wires the standard pipeline.
func (k *knowledge) pipeline(e *env) (*pipeline.Pipeline, error) {
	var lex *lexicon.Lexicon
	var err error
	if k.lexiconDir != "" {
		lex, err = lexicon.LoadDir(k.lexiconDir)
	} else {
		lex, err = lexicon.Default()
	}
	if lex == nil {
		return nil, fmt.Errorf("load lexicon: %w", err)
	}
	if err != nil {
		// Bad lines were skipped; say so once and go on with the rest.
		fmt.Fprintf(e.stderr, "warning: lexicon: %v; run 'eventwire lexicon check' for all of them\n", err)
	}
	gaz, err := geo.Default()
	if err != nil {
		return nil, fmt.Errorf("load gazetteer: %w", err)
	}
	return pipeline.Standard(pipeline.Config{Lexicon: lex, Gazetteer: gaz, Explain: k.explain}), nil
}

func (k *knowledge) publishedTime() (time.Time, error) {
	if k.published == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse("2006-01-02", k.published)
	if err != nil {
		return t, usageErr("--published %q: want YYYY-MM-DD", k.published)
	}
	return t, nil
}

func runCode(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("code", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var k knowledge
	k.flags(fs)
	var in inputFlags
	in.register(fs)
	out := fs.String("out", "", "output: `table` or jsonl (default: table on a terminal, jsonl otherwise)")
	inputs, err := in.parse(fs, args)
	if err != nil {
		return err
	}
	if *out == "" {
		*out = "jsonl"
		if e.stdoutTTY {
			*out = "table"
		}
	}
	var w eventWriter
	switch *out {
	case "jsonl":
		w = newJSONLWriter(e.stdout)
	case "table":
		w = newTableWriter(e.stdout, terminalWidth())
	default:
		return usageErr("--out %q: want table or jsonl", *out)
	}
	pub, err := k.publishedTime()
	if err != nil {
		return err
	}
	p, err := k.pipeline(e)
	if err != nil {
		return err
	}
	r := &source.Reader{Format: in.format, Published: pub, Stdin: e.stdin}
	return walk{verb: "coded", unit: "event", progress: "coding", flush: w.flush}.run(ctx, e, p, r, inputs, k.workers, in.quiet,
		func(doc *eventwire.Document) (int, error) {
			for i := range doc.Events {
				if err := w.write(&doc.Events[i]); err != nil {
					return i, err
				}
			}
			return len(doc.Events), nil
		})
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// eventWriter writes events in one output format.
type eventWriter interface {
	write(ev *eventwire.Event) error
	flush() error
}

type jsonlWriter struct{ enc *json.Encoder }

func newJSONLWriter(w interface{ Write([]byte) (int, error) }) *jsonlWriter {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &jsonlWriter{enc: enc}
}

func (j *jsonlWriter) write(ev *eventwire.Event) error { return j.enc.Encode(ev) }
func (j *jsonlWriter) flush() error                    { return nil }
