package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/eventwire/eventwire"
	"github.com/eventwire/eventwire/evaluate"
	"github.com/eventwire/eventwire/source"
)

func runEval(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return usageErr("want events GOLD.jsonl..., dates TIMEML.tml... or places GOLD.xml...")
	}
	switch args[0] {
	case "events":
		return evalEvents(ctx, e, args[1:])
	case "dates":
		return evalDates(ctx, e, args[1:])
	case "places":
		return evalPlaces(ctx, e, args[1:])
	}
	return usageErr("unknown eval %q: want events, dates or places", args[0])
}

// goldItem is a line of an event gold file.
type goldItem struct {
	ID        string            `json:"id"`
	Text      string            `json:"text"`
	Published string            `json:"published"`
	Category  string            `json:"category"`
	Events    []evaluate.Triple `json:"events"`
}

func evalEvents(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("eval events", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var k knowledge
	k.flags(fs)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	failures := fs.Bool("failures", false, "list every sentence coded differently from gold")
	files, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usageErr("no gold file")
	}
	p, err := k.pipeline(e)
	if err != nil {
		return err
	}
	rep := evaluate.NewEventReport()
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		line := 0
		for sc.Scan() {
			line++
			if len(sc.Bytes()) == 0 {
				continue
			}
			var g goldItem
			if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
				f.Close()
				return &eventwire.Error{Input: name, Line: line, Err: fmt.Errorf("%w: %v", eventwire.ErrInvalid, err)}
			}
			a := eventwire.Article{ID: g.ID, Text: g.Text}
			if g.Published != "" {
				t, err := source.ParseTime(g.Published)
				if err != nil {
					f.Close()
					return &eventwire.Error{Input: name, Line: line, Err: err}
				}
				a.Published = t
			}
			doc, err := p.Run(a)
			if err != nil {
				fmt.Fprintf(e.stderr, "error: %v\n", err)
			}
			var coded []evaluate.Triple
			for _, ev := range doc.Events {
				t := evaluate.Triple{Code: ev.CAMEO}
				if ev.Source != nil {
					t.Source = ev.Source.Code
				}
				if ev.Target != nil {
					t.Target = ev.Target.Code
				}
				coded = append(coded, t)
			}
			rep.Add(g.ID, g.Text, g.Category, g.Events, coded)
		}
		f.Close()
		if err := sc.Err(); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	if *asJSON {
		if !*failures {
			rep.Failures = nil
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	rep.Print(e.stdout, *failures)
	return nil
}
