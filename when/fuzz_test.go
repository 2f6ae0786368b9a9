package when_test

import (
	"testing"
	"time"
	"unicode/utf8"

	"github.com/eventwire/eventwire"
	"github.com/eventwire/eventwire/when"
)

var fuzzSeeds = []string{
	"ANKARA, February 21. /TASS/. Russian and Turkish Presidents",
	"MOSCOW (Reuters) - Russia said",
	"MOSCOW, Feb 5 (Reuters) - x",
	"DAMASCUS, Syria (AP) — Syrian troops",
	"BEIJING, Feb. 21 (Xinhua) -- x",
	"MOSCOW. Feb 21 (Interfax) - x",
	"MOSCOW, 21 Feb - RIA Novosti. x",
	"Friday, February 21, 2020\nx",
	"ST. PETERSBURG, Russia (AP) —",
	"SÃO PAULO (Reuters) -",
	"On February 5, late January, since 2012, in 2017, the previous day, three days ago.",
	"at 14:00 GMT, 2 p.m., for twenty-five years, every Friday, mid-2019, the 1990s, 2020-02-10",
	"Friday, 21st of February 2020 and the first quarter of 2019",
	"(\xff\xfe) — \xe2\x80",
	"the year-earlier quarter, a year ago, the latest period, the first nine months, the year ended June 30",
	"nineteen ninety-six, the year two thousand and one, twelve hundred, Iraq's 1990 invasion, both 1990 and 1991",
	"noon Thursday, 9 a.m. EST Tuesday, June last year, Monday, Oct. 26: Thanksgiving Day, Easter week, New Year's Eve",
	"Later that year, that same day, the near future, current market, recent weeks, 2 1/2 years, a minute and a half",
	"the 20th century, the '80s, the nineties, the winter of nineteen ninety-four, year-end 1988, year's end",
	"year-, year's, 1/, the last half of the, that, Easter, New Year', 2 1/2-, the '8",
}

// checkSpan fails unless sp lies in text, on UTF-8 boundaries, with Start <= End
// (strictly less when nonEmpty).
func checkSpan(t *testing.T, what, text string, sp eventwire.Span, nonEmpty bool) {
	t.Helper()
	if sp.Start < 0 || sp.End > len(text) || sp.Start > sp.End || nonEmpty && sp.Start == sp.End {
		t.Fatalf("%s span %v bad for text of %d bytes", what, sp, len(text))
	}
	for _, off := range []int{sp.Start, sp.End} {
		if !runeBoundary(text, off) {
			t.Fatalf("%s span %v: offset %d is inside a UTF-8 sequence of %q", what, sp, off, text)
		}
	}
}

// runeBoundary reports whether off is where decoding text rune by rune
// stops; in invalid UTF-8 every bad byte counts as a rune of its own.
func runeBoundary(text string, off int) bool {
	if off == len(text) {
		return true
	}
	for i := off; i >= 0 && i > off-utf8.UTFMax; i-- {
		if utf8.RuneStart(text[i]) {
			if i == off {
				return true
			}
			_, n := utf8.DecodeRuneInString(text[i:])
			return i+n <= off
		}
	}
	return true
}

func checkDateline(t *testing.T, text string, dl *eventwire.Dateline) {
	t.Helper()
	checkSpan(t, "dateline", text, dl.Span, true)
	checkSpan(t, "city", text, dl.CitySpan, false)
	if !dl.Span.Contains(dl.CitySpan) {
		t.Fatalf("city span %v outside dateline span %v", dl.CitySpan, dl.Span)
	}
	if text[dl.CitySpan.Start:dl.CitySpan.End] != dl.City {
		t.Fatalf("City %q is not the text at its span", dl.City)
	}
}

func FuzzParseDateline(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, 0)
	}
	f.Add("x\n\nMOSCOW (Reuters) - y", 3)
	f.Fuzz(func(t *testing.T, text string, start int) {
		if dl, ok := when.ParseDateline(text, start, friday); ok {
			if dl.Span.Start < start {
				t.Fatalf("dateline %v starts before %d", dl.Span, start)
			}
			checkDateline(t, text, dl)
		}
		if dl := when.FindDateline(text, time.Time{}); dl != nil {
			checkDateline(t, text, dl)
		}
	})
}

func FuzzTag(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, ref := range []time.Time{friday, {}} {
			prev := -1
			for _, x := range when.Tag(text, ref) {
				checkSpan(t, "timex", text, x.Span, true)
				if x.Span.Start < prev {
					t.Fatalf("timexes out of order or overlapping at %v", x.Span)
				}
				prev = x.Span.End
				if x.Text != text[x.Span.Start:x.Span.End] {
					t.Fatalf("Text %q is not the text at %v", x.Text, x.Span)
				}
				if x.Type == "" || x.Value == "" {
					t.Fatalf("timex %q without type or value", x.Text)
				}
			}
		}
	})
}
