package when_test

import (
	"os"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/eventwire/eventwire"
	"github.com/eventwire/eventwire/when"
)

// segment is a plain sentence splitter for the tests, standing in for the
// text stage: paragraphs are blank-line separated, sentences end at ". ",
// "! " or "? " before a capital or a quote, and a dateline is passed over.
func segment(text string, skip *eventwire.Dateline) []eventwire.Sentence {
	var out []eventwire.Sentence
	para := 0
	add := func(s, e int) {
		for s < e && unicode.IsSpace(rune(text[s])) {
			s++
		}
		for e > s && unicode.IsSpace(rune(text[e-1])) {
			e--
		}
		if s < e {
			out = append(out, eventwire.Sentence{Index: len(out), Paragraph: para, Span: eventwire.Span{Start: s, End: e}, Text: text[s:e]})
		}
	}
	start := 0
	for i := 0; i < len(text); i++ {
		if skip != nil && i == skip.Span.Start {
			i = skip.Span.End - 1
			start = skip.Span.End
			continue
		}
		switch {
		case strings.HasPrefix(text[i:], "\n\n"):
			add(start, i)
			if len(out) > 0 && out[len(out)-1].Paragraph == para {
				para++
			}
			for i < len(text) && text[i] == '\n' {
				i++
			}
			start = i
			i--
		case (text[i] == '.' || text[i] == '!' || text[i] == '?') && i+2 < len(text) && text[i+1] == ' ' &&
			(unicode.IsUpper(rune(text[i+2])) || text[i+2] == '"'):
			add(start, i+1)
			start = i + 1
		}
	}
	add(start, len(text))
	return out
}

func clock(t time.Time) func() time.Time { return func() time.Time { return t } }

func TestPubDates(t *testing.T) {
	march := time.Date(2020, 3, 1, 12, 0, 0, 0, time.UTC)
	caller := time.Date(2020, 2, 22, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		text      string
		published time.Time
		now       time.Time
		want      string // date
		source    string
		dateline  string
	}{
		{"caller wins", "ANKARA, February 21. /TASS/. Text.", caller, march, "2020-02-22", "caller", "ANKARA, February 21. /TASS/."},
		{"dateline without year", "ANKARA, February 21. /TASS/. Text.", time.Time{}, march, "2020-02-21", "dateline", "ANKARA, February 21. /TASS/."},
		{"dateline year from clock", "ANKARA, December 30. /TASS/. Text.", time.Time{}, march, "2019-12-30", "dateline", "ANKARA, December 30. /TASS/."},
		{"dateline with year", "Friday, February 21, 2020\n\nText.", time.Time{}, march, "2020-02-21", "dateline", "Friday, February 21, 2020"},
		{"dateline without date", "MOSCOW (Reuters) - Talks ended on Friday, February 21, in Sochi.",
			time.Time{}, time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC), "2020-02-21", "inferred", "MOSCOW (Reuters) -"},
		{"weekday fixes year", "Talks ended on Friday, February 21, in Sochi.",
			time.Time{}, time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC), "2020-02-21", "inferred", ""},
		{"weekday and day", "Talks ended on Saturday, 21 February.",
			time.Time{}, time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC), "2015-02-21", "inferred", ""},
		{"nothing known", "Talks ended on Friday.", time.Time{}, march, "", "", ""},
	}
	for _, tt := range tests {
		doc := &eventwire.Document{Article: eventwire.Article{Text: tt.text, Published: tt.published}}
		stage := &when.PubDates{Clock: clock(tt.now)}
		if err := stage.Process(doc); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		got := ""
		if !doc.PubDate.Time.IsZero() {
			got = doc.PubDate.Time.Format(time.DateOnly)
		}
		if got != tt.want || doc.PubDate.Source != tt.source {
			t.Errorf("%s: PubDate = %s from %q, want %s from %q", tt.name, got, doc.PubDate.Source, tt.want, tt.source)
		}
		if got != "" && doc.PubDate.Precision != eventwire.PrecisionDay {
			t.Errorf("%s: precision %q, want day", tt.name, doc.PubDate.Precision)
		}
		dl := ""
		if doc.Dateline != nil {
			dl = tt.text[doc.Dateline.Span.Start:doc.Dateline.Span.End]
		}
		if dl != tt.dateline {
			t.Errorf("%s: dateline %q, want %q", tt.name, dl, tt.dateline)
		}
	}
	if (&when.PubDates{}).Name() != "dateline" || (when.Dates{}).Name() != "dates" {
		t.Error("stage names changed")
	}
}

// tassDoc prepares the TASS story as the pipeline would before the dates
// stage: publication date and dateline set, sentences split, and one event
// per trigger word given.
func tassDoc(t testing.TB, triggers []string) *eventwire.Document {
	t.Helper()
	b, err := os.ReadFile("testdata/tass-2020-02-21-idlib.txt")
	if err != nil {
		t.Fatal(err)
	}
	doc := &eventwire.Document{Article: eventwire.Article{ID: "tass", Text: string(b)}}
	if err := (&when.PubDates{Clock: clock(time.Date(2020, 2, 22, 9, 0, 0, 0, time.UTC))}).Process(doc); err != nil {
		t.Fatal(err)
	}
	doc.Sentences = segment(doc.Article.Text, doc.Dateline)
	for _, w := range triggers {
		i := strings.Index(doc.Article.Text, " "+w+" ")
		if i < 0 {
			t.Fatalf("trigger %q not in the story", w)
		}
		trig := eventwire.Span{Start: i + 1, End: i + 1 + len(w)}
		s := doc.SentenceAt(trig.Start)
		sp := doc.Sentences[s].Span
		doc.Events = append(doc.Events, eventwire.Event{
			Article:  "tass",
			Evidence: eventwire.Evidence{Sentence: doc.Sentences[s].Text, Start: sp.Start, End: sp.End, Trigger: trig},
			Sentence: s,
			Explain:  &eventwire.Explanation{},
		})
	}
	return doc
}

