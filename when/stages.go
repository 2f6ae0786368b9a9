package when

import (
	"fmt"
	"strings"
	"time"

	"github.com/eventwire/eventwire"
)

var (
	_ eventwire.Stage = (*PubDates)(nil)
	_ eventwire.Stage = (*Dates)(nil)
)

// PubDates is a pipeline Stage (Name "dateline"): sets doc.Dateline and doc.PubDate. Trust order:
// caller (doc.Article.Published non-zero -> Source "caller"), then the dateline's date (year taken from
// Clock's present if the dateline has no year: the most recent such date not after now -> "dateline"),
// then inference: a weekday named beside a date fixes the year ("on Friday, February 21" -> the most
// recent year <= now where Feb 21 is a Friday) -> "inferred". Clock is injected (func() time.Time).
//
// The inferred publication date is the first such weekday-and-date in the
// text, at day precision. A nil Clock means time.Now.
type PubDates struct{ Clock func() time.Time }

// Name returns "dateline".
func (*PubDates) Name() string { return "dateline" }

// Process sets doc.Dateline and doc.PubDate; it never fails.
func (s *PubDates) Process(doc *eventwire.Document) error {
	now := time.Now()
	if s != nil && s.Clock != nil {
		now = s.Clock()
	}
	text := doc.Article.Text
	ref := now
	if !doc.Article.Published.IsZero() {
		ref = doc.Article.Published
	}
	doc.Dateline = FindDateline(text, ref)

	if pub := doc.Article.Published; !pub.IsZero() {
		prec := eventwire.PrecisionDay
		if h, m, _ := pub.Clock(); h != 0 || m != 0 {
			prec = eventwire.PrecisionMinute
		}
		doc.PubDate = eventwire.PubDate{Time: pub, Source: "caller", Precision: prec}
		return nil
	}
	if doc.Dateline != nil {
		if t, err := time.Parse(time.DateOnly, doc.Dateline.Date); err == nil {
			doc.PubDate = eventwire.PubDate{Time: t, Source: "dateline", Precision: eventwire.PrecisionDay}
			return nil
		}
	}
	if t, ok := inferPubDate(text, now); ok {
		doc.PubDate = eventwire.PubDate{Time: t, Source: "inferred", Precision: eventwire.PrecisionDay}
	}
	return nil
}

