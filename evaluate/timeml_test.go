package evaluate_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/eventwire/eventwire"
	"github.com/eventwire/eventwire/evaluate"
)

// sampleTimeML is a small document in the layout of the TempEval-3 corpora:
// the creation time outside TEXT, events and signals around the TIMEX3s.
const sampleTimeML = `<?xml version="1.0" ?>
<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<DOCID>XIE19980808.0001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-08" temporalFunction="false" functionInDocument="CREATION_TIME">August 8, 1998</TIMEX3></DCT>
<TITLE>Talks resume</TITLE>
<TEXT>
NICOSIA, <TIMEX3 tid="t1" type="DATE" value="1998-08-08" functionInDocument="PUBLICATION_TIME">August 8</TIMEX3> (Xinhua) --
Talks <EVENT eid="e1" class="OCCURRENCE">resumed</EVENT> <SIGNAL sid="s1">on</SIGNAL> <TIMEX3 tid="t2" type="DATE" value="1998-08-07">Friday</TIMEX3> after AT&amp;T &lt;said&gt; it would wait <TIMEX3 tid="t3" type="DURATION" value="P3D">three days</TIMEX3>.
</TEXT>
<TLINK lid="l1" relType="BEFORE" timeID="t2" relatedToTime="t0"/>
</TimeML>
`

