package pipeline_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"iter"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/eventwire/eventwire"
	"github.com/eventwire/eventwire/geo"
	"github.com/eventwire/eventwire/lexicon"
	"github.com/eventwire/eventwire/pipeline"
)

var update = flag.Bool("update", false, "rewrite the golden files in ../testdata")

func standard(tb testing.TB, explain bool) *pipeline.Pipeline {
	tb.Helper()
	lex, err := lexicon.Default()
	if err != nil {
		tb.Fatalf("lexicon: %v", err)
	}
	gaz, err := geo.Default()
	if err != nil {
		tb.Fatalf("gazetteer: %v (run make gazetteer)", err)
	}
	clock := func() time.Time { return time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC) }
	return pipeline.Standard(pipeline.Config{Lexicon: lex, Gazetteer: gaz, Clock: clock, Explain: explain})
}

func exampleArticle(tb testing.TB) eventwire.Article {
	raw, err := os.ReadFile("../testdata/tass-2020-02-21-idlib.txt")
	if err != nil {
		tb.Fatal(err)
	}
	return eventwire.Article{ID: "tass-2020-02-21-idlib", Text: string(raw),
		Published: time.Date(2020, 2, 21, 0, 0, 0, 0, time.UTC)}
}

// want describes an event the example story must yield.
type want struct {
	src, tgt string // actor codes; "" for absent, "*" for any
	codes    []string
	date     string
	place    string // the place's name; "" for any place, which must be in Syria
	in       string // a phrase of the evidence sentence
}

func (w want) matches(ev eventwire.Event) bool {
	code := func(p *eventwire.Participant) string {
		if p == nil {
			return ""
		}
		return p.Code
	}
	okCode := false
	for _, c := range w.codes {
		if strings.HasPrefix(ev.CAMEO, c) {
			okCode = true
		}
	}
	return okCode && (w.src == "*" || code(ev.Source) == w.src) && (w.tgt == "*" || code(ev.Target) == w.tgt) &&
		(w.date == "" || ev.Date == w.date) && strings.Contains(ev.Evidence.Sentence, w.in) &&
		ev.Location != nil && ev.Location.Country == "SYR" &&
		(w.place == "" || lexicon.Norm(ev.Location.Name) == lexicon.Norm(w.place))
}

// TestExampleStory is the foundation's acceptance test: the events the
// TASS story of 21 February 2020 must yield.
func TestExampleStory(t *testing.T) {
	doc, err := standard(t, false).Run(exampleArticle(t))
	if err != nil {
		t.Fatal(err)
	}
	wants := []want{
		{"RUSGOV", "TURGOV", []string{"041"}, "2020-02-21", "Idlib", "phone call"},
		{"TURGOV", "RUSGOV", []string{"041"}, "2020-02-21", "Idlib", "phone call"},
		{"SYRMIL", "*", []string{"192", "190"}, "2020-02-05", "Saraqib", "entered the town of Saraqib"},
		{"*", "*", []string{"190"}, "2020-02-11", "", "launched an offensive"},
		{"TURMIL", "*", []string{"07"}, "2020-02-11", "", "were aided by"},
		{"SYRMIL", "*", []string{"190"}, "2020-02-11", "", "repelled"},
		{"RUSMIL", "SYRMIL", []string{"07"}, "2020-02-20", "", "provide support"},
		{"TURGOV", "*", []string{"138"}, "2020-02-19", "Idlib", "ready to use"},
	}
	for _, w := range wants {
		found := false
		for _, ev := range doc.Events {
			if w.matches(ev) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("no event %s -%v-> %s on %s in %q", w.src, w.codes, w.tgt, w.date, w.in)
		}
	}
	for _, ev := range doc.Events {
		if strings.Contains(ev.Evidence.Sentence, "the only Syrian region") || strings.Contains(ev.Evidence.Sentence, "observation outposts") {
			t.Errorf("event from a background sentence: %s %q", ev.CAMEO, ev.Evidence.Sentence)
		}
		if ev.Location == nil || ev.Location.Lat == 0 && ev.Location.Lon == 0 {
			t.Errorf("event %s %q has no place: %+v", ev.CAMEO, ev.Evidence.Sentence, ev.Location)
		}
		if ev.Date == "" {
			t.Errorf("event %s %q has no date", ev.CAMEO, ev.Evidence.Sentence)
		}
		if got := doc.Article.Text[ev.Evidence.Start:ev.Evidence.End]; got != ev.Evidence.Sentence {
			t.Errorf("evidence offsets cut %q, not the sentence", got)
		}
	}
	if t.Failed() {
		for _, ev := range doc.Events {
			t.Logf("got %s", oneLine(ev))
		}
	}
}

