package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	"github.com/eventwire/eventwire"
	"github.com/eventwire/eventwire/geo"
	"github.com/eventwire/eventwire/lexicon"
	"github.com/eventwire/eventwire/pipeline"
	"github.com/eventwire/eventwire/source"
	"github.com/eventwire/eventwire/text"
)

// benchReport is what eventwire bench measures, for --json.
type benchReport struct {
	Corpus        string             `json:"corpus"`
	Articles      int                `json:"articles"`
	Bytes         int                `json:"bytes"`
	Sentences     int                `json:"sentences"`
	Events        int                `json:"events"`
	Rounds        int                `json:"rounds"`
	StartupMS     float64            `json:"startup_ms"`
	TokenizeMBps  float64            `json:"tokenize_mb_s"`
	Stages        map[string]float64 `json:"stage_mb_s"`
	OneCore       throughput         `json:"one_core"`
	Parallel      throughput         `json:"parallel"`
	CPUs          int                `json:"cpus"`
	AllocsPerSent float64            `json:"allocs_per_sentence"`
	PeakRSSMB     float64            `json:"peak_rss_mb"`
}

type throughput struct {
	MBps         float64 `json:"mb_s"`
	ArticlesPS   float64 `json:"articles_s"`
	SentencesPS  float64 `json:"sentences_s"`
	EventsPS     float64 `json:"events_s"`
	OfTokenizing float64 `json:"fraction_of_tokenize"`
}

func runBench(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	cpus := fs.Int("cpus", runtime.GOMAXPROCS(0), "workers for the parallel run")
	minTime := fs.Duration("time", 2*time.Second, "run each measurement at least this long")
	asJSON := fs.Bool("json", false, "print JSON")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the one-core pass to `FILE`")
	inputs, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(inputs) == 0 {
		def := filepath.Join("..", "shared", "corpus", "wikinews")
		if _, err := os.Stat(def); err != nil {
			return usageErr("no corpus given and %s is absent", def)
		}
		inputs = []string{def}
	}
	rep := benchReport{Corpus: strings.Join(inputs, " "), CPUs: *cpus, Stages: map[string]float64{}}

	start := time.Now()
	lex, err := lexicon.Default()
	if lex == nil {
		return err
	}
	gaz, err := geo.Default()
	if err != nil {
		return err
	}
	rep.StartupMS = float64(time.Since(start).Microseconds()) / 1000
	p := pipeline.Standard(pipeline.Config{Lexicon: lex, Gazetteer: gaz})

	articles, err := loadCorpus(ctx, inputs)
	if err != nil {
		return err
	}
	if len(articles) == 0 {
		return fmt.Errorf("corpus %s holds no articles", rep.Corpus)
	}
	rep.Articles = len(articles)
	for _, a := range articles {
		rep.Bytes += len(a.Text)
	}
	mb := float64(rep.Bytes) / 1e6

	// The floor: one tokenization pass, no pipeline can be faster.
	var toks []eventwire.Token
	secs, rounds := measure(*minTime, func() {
		for _, a := range articles {
			toks = text.AppendTokens(toks[:0], a.Text, eventwire.Span{End: len(a.Text)})
		}
	})
	rep.TokenizeMBps = mb * float64(rounds) / secs

	// Each stage on one core, and allocations per sentence.
	stageTime := make([]time.Duration, len(p.Stages))
	var ms0, ms1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms0)
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
	}
	secs, rounds = measure(*minTime, func() {
		rep.Sentences, rep.Events = 0, 0
		for _, a := range articles {
			doc := &eventwire.Document{Article: a}
			for i, st := range p.Stages {
				t0 := time.Now()
				if err := st.Process(doc); err != nil {
					break
				}
				stageTime[i] += time.Since(t0)
			}
			rep.Sentences += len(doc.Sentences)
			rep.Events += len(doc.Events)
		}
	})
	runtime.ReadMemStats(&ms1)
	if *cpuProfile != "" {
		pprof.StopCPUProfile()
	}
	rep.Rounds = rounds
	rep.AllocsPerSent = float64(ms1.Mallocs-ms0.Mallocs) / float64(rounds*rep.Sentences)
	for i, st := range p.Stages {
		rep.Stages[st.Name()] = mb * float64(rounds) / stageTime[i].Seconds()
	}
	rep.OneCore = rates(rep, secs, rounds)

	// The whole pipeline, articles in parallel.
	secs, rounds = measure(*minTime, func() {
		seq := func(yield func(eventwire.Article, error) bool) {
			for _, a := range articles {
				if !yield(a, nil) {
					return
				}
			}
		}
		for range p.RunAll(ctx, seq, *cpus) {
		}
	})
	rep.Parallel = rates(rep, secs, rounds)

	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		rep.PeakRSSMB = float64(ru.Maxrss) / 1024
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	w := e.stdout
	fmt.Fprintf(w, "corpus      %s: %d articles, %.2f MB, %d sentences, %d events (%d rounds)\n", rep.Corpus, rep.Articles, mb, rep.Sentences, rep.Events, rep.Rounds)
	fmt.Fprintf(w, "start-up    %.0f ms (embedded lexicon and gazetteer)\n", rep.StartupMS)
	fmt.Fprintf(w, "tokenize    %.1f MB/s (the floor: a bare tokenization pass)\n", rep.TokenizeMBps)
	fmt.Fprintf(w, "stages, one core, MB/s:\n")
	for _, st := range p.Stages {
		fmt.Fprintf(w, "  %-9s %8.1f\n", st.Name(), rep.Stages[st.Name()])
	}
	for _, t := range []struct {
		name string
		t    throughput
	}{{"1 core", rep.OneCore}, {fmt.Sprintf("%d workers", rep.CPUs), rep.Parallel}} {
		fmt.Fprintf(w, "pipeline, %-9s %.2f MB/s, %.0f articles/s, %.0f sentences/s, %.0f events/s (%.3f of tokenizing)\n",
			t.name+":", t.t.MBps, t.t.ArticlesPS, t.t.SentencesPS, t.t.EventsPS, t.t.OfTokenizing)
	}
	fmt.Fprintf(w, "allocs      %.0f per sentence\npeak RSS    %.0f MB\n", rep.AllocsPerSent, rep.PeakRSSMB)
	return nil
}