func TestReadTimeML(t *testing.T) {
	doc, err := evaluate.ReadTimeML(strings.NewReader(sampleTimeML), "sample.tml")
	if err != nil {
		t.Fatal(err)
	}
	wantText := "\nNICOSIA, August 8 (Xinhua) --\nTalks resumed on Friday after AT&T <said> it would wait three days.\n"
	if doc.Text != wantText {
		t.Errorf("text = %q\nwant   %q", doc.Text, wantText)
	}
	if doc.ID != "XIE19980808.0001" || doc.DCTValue != "1998-08-08" || !doc.DCT.Equal(time.Date(1998, 8, 8, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("id %q, DCT %q %v", doc.ID, doc.DCTValue, doc.DCT)
	}
	want := []struct{ text, typ, value string }{
		{"August 8", "DATE", "1998-08-08"},
		{"Friday", "DATE", "1998-08-07"},
		{"three days", "DURATION", "P3D"},
	}
	if len(doc.Gold) != len(want) {
		t.Fatalf("%d gold TIMEX3, want %d: %+v", len(doc.Gold), len(want), doc.Gold)
	}
	for i, w := range want {
		g := doc.Gold[i]
		if g.Text != w.text || doc.Text[g.Span.Start:g.Span.End] != w.text || g.Type != w.typ || g.Value != w.value || g.Sentence != -1 {
			t.Errorf("gold %d = %+v (text at span %q), want %+v", i, g, doc.Text[g.Span.Start:g.Span.End], w)
		}
	}
}

func TestReadTimeMLOddDocuments(t *testing.T) {
	type gold struct{ text, value string }
	tests := []struct {
		name, in string
		text     string
		dct      string
		gold     []gold
	}{
		{
			name: "nested TIMEX3",
			in:   `<TimeML><TEXT>on <TIMEX3 value="1998-08"><TIMEX3 value="1998-08-07">Friday</TIMEX3> in August</TIMEX3>.</TEXT></TimeML>`,
			text: "on Friday in August.",
			gold: []gold{{"Friday in August", "1998-08"}, {"Friday", "1998-08-07"}},
		},
		{
			name: "empty and self-closing TIMEX3 are not gold",
			in:   `<TimeML><TEXT>a <TIMEX3 value="P1D"/>b<TIMEX3 value="X"></TIMEX3> <TIMEX3 value="1998">1998</TIMEX3></TEXT></TimeML>`,
			text: "a b 1998",
			gold: []gold{{"1998", "1998"}},
		},
		{
			name: "creation time inside TEXT is gold, DCT element without function",
			in:   `<TimeML><DCT><TIMEX3 value="1998-01-08T18:30">x</TIMEX3></DCT><TEXT><TIMEX3 value="1998-01-09" functionInDocument="CREATION_TIME">today</TIMEX3></TEXT></TimeML>`,
			text: "today",
			dct:  "1998-01-09",
			gold: []gold{{"today", "1998-01-09"}},
		},
		{
			name: "DCT with a time, entities and CDATA",
			in:   `<TimeML><DCT><TIMEX3 value="1998-01-08T18:30" functionInDocument="CREATION_TIME">x</TIMEX3></DCT><TEXT>&quot;Q&amp;A&quot; &#233;t&#xE9; <![CDATA[<b>]]> <TIMEX3 value="PRESENT_REF">now</TIMEX3>&nbsp;&Cx1f;</TEXT></TimeML>`,
			text: "\"Q&A\" été <b> now\u00a0&Cx1f;",
			dct:  "1998-01-08T18:30",
			gold: []gold{{"now", "PRESENT_REF"}},
		},
		{
			name: "unclosed tags are closed by their parent",
			in:   `<TimeML><TEXT>x <EVENT>went <TIMEX3 value="1999">1999</EVENT> y</TEXT></TimeML>`,
			text: "x went 1999 y",
			gold: []gold{{"1999", "1999"}},
		},
		{
			name: "only the first TEXT counts",
			in:   `<TimeML><TEXT>one</TEXT><TEXT>two <TIMEX3 value="2000">2000</TIMEX3></TEXT></TimeML>`,
			text: "one",
		},
		{
			name: "multibyte text before a TIMEX3",
			in:   `<TimeML><TEXT>Le 5 févr. – <TIMEX3 value="2020-02-05">5 février</TIMEX3></TEXT></TimeML>`,
			text: "Le 5 févr. – 5 février",
			gold: []gold{{"5 février", "2020-02-05"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := evaluate.ReadTimeML(strings.NewReader(tt.in), "odd.tml")
			if err != nil {
				t.Fatal(err)
			}
			if doc.Text != tt.text {
				t.Errorf("text = %q, want %q", doc.Text, tt.text)
			}
			if tt.dct != "" {
				if doc.DCTValue != tt.dct || doc.DCT.IsZero() {
					t.Errorf("DCT = %q (%v), want %q", doc.DCTValue, doc.DCT, tt.dct)
				}
			}
			var got []gold
			for _, g := range doc.Gold {
				got = append(got, gold{doc.Text[g.Span.Start:g.Span.End], g.Value})
				if g.Text != doc.Text[g.Span.Start:g.Span.End] {
					t.Errorf("gold text %q does not match its span %v", g.Text, g.Span)
				}
			}
			if len(got) != len(tt.gold) {
				t.Fatalf("gold = %v, want %v", got, tt.gold)
			}
			for i := range got {
				if got[i] != tt.gold[i] {
					t.Errorf("gold %d = %v, want %v", i, got[i], tt.gold[i])
				}
			}
		})
	}
}

func TestReadTimeMLErrors(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		line     int
	}{
		{"no TEXT", `<TimeML><DCT>x</DCT></TimeML>`, 0},
		{"truncated", "<TimeML>\n<TEXT>a <TIMEX3 value=\"1\">b", 2},
		{"not XML", "<<<>>>", 1},
		{"empty", "", 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := evaluate.ReadTimeML(strings.NewReader(tt.in), "bad.tml")
			if err == nil {
				t.Fatalf("no error; doc %+v", doc)
			}
			var e *eventwire.Error
			if !errors.As(err, &e) || e.Input != "bad.tml" || !errors.Is(err, eventwire.ErrInvalid) {
				t.Errorf("error %v (%T) does not name the file as invalid input", err, err)
			}
			if tt.line > 0 && e != nil && e.Line != tt.line {
				t.Errorf("line %d, want %d: %v", e.Line, tt.line, err)
			}
			if doc != nil {
				t.Errorf("doc %+v with error", doc)
			}
		})
	}
}