func oneLine(ev eventwire.Event) string {
	code := func(p *eventwire.Participant) string {
		if p == nil {
			return "-"
		}
		return p.Code
	}
	place := "-"
	if ev.Location != nil {
		place = ev.Location.Name + "/" + ev.Location.Country
	}
	return fmt.Sprintf("%s %s %s %s %s %s %q", ev.Date, code(ev.Source), ev.CAMEO, code(ev.Target), place, ev.Plover.Type, ev.Evidence.Sentence)
}

// TestExampleStoryGolden pins the whole output; refresh with -update after
// a change that is meant to alter it, and read the diff.
func TestExampleStoryGolden(t *testing.T) {
	doc, err := standard(t, true).Run(exampleArticle(t))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for _, ev := range doc.Events {
		if err := enc.Encode(ev); err != nil {
			t.Fatal(err)
		}
	}
	golden := "../testdata/tass-2020-02-21-idlib.events.jsonl"
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./pipeline -update)", err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		got := strings.Split(buf.String(), "\n")
		exp := strings.Split(string(want), "\n")
		for i := 0; i < len(got) || i < len(exp); i++ {
			var g, w string
			if i < len(got) {
				g = got[i]
			}
			if i < len(exp) {
				w = exp[i]
			}
			if g != w {
				t.Fatalf("output differs from %s at line %d:\n got %s\nwant %s\n(run go test ./pipeline -update if the change is intended)", golden, i+1, g, w)
			}
		}
	}
}

// stage is a Stage made of a function, for testing the runner.
type stage func(*eventwire.Document) error

func (s stage) Name() string                          { return "test" }
func (s stage) Process(doc *eventwire.Document) error { return s(doc) }

func TestRunAllKeepsOrderAndSurvivesPanics(t *testing.T) {
	p := &pipeline.Pipeline{Stages: []eventwire.Stage{stage(func(doc *eventwire.Document) error {
		switch doc.Article.Text {
		case "panic":
			panic("boom")
		case "fail":
			return errors.New("bad")
		}
		time.Sleep(time.Duration(len(doc.Article.Text)%3) * time.Millisecond)
		return nil
	})}}
	var in []eventwire.Article
	for i := range 50 {
		txt := fmt.Sprintf("article %d", i)
		switch i {
		case 7:
			txt = "panic"
		case 13:
			txt = "fail"
		}
		in = append(in, eventwire.Article{ID: fmt.Sprint(i), Text: txt})
	}
	seq := func(yield func(eventwire.Article, error) bool) {
		for i, a := range in {
			var err error
			if i == 20 {
				err = errors.New("unreadable")
				a = eventwire.Article{}
			}
			if !yield(a, err) {
				return
			}
		}
	}
	i := 0
	for r := range p.RunAll(context.Background(), iter.Seq2[eventwire.Article, error](seq), 4) {
		switch i {
		case 7, 13, 20:
			if r.Err == nil {
				t.Errorf("result %d: want an error", i)
			}
		default:
			if r.Err != nil || r.Doc.Article.ID != fmt.Sprint(i) {
				t.Errorf("result %d out of order or failed: %+v", i, r)
			}
		}
		i++
	}
	if i != 50 {
		t.Errorf("got %d results, want 50", i)
	}
	// Stopping early must not hang.
	for range p.RunAll(context.Background(), iter.Seq2[eventwire.Article, error](seq), 4) {
		break
	}
}

func BenchmarkPipeline(b *testing.B) {
	p := standard(b, false)
	a := exampleArticle(b)
	b.SetBytes(int64(len(a.Text)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Run(a); err != nil {
			b.Fatal(err)
		}
	}
}