// inferPubDate finds the first date written beside its weekday and returns
// it, its year fixed by the weekday when not written.
func inferPubDate(text string, now time.Time) (time.Time, bool) {
	today := dayOf(now)
	for _, f := range tagText(text, time.Time{}) {
		if f.weekday == 0 || f.month == 0 || f.day == 0 {
			continue
		}
		if f.year != 0 {
			if t := day(f.year, f.month, f.day); isoWeekday(t) == f.weekday {
				return t, true
			}
			continue
		}
		// The weekday of a date repeats within 28 years (in 1901-2099).
		for y := today.Year(); y > today.Year()-29; y-- {
			if !validDate(y, f.month, f.day) {
				continue
			}
			if t := day(y, f.month, f.day); !t.After(today) && isoWeekday(t) == f.weekday {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

// Dates is a pipeline Stage (Name "dates"), run LAST: sets doc.Timexes (Sentence index filled using
// doc.SentenceAt) and for every event in doc.Events sets Date, DatePrecision, and, if ev.Explain != nil,
// ev.Explain.Date (a short phrase like `"On February 5" in the sentence` or `publication date`).
//
// An event takes the point-in-time date of its own sentence (day precision
// before week, month and year, then the one nearest its trigger; "since
// 2012", durations, sets and references do not date events); else the last
// such date of an earlier sentence of its paragraph, as wire copy carries
// narrative time forward; else the publication date. A week is given by its
// Monday with week precision. Dates in the dateline only date events through
// the publication date.
type Dates struct{}

// Name returns "dates".
func (Dates) Name() string { return "dates" }

// candidate is a Timex that can date an event.
type candidate struct {
	idx  int // into doc.Timexes
	date string
	prec eventwire.Precision
}

var precRank = map[eventwire.Precision]int{
	eventwire.PrecisionYear: 1, eventwire.PrecisionMonth: 2, eventwire.PrecisionWeek: 3,
	eventwire.PrecisionDay: 4, eventwire.PrecisionMinute: 4,
}

// Process tags doc's temporal expressions and dates its events; it never fails.
func (Dates) Process(doc *eventwire.Document) error {
	text := doc.Article.Text
	var ref time.Time
	if !doc.PubDate.Time.IsZero() {
		ref = doc.PubDate.Time
	}
	tx := Tag(text, ref)
	var cands []candidate
	for i := range tx {
		tx[i].Sentence = doc.SentenceAt(tx[i].Span.Start)
		if doc.Dateline != nil && doc.Dateline.Span.Contains(tx[i].Span) {
			continue
		}
		if c, ok := pointInTime(text, tx[i]); ok {
			c.idx = i
			cands = append(cands, c)
		}
	}
	doc.Timexes = tx

	for e := range doc.Events {
		ev := &doc.Events[e]
		ev.Date, ev.DatePrecision = "", eventwire.PrecisionNone
		why := ""
		s := ev.Sentence
		if s < 0 || s >= len(doc.Sentences) {
			s = doc.SentenceAt(ev.Evidence.Start)
		}
		sent := eventwire.Span{Start: ev.Evidence.Start, End: ev.Evidence.End}
		if sent.Len() <= 0 && s >= 0 {
			sent = doc.Sentences[s].Span
		}
		if c, ok := nearest(doc, cands, sent, ev.Evidence.Trigger); ok {
			ev.Date, ev.DatePrecision = c.date, c.prec
			why = fmt.Sprintf("%q in the sentence", phrase(text, tx[c.idx].Span))
		} else if c, ok := carried(doc, cands, s); ok {
			ev.Date, ev.DatePrecision = c.date, c.prec
			why = fmt.Sprintf("%q in an earlier sentence of the paragraph", phrase(text, tx[c.idx].Span))
		} else if !ref.IsZero() {
			ev.Date, ev.DatePrecision = fmtDay(dayOf(ref)), eventwire.PrecisionDay
			why = "publication date"
		}
		if ev.Explain != nil {
			ev.Explain.Date = why
		}
	}
	return nil
}

// pointInTime turns a Timex naming a point in time into an event date.
func pointInTime(text string, tx eventwire.Timex) (candidate, bool) {
	if tx.Type != "DATE" && tx.Type != "TIME" {
		return candidate{}, false
	}
	date, prec, ok := parseValue(tx.Value)
	if !ok {
		return candidate{}, false
	}
	switch w, _ := precedingWord(text, tx.Span.Start); w {
	case "since", "until", "till", "through":
		return candidate{}, false // a bound of a stretch of time, not when it happened
	}
	return candidate{date: date, prec: prec}, true
}

// nearest picks the date for an event from the candidates inside its
// sentence span: the most precise, then the nearest to the trigger.
func nearest(doc *eventwire.Document, cands []candidate, sent, trigger eventwire.Span) (candidate, bool) {
	best, found := candidate{}, false
	bestDist := 0
	for _, c := range cands {
		sp := doc.Timexes[c.idx].Span
		if !sent.Contains(sp) {
			continue
		}
		dist := 0
		switch {
		case sp.End <= trigger.Start:
			dist = trigger.Start - sp.End
		case sp.Start >= trigger.End:
			dist = sp.Start - trigger.End
		}
		if !found || precRank[c.prec] > precRank[best.prec] ||
			precRank[c.prec] == precRank[best.prec] && dist < bestDist {
			best, bestDist, found = c, dist, true
		}
	}
	return best, found
}

// carried returns the date narrative time carries into sentence s from the
// nearest earlier sentence of its paragraph that has one: its most precise,
// then its last.
func carried(doc *eventwire.Document, cands []candidate, s int) (candidate, bool) {
	if s < 0 || s >= len(doc.Sentences) {
		return candidate{}, false
	}
	para := doc.Sentences[s].Paragraph
	for k := s - 1; k >= 0 && doc.Sentences[k].Paragraph == para; k-- {
		best, found := candidate{}, false
		for _, c := range cands {
			if doc.Timexes[c.idx].Sentence == k && (!found || precRank[c.prec] >= precRank[best.prec]) {
				best, found = c, true
			}
		}
		if found {
			return best, true
		}
	}
	return candidate{}, false
}

// precedingWord returns the word just before off, lower-cased, and its start.
func precedingWord(text string, off int) (string, int) {
	i := off
	for i > 0 && (text[i-1] == ' ' || text[i-1] == '\t' || text[i-1] == '\n' || text[i-1] == '\r') {
		i--
	}
	j := i
	for j > 0 && isASCIILetter(text[j-1]) {
		j--
	}
	if j == i || i-j > 12 {
		return "", off
	}
	return strings.ToLower(text[j:i]), j
}

// phrase is the Timex as a reader would quote it, with its preposition:
// "On February 5".
func phrase(text string, sp eventwire.Span) string {
	w, at := precedingWord(text, sp.Start)
	if w != "" {
		if i, ok := lexIndex[w]; ok && lexTable[i].flags&fPrep != 0 {
			return strings.Join(strings.Fields(text[at:sp.End]), " ")
		}
	}
	return text[sp.Start:sp.End]
}