func FuzzReadTimeML(f *testing.F) {
	f.Add(sampleTimeML)
	f.Add(`<TimeML><TEXT>on <TIMEX3 value="1998-08"><TIMEX3 value="x">Friday</TIMEX3> in</TIMEX3></TEXT></TimeML>`)
	f.Add(`<TEXT>a <TIMEX3 value="1">b</EVENT> c</TEXT>`)
	f.Add(`<TEXT>&amp;&bogus;&#0;</TEXT>`)
	f.Fuzz(func(t *testing.T, in string) {
		doc, err := evaluate.ReadTimeML(strings.NewReader(in), "fuzz.tml")
		if err != nil {
			if doc != nil {
				t.Fatal("doc with error")
			}
			return
		}
		prev := 0
		for _, g := range doc.Gold {
			if g.Span.Start < 0 || g.Span.End > len(doc.Text) || g.Span.Len() <= 0 {
				t.Fatalf("gold span %v outside text of %d bytes", g.Span, len(doc.Text))
			}
			if g.Span.Start < prev {
				t.Fatalf("gold out of order: %v after %d", g.Span, prev)
			}
			prev = g.Span.Start
			if g.Text != doc.Text[g.Span.Start:g.Span.End] {
				t.Fatalf("gold text %q, span says %q", g.Text, doc.Text[g.Span.Start:g.Span.End])
			}
		}
		// Scoring gold against itself is perfect.
		c := evaluate.ScoreTimexes(doc.Gold, doc.Gold)
		if c.Strict.FP != 0 || c.Strict.FN != 0 || c.Value != len(doc.Gold) {
			t.Fatalf("gold against itself: %+v", c)
		}
	})
}

func tx(start, end int, typ, value string) eventwire.Timex {
	return eventwire.Timex{Span: eventwire.Span{Start: start, End: end}, Type: typ, Value: value, Sentence: -1}
}

func TestScoreTimexes(t *testing.T) {
	tests := []struct {
		name         string
		gold, found  []eventwire.Timex
		want         evaluate.TimexCounts
		wantFailures []string
	}{
		{
			name: "nothing",
		},
		{
			name:  "exact with right type and value",
			gold:  []eventwire.Timex{tx(0, 6, "DATE", "1998-08-07")},
			found: []eventwire.Timex{tx(0, 6, "DATE", "1998-08-07")},
			want: evaluate.TimexCounts{Gold: 1, Found: 1,
				Strict: evaluate.Counts{TP: 1}, Relaxed: evaluate.Counts{TP: 1}, Type: 1, Value: 1},
		},
		{
			name:  "overlap with the wrong value",
			gold:  []eventwire.Timex{tx(10, 24, "TIME", "1998-08-07TMO")},
			found: []eventwire.Timex{tx(10, 16, "DATE", "1998-08-07")},
			want: evaluate.TimexCounts{Gold: 1, Found: 1,
				Strict: evaluate.Counts{FP: 1, FN: 1}, Relaxed: evaluate.Counts{TP: 1}},
			wantFailures: []string{"span+type+value"},
		},
		{
			name:  "a split gold span matches once",
			gold:  []eventwire.Timex{tx(0, 14, "TIME", "1998-08-07TMO")},
			found: []eventwire.Timex{tx(0, 6, "DATE", "1998-08-07"), tx(7, 14, "TIME", "1998-08-07TMO")},
			want: evaluate.TimexCounts{Gold: 1, Found: 2,
				Strict: evaluate.Counts{FP: 2, FN: 1}, Relaxed: evaluate.Counts{TP: 1, FP: 1}, Type: 1, Value: 1},
			wantFailures: []string{"spurious", "span"},
		},
		{
			name:  "exact match wins over a larger overlap",
			gold:  []eventwire.Timex{tx(0, 10, "DATE", "A"), tx(5, 10, "DATE", "B")},
			found: []eventwire.Timex{tx(5, 10, "DATE", "B")},
			want: evaluate.TimexCounts{Gold: 2, Found: 1,
				Strict: evaluate.Counts{TP: 1, FN: 1}, Relaxed: evaluate.Counts{TP: 1, FN: 1}, Type: 1, Value: 1},
			wantFailures: []string{"missed"},
		},
		{
			name:  "adjacent spans do not overlap",
			gold:  []eventwire.Timex{tx(0, 5, "DATE", "A")},
			found: []eventwire.Timex{tx(5, 9, "DATE", "A")},
			want: evaluate.TimexCounts{Gold: 1, Found: 1,
				Strict: evaluate.Counts{FP: 1, FN: 1}, Relaxed: evaluate.Counts{FP: 1, FN: 1}},
			wantFailures: []string{"missed", "spurious"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := evaluate.ScoreTimexes(tt.gold, tt.found)
			if got != tt.want {
				t.Errorf("counts = %+v\nwant     %+v", got, tt.want)
			}
			var kinds []string
			for _, f := range evaluate.TimexFailures("f.tml", evaluate.AlignTimexes(tt.gold, tt.found)) {
				kinds = append(kinds, f.Kind)
			}
			if strings.Join(kinds, " ") != strings.Join(tt.wantFailures, " ") {
				t.Errorf("failures %v, want %v", kinds, tt.wantFailures)
			}
		})
	}
}

