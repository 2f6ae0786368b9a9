package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/eventwire/eventwire"
	"github.com/eventwire/eventwire/evaluate"
	"github.com/eventwire/eventwire/pipeline"
	"github.com/eventwire/eventwire/source"
	"github.com/eventwire/eventwire/text"
	"github.com/eventwire/eventwire/when"
)

// timexRecord is a line of `eventwire dates` output.
type timexRecord struct {
	Article   string              `json:"article"`
	Text      string              `json:"text"`
	Start     int                 `json:"start"`
	End       int                 `json:"end"`
	Type      string              `json:"type"`
	Value     string              `json:"value"`
	Precision eventwire.Precision `json:"precision"`
	Sentence  int                 `json:"sentence"`
	Published string              `json:"published,omitempty"` // the reference date, YYYY-MM-DD
}

// datesPipeline is the part of the standard pipeline that finds time: the
// publication date, the sentences, then the temporal expressions.
func datesPipeline() *pipeline.Pipeline {
	return &pipeline.Pipeline{Stages: []eventwire.Stage{
		&when.PubDates{Clock: time.Now},
		text.NewStage(),
		when.Dates{},
	}}
}

func runDates(ctx context.Context, e *env, args []string) error {
	flags := flag.NewFlagSet("dates", flag.ContinueOnError)
	flags.SetOutput(e.stderr)
	var k knowledge
	flags.StringVar(&k.published, "published", "", "publication date `YYYY-MM-DD` for articles that carry none")
	flags.IntVar(&k.workers, "workers", 0, "articles dated in parallel (0: one per CPU)")
	var in inputFlags
	in.register(flags)
	inputs, err := in.parse(flags, args)
	if err != nil {
		return err
	}
	pub, err := k.publishedTime()
	if err != nil {
		return err
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	r := &source.Reader{Format: in.format, Published: pub, Stdin: e.stdin}
	return walk{verb: "dated", unit: "expression", progress: "dating"}.run(ctx, e, datesPipeline(), r, inputs, k.workers, in.quiet,
		func(doc *eventwire.Document) (int, error) {
			published := ""
			if !doc.PubDate.Time.IsZero() {
				published = doc.PubDate.Time.Format(time.DateOnly)
			}
			for i, x := range doc.Timexes {
				rec := timexRecord{Article: doc.Article.ID, Text: x.Text, Start: x.Span.Start, End: x.Span.End,
					Type: x.Type, Value: x.Value, Precision: x.Precision, Sentence: x.Sentence, Published: published}
				if err := enc.Encode(rec); err != nil {
					return i, err
				}
			}
			return len(doc.Timexes), nil
		})
}

// evalDates scores the temporal tagger against TimeML files: each file's
// TEXT is tagged with its creation time as the reference date.
func evalDates(ctx context.Context, e *env, args []string) error {
	flags := flag.NewFlagSet("eval dates", flag.ContinueOnError)
	flags.SetOutput(e.stderr)
	asJSON := flags.Bool("json", false, "print the report as JSON")
	failures := flags.Bool("failures", false, "list every expression missed, spurious, or with another span, type or value than gold")
	inputs, err := parseFlags(flags, args)
	if err != nil {
		return err
	}
	if len(inputs) == 0 {
		return usageErr("no TimeML file: give .tml files or directories holding them")
	}
	files, failed := timeMLFiles(e, inputs)
	labels := corpusLabels(files)
	var rep evaluate.TimexReport
	for _, name := range files {
		if ctx.Err() != nil {
			return fmt.Errorf("interrupted after %d files: %w", rep.Files, ctx.Err())
		}
		doc, err := readTimeMLFile(name)
		if err != nil {
			failed++
			fmt.Fprintf(e.stderr, "error: %v\n", err)
			continue
		}
		pairs := evaluate.AlignTimexes(doc.Gold, when.Tag(doc.Text, doc.DCT))
		rep.Add(labels[filepath.Dir(name)], evaluate.CountTimexPairs(pairs))
		if *failures {
			rep.Failures = append(rep.Failures, evaluate.TimexFailures(name, pairs)...)
		}
	}
	if rep.Files > 0 {
		if *asJSON {
			enc := json.NewEncoder(e.stdout)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(&rep); err != nil {
				return fmt.Errorf("write output: %w", err)
			}
		} else {
			rep.Print(e.stdout, *failures)
		}
	}
	if failed > 0 {
		fmt.Fprintf(e.stderr, "scored %s; %s failed\n", plural(rep.Files, "file"), plural(failed, "input"))
		return errFailed
	}
	return nil
}

func readTimeMLFile(name string) (*evaluate.TimeMLDoc, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return evaluate.ReadTimeML(f, name)
}

// timeMLFiles expands directories into the *.tml files under them, in
// lexical order, hidden entries skipped. Inputs that cannot be read, and
// directories without any, are reported and counted.
func timeMLFiles(e *env, inputs []string) (files []string, failed int) {
	for _, in := range inputs {
		fi, err := os.Stat(in)
		if err != nil {
			fmt.Fprintf(e.stderr, "error: %v\n", err)
			failed++
			continue
		}
		if !fi.IsDir() {
			files = append(files, in)
			continue
		}
		n := len(files)
		err = filepath.WalkDir(in, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if p != in && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".tml") {
				files = append(files, p)
			}
			return nil
		})
		switch {
		case err != nil:
			fmt.Fprintf(e.stderr, "error: %v\n", err)
			failed++
		case len(files) == n:
			fmt.Fprintf(e.stderr, "error: %s: no .tml files\n", in)
			failed++
		}
	}
	return files, failed
}

// corpusLabels names each directory holding files by its base name, or by
// its path where two directories share a base name.
func corpusLabels(files []string) map[string]string {
	var dirs []string
	for _, f := range files {
		if d := filepath.Dir(f); !slices.Contains(dirs, d) {
			dirs = append(dirs, d)
		}
	}
	count := map[string]int{}
	for _, d := range dirs {
		count[filepath.Base(d)]++
	}
	labels := map[string]string{}
	for _, d := range dirs {
		labels[d] = filepath.Base(d)
		if count[labels[d]] > 1 {
			labels[d] = d
		}
	}
	return labels
}