func TestDates(t *testing.T) {
	tests := []struct {
		trigger, date string
		prec          eventwire.Precision
		why           string
	}{
		{"discussed", "2020-02-21", "day", `"on Friday" in the sentence`},
		{"told", "2020-02-21", "day", "publication date"},
		{"escalated", "2020-01", "month", `"in late January" in the sentence`},
		{"entered", "2020-02-05", "day", `"On February 5" in the sentence`},
		{"launched", "2020-02-11", "day", `"On February 11" in the sentence`},
		{"aided", "2020-02-11", "day", `"On February 11" in an earlier sentence of the paragraph`},
		{"repelled", "2020-02-11", "day", `"On February 11" in an earlier sentence of the paragraph`},
		{"increased,", "2020-02-21", "day", "publication date"},
		{"started", "2020-02-20", "day", `"On February 20" in the sentence`},
		{"stated", "2020-02-19", "day", `"On Wednesday" in the sentence`},
		{"added", "2020-02-19", "day", `"On Wednesday" in an earlier sentence of the paragraph`},
		{"controlled", "2020-02-21", "day", "publication date"}, // "since 2012" does not date it
		{"set", "2017", "year", `"in 2017" in the sentence`},
	}
	var triggers []string
	for _, tt := range tests {
		triggers = append(triggers, tt.trigger)
	}
	doc := tassDoc(t, triggers)
	if err := (when.Dates{}).Process(doc); err != nil {
		t.Fatal(err)
	}
	for i, tt := range tests {
		ev := doc.Events[i]
		if ev.Date != tt.date || ev.DatePrecision != tt.prec || ev.Explain.Date != tt.why {
			t.Errorf("event %q: %s %s (%s), want %s %s (%s)", tt.trigger, ev.Date, ev.DatePrecision, ev.Explain.Date, tt.date, tt.prec, tt.why)
		}
	}
	if len(doc.Timexes) == 0 {
		t.Fatal("no Timexes")
	}
	for _, x := range doc.Timexes {
		if want := doc.SentenceAt(x.Span.Start); x.Sentence != want {
			t.Errorf("Timex %q: Sentence %d, want %d", x.Text, x.Sentence, want)
		}
	}
}

func TestDatesNoPubDate(t *testing.T) {
	text := "Troops entered the town. On February 5, 2020, they left."
	doc := &eventwire.Document{Article: eventwire.Article{Text: text}}
	doc.Sentences = segment(text, nil)
	for i, w := range []string{"entered", "left"} {
		at := strings.Index(text, w)
		sp := doc.Sentences[i].Span
		doc.Events = append(doc.Events, eventwire.Event{
			Evidence: eventwire.Evidence{Start: sp.Start, End: sp.End, Trigger: eventwire.Span{Start: at, End: at + len(w)}},
			Sentence: i,
		})
	}
	if err := (when.Dates{}).Process(doc); err != nil {
		t.Fatal(err)
	}
	if doc.Events[0].Date != "" || doc.Events[0].DatePrecision != "" {
		t.Errorf("undated event got %q %q", doc.Events[0].Date, doc.Events[0].DatePrecision)
	}
	if doc.Events[1].Date != "2020-02-05" {
		t.Errorf("dated event got %q", doc.Events[1].Date)
	}
}

func TestDatesPrecisionAndDistance(t *testing.T) {
	text := "In 2019, rebels attacked the base on March 3 and withdrew in April."
	doc := &eventwire.Document{Article: eventwire.Article{Text: text}, PubDate: eventwire.PubDate{Time: friday}}
	doc.Sentences = segment(text, nil)
	at := strings.Index(text, "withdrew")
	doc.Events = []eventwire.Event{{
		Evidence: eventwire.Evidence{Start: 0, End: len(text), Trigger: eventwire.Span{Start: at, End: at + 8}},
	}}
	if err := (when.Dates{}).Process(doc); err != nil {
		t.Fatal(err)
	}
	if got := doc.Events[0]; got.Date != "2019-03-03" || got.DatePrecision != eventwire.PrecisionDay {
		t.Errorf("event dated %s %s, want the day-precision 2019-03-03", got.Date, got.DatePrecision)
	}
}

func TestDatesWeek(t *testing.T) {
	text := "Rebels attacked the base last week."
	doc := &eventwire.Document{Article: eventwire.Article{Text: text}, PubDate: eventwire.PubDate{Time: friday}}
	doc.Sentences = segment(text, nil)
	doc.Events = []eventwire.Event{{Evidence: eventwire.Evidence{Start: 0, End: len(text), Trigger: eventwire.Span{Start: 7, End: 15}}}}
	if err := (when.Dates{}).Process(doc); err != nil {
		t.Fatal(err)
	}
	if got := doc.Events[0]; got.Date != "2020-02-10" || got.DatePrecision != eventwire.PrecisionWeek {
		t.Errorf("event dated %s %s, want Monday 2020-02-10 with week precision", got.Date, got.DatePrecision)
	}
}