func TestTimexReport(t *testing.T) {
	var r evaluate.TimexReport
	// TimeBank: 4 gold, 4 found, 3 overlap (2 exact), 2 right values.
	r.Add("TimeBank", evaluate.TimexCounts{Gold: 4, Found: 4,
		Strict: evaluate.Counts{TP: 2, FP: 2, FN: 2}, Relaxed: evaluate.Counts{TP: 3, FP: 1, FN: 1}, Type: 3, Value: 2})
	// AQUAINT: 2 gold, nothing found, in two files.
	r.Add("AQUAINT", evaluate.TimexCounts{Gold: 1, Strict: evaluate.Counts{FN: 1}, Relaxed: evaluate.Counts{FN: 1}})
	r.Add("AQUAINT", evaluate.TimexCounts{Gold: 1, Strict: evaluate.Counts{FN: 1}, Relaxed: evaluate.Counts{FN: 1}})

	s := r.Scores()
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-4 }
	if s.Files != 3 || s.Gold != 6 || s.Found != 4 || len(s.Corpora) != 2 {
		t.Fatalf("scores %+v", s)
	}
	// Relaxed: P 3/4, R 3/6; value: P 2/4, R 2/6, F1 0.4.
	if !near(s.Relaxed.P, 0.75) || !near(s.Relaxed.R, 0.5) || !near(s.Relaxed.F1, 0.6) ||
		!near(s.Strict.F1, 0.4) || !near(s.TypeAccuracy, 1) || !near(s.ValueAccuracy, 0.6667) || !near(s.ValueF1, 0.4) {
		t.Errorf("scores %+v", s)
	}
	if tb := s.Corpora[0]; tb.Name != "TimeBank" || tb.Files != 1 || !near(tb.ValueF1, 0.5) {
		t.Errorf("TimeBank row %+v", tb)
	}
	if aq := s.Corpora[1]; aq.Name != "AQUAINT" || aq.Files != 2 || aq.Gold != 2 || aq.ValueF1 != 0 {
		t.Errorf("AQUAINT row %+v", aq)
	}

	b, err := json.Marshal(&r)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"files", "gold", "found", "strict", "relaxed", "type_accuracy", "value_accuracy", "value_f1", "corpora"} {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON lacks %q: %s", k, b)
		}
	}
	if p, _ := m["relaxed"].(map[string]any); p == nil || p["f1"] != 0.6 {
		t.Errorf("relaxed = %v", m["relaxed"])
	}

	var buf bytes.Buffer
	r.Print(&buf, false)
	for _, want := range []string{"TimeBank", "AQUAINT", "total", "0.750 0.500 0.600", "   0.400\n"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, buf.String())
		}
	}
}

func BenchmarkScoreTimexes(b *testing.B) {
	var gold, found []eventwire.Timex
	for i := range 200 {
		gold = append(gold, tx(i*50, i*50+10, "DATE", "1998-08-07"))
		found = append(found, tx(i*50+2, i*50+12, "DATE", "1998-08-07"))
	}
	for b.Loop() {
		evaluate.ScoreTimexes(gold, found)
	}
}

func BenchmarkReadTimeML(b *testing.B) {
	b.SetBytes(int64(len(sampleTimeML)))
	for b.Loop() {
		if _, err := evaluate.ReadTimeML(strings.NewReader(sampleTimeML), "sample.tml"); err != nil {
			b.Fatal(err)
		}
	}
}