// measure runs f until at least min has passed and returns the seconds
// taken and the number of rounds.
func measure(min time.Duration, f func()) (float64, int) {
	start := time.Now()
	rounds := 0
	for rounds == 0 || time.Since(start) < min {
		f()
		rounds++
	}
	return time.Since(start).Seconds(), rounds
}

func rates(rep benchReport, secs float64, rounds int) throughput {
	r := float64(rounds) / secs
	t := throughput{
		MBps:        float64(rep.Bytes) / 1e6 * r,
		ArticlesPS:  float64(rep.Articles) * r,
		SentencesPS: float64(rep.Sentences) * r,
		EventsPS:    float64(rep.Events) * r,
	}
	if rep.TokenizeMBps > 0 {
		t.OfTokenizing = t.MBps / rep.TokenizeMBps
	}
	return t
}

// loadCorpus reads every article of the inputs into memory, choosing each
// file's format by its extension (.csv, .jsonl, else plain text).
func loadCorpus(ctx context.Context, inputs []string) ([]eventwire.Article, error) {
	var files []string
	for _, in := range inputs {
		info, err := os.Stat(in)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			files = append(files, in)
			continue
		}
		err = filepath.WalkDir(in, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			switch filepath.Ext(path) {
			case ".csv", ".jsonl", ".txt":
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	var out []eventwire.Article
	for _, f := range files {
		format := source.FormatText
		switch filepath.Ext(f) {
		case ".csv":
			format = source.FormatCSV
		case ".jsonl":
			format = source.FormatJSONL
		}
		r := &source.Reader{Format: format, MaxBytes: 64 << 20}
		for a, err := range r.Articles(ctx, []string{f}) {
			if err != nil {
				continue // bench measures what reads; code reports what does not
			}
			out = append(out, a)
		}
	}
	return out, nil
}
