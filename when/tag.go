package when

import (
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/eventwire/eventwire"
)

// Tag finds temporal expressions in text, resolved against ref (the
// publication date; zero = unresolved relative values are left as
// underspecified like "XXXX-02-21"). Spans are byte offsets into text.
//
// Spans follow TimeML: a leading preposition is not part of the expression
// ("on February 5" gives "February 5"), a modifier is ("late January").
// Values are TIMEX3 values: dates and times resolved against ref
// ("2020-02-19", "2020-W07", "2020-02-21T14:00"), durations ("P3D"), sets
// ("P1W", "XXXX-WXX-5") and references ("PAST_REF", "PRESENT_REF").
// A weekday written without a date takes the most recent one on or before
// ref, as news reports the past, unless the words before it in its clause
// mark the future ("will meet on Monday", "agreed to resume talks Monday",
// "until 9 a.m. Tuesday"). A month without a year follows the tense of its
// clause ("were held in March" is the last March, "will be held in April"
// the next April) and else takes the one nearest ref, months ahead counting
// double. A day and month without a year take the year that puts them
// nearest ref ("February 25" in a story of February 21 is 2020-02-25;
// "December 30" in one of January 2 is the December before), the future
// when the clause says so, or the year its weekday fixes ("Tuesday, January
// 21"). References resolve against what the text named last: "that year",
// "the previous day", and in company news "the quarter" and "a year
// earlier" against the last quarter named (before any, the last quarter
// completed by ref). Sentence is -1: Tag knows no sentences.
func Tag(text string, ref time.Time) []eventwire.Timex {
	fs := tagText(text, ref)
	out := make([]eventwire.Timex, len(fs))
	for i := range fs {
		out[i] = fs[i].Timex
	}
	return out
}

// found is a Timex with what the publication-date inference needs to know
// about how it was written.
type found struct {
	eventwire.Timex
	weekday, month, day, year int // as written; 0 when absent
}

type tagger struct {
	text      string
	toks      []token
	ref       time.Time
	hasRef    bool
	anchor    time.Time // the last day named, for "the previous day"
	hasAnchor bool
	// The last year written out and the token after it: "In 2019, ... on
	// March 3" is March 3, 2019.
	ctxYear, ctxYearEnd int
	// The last quarter named, for "the quarter" and "a year earlier".
	qYear, qNum, qEnd int
	// The last date named as such (not through "that"), for "that year".
	lastDate string
	lastPrec eventwire.Precision
	out      []found
}

// res is one match: tokens [start, end) by the caller's start.
type res struct {
	end      int
	typ      string
	value    string
	prec     eventwire.Precision
	point    time.Time // the day meant, when resolved to a day
	hasPoint bool
	weekday  int
	month    int
	day      int
	year     int
	// byRef marks a value found through the anchor quarter, which does not
	// become the anchor in turn.
	byRef bool
}

// tokPool recycles token slices: Tag is called once per article, and the
// tokens are the only large allocation it makes.
var tokPool = sync.Pool{New: func() any { return new([]token) }}

func tagText(text string, ref time.Time) []found {
	buf := tokPool.Get().(*[]token)
	defer func() {
		if cap(*buf) <= 1<<20 {
			tokPool.Put(buf)
		}
	}()
	*buf = scan(text, (*buf)[:0])
	t := tagger{text: text, toks: *buf}
	if !ref.IsZero() {
		t.ref, t.hasRef = dayOf(ref), true
	}
	done := 0 // tokens before it belong to an expression already emitted
	for i := 0; i < len(t.toks); {
		r, ok := t.matchAt(i)
		if !ok || r.end <= i {
			i++
			continue
		}
		t.emit(t.approx(i, done, r), r)
		i, done = r.end, r.end
	}
	return t.out
}

func (t *tagger) emit(start int, r res) {
	s, e := t.toks[start].start, t.toks[r.end-1].end
	t.out = append(t.out, found{
		Timex: eventwire.Timex{
			Span:      eventwire.Span{Start: s, End: e},
			Text:      t.text[s:e],
			Sentence:  -1,
			Type:      r.typ,
			Value:     r.value,
			Precision: r.prec,
		},
		weekday: r.weekday, month: r.month, day: r.day, year: r.year,
	})
	if r.hasPoint && r.prec == eventwire.PrecisionDay {
		t.anchor, t.hasAnchor = r.point, true
	}
	if d, p, ok := parseValue(r.value); ok && !r.byRef {
		t.lastDate, t.lastPrec = d, p
	}
	if r.year != 0 {
		t.ctxYear, t.ctxYearEnd = r.year, r.end
	}
	if y, q, ok := parseQuarter(r.value); ok && (!r.byRef || t.qYear == 0 || y == t.qYear && q == t.qNum) {
		// Only a quarter reported on anchors: one not yet over is a forecast.
		if ly, lq, ok := t.lastQuarter(); !ok || y*4+q <= ly*4+lq {
			t.qYear, t.qNum, t.qEnd = y, q, r.end
		}
	}
}

// approx extends the start of an expression found at token i back over the
// words that make it approximate, as TimeML includes them: "nearly two
// years", "more than four hours", "at least 30 days", "around Nov. 1". It
// does not reach before token min.
func (t *tagger) approx(i, min int, r res) int {
	k := i - 1
	if k < min {
		return i
	}
	switch {
	case t.wordIs(k, "fiscal") && r.typ == "DATE" && t.isCount(i):
		return k // "fiscal 1989"
	case r.typ == "SET" || r.typ == "DATE" && !t.isCount(i) && t.lex(i).month == 0:
		return i // "almost daily", "about the future"
	case t.wordIs(k, "nearly") || t.wordIs(k, "almost") || t.wordIs(k, "about") || t.wordIs(k, "around") ||
		t.wordIs(k, "roughly") || t.wordIs(k, "approximately"):
		return k
	case r.typ != "DURATION" || t.lex(i).kind == wThe:
		return i
	case t.wordIs(k, "some") || t.wordIs(k, "over"):
		if t.isCount(i) || t.kind(i) == wA {
			return k
		}
	case t.wordIs(k, "than") && k-1 >= min && (t.wordIs(k-1, "more") || t.wordIs(k-1, "less") || t.wordIs(k-1, "fewer")):
		if k-2 >= min && t.wordIs(k-2, "no") {
			return k - 2
		}
		return k - 1
	case t.wordIs(k, "least") && k-1 >= min && t.wordIs(k-1, "at"),
		t.wordIs(k, "most") && k-1 >= min && t.wordIs(k-1, "at"),
		t.wordIs(k, "to") && k-1 >= min && t.wordIs(k-1, "up"):
		return k - 1
	}
	return i
}

// contextYear returns the year written earlier in the sentence of token i, or 0.
func (t *tagger) contextYear(i int) int {
	if t.ctxYear == 0 || t.ctxYearEnd > i || i-t.ctxYearEnd > 40 {
		return 0
	}
	for k := t.ctxYearEnd; k < i; k++ {
		if tk := &t.toks[k]; tk.kind == tPunct && (tk.ch == '.' || tk.ch == '!' || tk.ch == '?') {
			return 0
		}
		if t.lex(k).flags&fFuture != 0 {
			return 0 // "joined in July 1997 and will vote on March 12"
		}
	}
	return t.ctxYear
}

// Token access that is safe past either end.

var zeroLex lexEntry

func (t *tagger) lex(i int) *lexEntry {
	if i < 0 || i >= len(t.toks) {
		return &zeroLex
	}
	return &lexTable[t.toks[i].lex]
}

func (t *tagger) kind(i int) wordKind { return t.lex(i).kind }

func (t *tagger) punct(i int, c byte) bool {
	return i >= 0 && i < len(t.toks) && t.toks[i].kind == tPunct && t.toks[i].ch == c
}

// adj reports whether tokens i and i+1 touch, with no space between.
func (t *tagger) adj(i int) bool {
	return i >= 0 && i+1 < len(t.toks) && t.toks[i].end == t.toks[i+1].start
}

func (t *tagger) number(i int) (v, digits int, ok bool) {
	if i < 0 || i >= len(t.toks) || t.toks[i].kind != tNum {
		return 0, 0, false
	}
	tk := &t.toks[i]
	return tk.num, tk.end - tk.start, true
}

func (t *tagger) capitalised(i int) bool {
	return i >= 0 && i < len(t.toks) && t.toks[i].caps&capFirst != 0
}

// wordIs reports whether token i is the word w (lower case, ASCII).
func (t *tagger) wordIs(i int, w string) bool {
	if i < 0 || i >= len(t.toks) || t.toks[i].kind != tWord {
		return false
	}
	return strings.EqualFold(t.text[t.toks[i].start:t.toks[i].end], w)
}

// partOfNumber reports whether number token i is glued to digits by a point
// or comma, as in "1.5" or "2,000", and so is no count, day or year.
func (t *tagger) partOfNumber(i int) bool {
	sep := func(k int) bool { return t.punct(k, '.') || t.punct(k, ',') }
	if t.adj(i-1) && sep(i-1) && t.adj(i-2) && t.toks[i-2].kind == tNum {
		return true
	}
	if t.adj(i) && sep(i+1) && t.adj(i+1) && i+2 < len(t.toks) && t.toks[i+2].kind == tNum {
		return true
	}
	return false
}

// sentenceStart reports whether token i opens a sentence, as far as
// punctuation shows.
func (t *tagger) sentenceStart(i int) bool {
	if i == 0 {
		return true
	}
	p := &t.toks[i-1]
	return p.kind == tPunct && (p.ch == '.' || p.ch == '!' || p.ch == '?' || p.ch == '"')
}

// future reports whether the words before token i, in the same clause, put
// what follows in the future ("will meet on", "scheduled for", "agreed to
// resume talks on").
func (t *tagger) future(i int) bool { return t.tense(i) > 0 }

// tense reads the few words before token i, back to the start of its
// clause, for the nearest sign of time: +1 for the future ("will", "plans
// to", "until"), -1 for the past ("was", "said", a verb in -ed), 0 when
// there is none.
func (t *tagger) tense(i int) int {
	for k := i - 1; k >= 0 && k >= i-12; k-- {
		if t.clauseBreak(k) {
			return 0
		}
		if v := t.tenseOf(k); v != 0 {
			if v > 0 && t.lex(k).flags&fFuture != 0 && t.kind(k) == wUntil && t.sentenceStart(k) {
				return 0 // "Until Thursday, they had not..." looks back
			}
			return v
		}
	}
	return 0
}

// tenseAround is tense, or when the words before say nothing, the sign
// found in the words after token end in the same sentence: "In January,
// the company brought in a new chief".
func (t *tagger) tenseAround(start, end int) int {
	if v := t.tense(start); v != 0 {
		return v
	}
	for k := end; k < len(t.toks) && k < end+10; k++ {
		if tk := &t.toks[k]; tk.kind == tPunct && (tk.ch == '.' || tk.ch == '!' || tk.ch == '?' || tk.ch == ';') {
			return 0
		}
		if v := t.tenseOf(k); v != 0 {
			return v
		}
	}
	return 0
}

// clauseBreak reports whether token k ends the clause that tense reads:
// sentence punctuation, or a word that opens a new clause ("where the
// August 7 blasts killed").
func (t *tagger) clauseBreak(k int) bool {
	tk := &t.toks[k]
	if tk.kind == tPunct {
		if tk.ch == '.' && t.adj(k-1) && t.toks[k-1].kind == tWord &&
			(t.toks[k-1].end-t.toks[k-1].start <= 3 || t.lex(k-1).abbrev) {
			return false // the point of "a.m.", "Mr." or "Sept."
		}
		return tk.ch == '.' || tk.ch == '!' || tk.ch == '?' || tk.ch == ';' || tk.ch == ':'
	}
	return t.lex(k).flags&fClause != 0
}

// tenseOf is the sign of time word token k gives: +1, -1 or 0.
func (t *tagger) tenseOf(k int) int {
	if t.toks[k].kind != tWord {
		return 0
	}
	e := t.lex(k)
	switch {
	case e.flags&fFuture != 0:
		if e.kind == wNext && (t.lex(k+1).unit != uNone || t.wordIs(k+1, "to")) {
			return 0 // "next week" is a date of its own, "next to" a place
		}
		if t.wordIs(k-1, "had") || t.wordIs(k-1, "been") && t.wordIs(k-2, "had") {
			return -1 // "had been scheduled to expire Friday" is over
		}
		return 1
	case e.flags&fGovern != 0 && t.wordIs(k+1, "to"):
		return 1

	case e.flags&fPast != 0 || e.num == 0 && e.month == 0 && e.weekday == 0 && t.pastForm(k):
		if t.wordIs(k-1, "be") || t.wordIs(k-1, "is") || t.wordIs(k-1, "are") || t.wordIs(k-1, "being") {
			return 0 // a passive says no time: "will be held", "is heard"
		}
		return -1
	}
	return 0
}

// pastForm reports whether word token k looks like a regular past tense or
// participle: lower case, ending in "ed" ("attacked", "has signed").
func (t *tagger) pastForm(k int) bool {
	tk := &t.toks[k]
	if tk.caps != 0 || tk.end-tk.start < 5 {
		return false
	}
	w := t.text[tk.start:tk.end]
	n := len(w)
	return w[n-2] == 'e' && w[n-1] == 'd' && w[n-3] != 'e'
}

func (t *tagger) matchAt(i int) (res, bool) {
	tk := &t.toks[i]
	if tk.kind == tNum {
		if r, ok := t.isoDate(i); ok {
			return r, true
		}
		if r, ok := t.timeOfDay(i); ok {
			return r, true
		}
		if r, ok := t.dayLed(i); ok {
			return r, true
		}
		if r, ok := t.decade(i); ok {
			return r, true
		}
		if r, ok := t.century(i); ok {
			return r, true
		}
		if r, ok := t.yearAt(i, false); ok {
			return r, true
		}
		return t.duration(i, i)
	}
	if tk.kind != tWord || tk.lex == 0 {
		return res{}, false
	}
	e := t.lex(i)
	if e.month != 0 {
		return t.monthLed(i, false)
	}
	if e.weekday != 0 {
		return t.weekdayLed(i)
	}
	if e.num != 0 {
		if v, k, ok := t.spelledYear(i, t.lex(i-1).flags&fYearPrep != 0); ok {
			return res{end: k, typ: "DATE", value: fmtYear(v), prec: eventwire.PrecisionYear, year: v}, true
		}
		return t.duration(i, i)
	}
	if e.ord != 0 {
		if r, ok := t.quarter(i); ok {
			return r, true
		}
	}
	if e.unit != uNone && e.plural {
		return t.barePlural(i)
	}
	if e.unit == uYear && e.kind == wNone && !e.plural {
		if r, ok := t.yearEnd(i); ok {
			return r, true
		}
		return t.yearAgoAdj(i)
	}
	switch e.kind {
	case wEarly, wMid, wLate, wEnd, wBeginning, wMiddle:
		return t.modified(i)
	case wThe:
		if r, ok := t.modified(i); ok {
			return r, true
		}
		if r, ok := t.period(i); ok {
			return r, true
		}
		return t.theLed(i)
	case wYesterday, wToday, wTomorrow, wTonight, wLast, wThis, wNext, wPast, wEarlier, wLater:
		return t.relative(i)
	case wA, wSeveral, wFew:
		return t.duration(i, i)
	case wComing, wRecentAdj:
		// "in recent weeks", "in coming months": a stretch up to or from now.
		if u := t.lex(i + 1); u.plural && u.unit >= uDay && u.unit <= uYear {
			return res{end: i + 2, typ: "DURATION", value: durValue(-1, u.unit)}, true
		}
	case wEvery:
		return t.set(i)
	case wSetAdverb:
		if t.capitalised(i) && !t.sentenceStart(i) {
			return res{}, false // "Daily Mail"
		}
		return t.set(i)
	case wRecently:
		return res{end: i + 1, typ: "DATE", value: "PAST_REF"}, true
	case wCurrent:
		// "current market conditions", "its current position"; "the current
		// quarter" is taken by period.
		if nx := t.lex(i + 1); nx.unit != uNone || nx.kind == wQuarter || t.wordIs(i+1, "account") ||
			t.wordIs(i+1, "fiscal") || i+1 >= len(t.toks) || t.toks[i+1].kind != tWord {
			return res{}, false
		}
		if t.wordIs(i-1, "then") {
			return res{}, false
		}
		return res{end: i + 1, typ: "DATE", value: "PRESENT_REF"}, true
	case wNow:
		return res{end: i + 1, typ: "DATE", value: "PRESENT_REF"}, true
	case wPresent:
		if t.wordIs(i, "present") && !t.wordIs(i-1, "at") {
			return res{}, false
		}
		return res{end: i + 1, typ: "DATE", value: "PRESENT_REF"}, true
	case wNoon, wMidnight:
		if t.lex(i-1).flags&(fPrep|fYearPrep) == 0 {
			return res{}, false
		}
		h := 12
		if t.kind(i) == wMidnight {
			h = 24
		}
		return t.timeOnDay(t.timeRes(i+1, h, 0)), true
	case wSeason:
		return t.season(i)
	case wHoliday:
		return t.holiday(i)
	case wThat:
		return t.anaphor(i)
	}
	return res{}, false
}

// anaphor matches "that day", "that same year", "that quarter" at token i
// ("that"): the unit of the date last named.
func (t *tagger) anaphor(i int) (res, bool) {
	j := i + 1
	if t.kind(j) == wSame {
		j++
	}
	u := t.lex(j)
	if u.plural || (u.unit < uDay || u.unit > uYear) && u.kind != wQuarter {
		return res{}, false
	}
	if u.kind == wQuarter {
		if t.qYear == 0 {
			return res{}, false
		}
		return res{end: j + 1, typ: "DATE", value: quarterValue(t.qYear, t.qNum), byRef: true}, true
	}
	var need int // length of the date needed: 10 a day, 7 a month, 4 a year
	switch u.unit {
	case uDay:
		need = 10
	case uMonth:
		need = 7
	case uYear:
		need = 4
	default:
		return res{}, false
	}
	if len(t.lastDate) < need || t.lastPrec == eventwire.PrecisionWeek {
		return res{}, false
	}
	r := res{end: j + 1, typ: "DATE", value: t.lastDate[:need], byRef: true}
	switch need {
	case 10:
		r.prec = eventwire.PrecisionDay
	case 7:
		r.prec = eventwire.PrecisionMonth
	default:
		r.prec = eventwire.PrecisionYear
	}
	return r, true
}

// dateCore matches what may follow a modifier such as "late" or "the end of".
func (t *tagger) dateCore(i int) (res, bool) {
	if r, ok := t.monthLed(i, true); ok {
		return r, true
	}
	if r, ok := t.weekdayLed(i); ok {
		return r, true
	}
	if r, ok := t.dayLed(i); ok {
		return r, true
	}
	if r, ok := t.decade(i); ok {
		return r, true
	}
	if r, ok := t.yearAt(i, true); ok {
		return r, true
	}
	switch t.kind(i) {
	case wYesterday, wToday, wTomorrow, wTonight, wLast, wThis, wNext:
		return t.relative(i)
	case wThe: // "the end of the year": this year
		if u := t.lex(i + 1); !u.plural && (u.unit == uWeek || u.unit == uMonth || u.unit == uYear) {
			return t.shiftRes(i+2, t.ref, 0, u.unit), true
		}
	}
	return res{}, false
}

// monthWord matches a month name, capitalised, with the dot of an
// abbreviation.
func (t *tagger) monthWord(i int) (m, next int, abbrev, dotted, ok bool) {
	e := t.lex(i)
	if e.month == 0 || !t.capitalised(i) {
		return 0, i, false, false, false
	}
	next = i + 1
	if e.abbrev && t.adj(i) && t.punct(next, '.') {
		next++
		dotted = true
	}
	return int(e.month), next, e.abbrev, dotted, true
}

// yearAfter reads an optional year after a day: "5, 2020" or "5 2020".
func (t *tagger) yearAfter(k int) (y, next int) {
	at := k
	if t.punct(k, ',') {
		at = k + 1
	}
	if v, nd, ok := t.number(at); ok && nd == 4 && v >= 1000 && v <= 2999 && !t.partOfNumber(at) {
		return v, at + 1
	}
	if y, next, ok := t.relYear(k); ok {
		return y, next // "March 20 last year"
	}
	return 0, k
}

func (t *tagger) monthLed(i int, relaxed bool) (res, bool) {
	m, j, abbrev, dotted, ok := t.monthWord(i)
	if !ok {
		return res{}, false
	}
	if d, nd, ok := t.number(j); ok && nd <= 2 && d >= 1 && d <= 31 && !t.partOfNumber(j) && (dotted || !t.adj(i)) &&
		!(t.adj(j) && t.punct(j+1, ':') && t.adj(j+1) && i+2 < len(t.toks) && t.toks[j+2].kind == tNum) {
		k := j + 1
		if t.adj(j) && t.kind(k) == wOrdSuffix {
			k++
		}
		y, k := t.yearAfter(k)
		if !validDate(y, m, d) {
			return res{}, false
		}
		return t.dateRes(i, k, y, m, d), true
	}
	if v, k, ok := t.yearToken(j); ok {
		return t.monthRes(i, k, v, m), true
	}
	if t.kind(j) == wOf {
		if v, k, ok := t.yearToken(j + 1); ok {
			return t.monthRes(i, k, v, m), true
		}
	}
	if abbrev && !dotted {
		return res{}, false // "Jan" alone is a name more often than a month
	}
	if m == 5 && !relaxed && t.lex(i-1).flags&fMonthPrep == 0 {
		return res{}, false // "May" alone is the verb unless a preposition says otherwise
	}
	if y, k, ok := t.relYear(j); ok {
		// "June last year", "January this year"
		return t.monthRes(i, k, y, m), true
	}
	return t.monthRes(i, j, 0, m), true
}

// dayLed matches "5 February", "21st of February 2020", "21 Feb".
func (t *tagger) dayLed(i int) (res, bool) {
	d, nd, ok := t.number(i)
	if !ok || nd > 2 || d < 1 || d > 31 || t.partOfNumber(i) {
		return res{}, false
	}
	k := i + 1
	if t.adj(i) && t.kind(k) == wOrdSuffix {
		k++
	}
	if t.kind(k) == wOf {
		k++
	}
	m, k, _, _, ok := t.monthWord(k)
	if !ok {
		return res{}, false
	}
	y, k := t.yearAfter(k)
	if !validDate(y, m, d) {
		return res{}, false
	}
	return t.dateRes(i, k, y, m, d), true
}

func (t *tagger) weekdayLed(i int) (res, bool) {
	e := t.lex(i)
	if e.weekday == 0 || !t.capitalised(i) || e.abbrev {
		return res{}, false
	}
	wd := int(e.weekday)
	j := i + 1
	if t.punct(j, ',') {
		j++
	}
	r, ok := t.monthLed(j, true)
	if !ok || r.day == 0 {
		r, ok = t.dayLed(j)
	}
	if ok && r.day != 0 {
		r.weekday = wd
		if r.year == 0 && t.hasRef {
			// The weekday says which year: "Tuesday, January 21".
			if p, ok := nearestWeekdayYear(t.ref, r.month, r.day, wd); ok {
				r.point, r.hasPoint, r.value = p, true, fmtDay(p)
			}
		}
		return r, true
	}
	dir := -1
	if t.future(i) && !t.possessive(i) {
		dir = 1 // but "would get around Wednesday's ruling" is past
	}
	r = t.weekdayRes(i+1, wd, dir, false)
	if pod := t.partOfDay(i + 1); pod != "" {
		r.end++
		r.typ = "TIME"
		r.value += "T" + pod
	}
	return r, true
}

// possessive reports whether word token i ends in "'s": "Friday's vote".
func (t *tagger) possessive(i int) bool {
	return t.adj(i) && t.adj(i+1) && (t.punct(i+1, '\'') || i+1 < len(t.toks) && t.toks[i+1].kind == tPunct &&
		t.text[t.toks[i+1].start:t.toks[i+1].end] == "’") && t.wordIs(i+2, "s")
}

func (t *tagger) partOfDay(i int) string {
	switch t.kind(i) {
	case wMorning:
		return "MO"
	case wAfternoon:
		return "AF"
	case wEvening:
		return "EV"
	case wNight:
		return "NI"
	}
	return ""
}

func (t *tagger) dateRes(start, end, y, m, d int) res {
	r := res{end: end, typ: "DATE", prec: eventwire.PrecisionDay, month: m, day: d, year: y}
	if cy := t.contextYear(start); y == 0 && cy != 0 && validDate(cy, m, d) {
		y = cy
	}
	switch {
	case y != 0:
		r.point, r.hasPoint = day(y, m, d), true
	case t.hasRef && t.future(start):
		r.point, r.hasPoint = aheadMonthDay(t.ref, m, d)
	case t.hasRef:
		r.point, r.hasPoint = nearestMonthDay(t.ref, m, d)
	}
	if r.hasPoint {
		r.value = fmtDay(r.point)
	} else {
		r.value = "XXXX-" + fmtMonth(0, m)[5:] + "-" + string(pad(nil, d, 2))
	}
	return r
}

func (t *tagger) monthRes(start, end, y, m int) res {
	r := res{end: end, typ: "DATE", prec: eventwire.PrecisionMonth, month: m, year: y}
	if y == 0 {
		y = t.contextYear(start)
	}
	switch {
	case y != 0:
	case t.hasRef:
		switch t.tenseAround(start, end) {
		case 1:
			y = resolveMonth(t.ref, m, true)
		case -1:
			y = resolveMonth(t.ref, m, false)
		default:
			y = nearestMonth(t.ref, m)
		}
	default:
		r.value = "XXXX-" + fmtMonth(0, m)[5:]
		return r
	}
	r.value = fmtMonth(y, m)
	return r
}

func (t *tagger) weekdayRes(end, wd, dir int, strict bool) res {
	r := res{end: end, typ: "DATE", prec: eventwire.PrecisionDay, weekday: wd}
	if !t.hasRef {
		r.value = "XXXX-WXX-" + strconv.Itoa(wd)
		return r
	}
	r.point, r.hasPoint = resolveWeekday(t.ref, wd, dir, strict), true
	r.value = fmtDay(r.point)
	return r
}

// shiftRes names the unit u (day, week, month, year) that is n units from
// base: "yesterday", "last week", "the following day".
func (t *tagger) shiftRes(end int, base time.Time, n int, u unit) res {
	r := res{end: end, typ: "DATE"}
	known := !base.IsZero()
	switch u {
	case uDay:
		r.prec = eventwire.PrecisionDay
		if !known {
			r.value = "XXXX-XX-XX"
			break
		}
		r.point, r.hasPoint = base.AddDate(0, 0, n), true
		r.value = fmtDay(r.point)
	case uWeek:
		r.prec = eventwire.PrecisionWeek
		if !known {
			r.value = "XXXX-WXX"
			break
		}
		r.value = fmtWeek(base.AddDate(0, 0, 7*n))
	case uMonth:
		r.prec = eventwire.PrecisionMonth
		if !known {
			r.value = "XXXX-XX"
			break
		}
		first := day(base.Year(), int(base.Month())+n, 1)
		r.value = fmtMonth(first.Year(), int(first.Month()))
	case uYear:
		r.prec = eventwire.PrecisionYear
		if !known {
			r.value = "XXXX"
			break
		}
		r.value = fmtYear(base.Year() + n)
	case uDecade:
		if !known {
			r.value = "XXX"
			break
		}
		r.value = fmtYear(base.Year() + 10*n)[:3]
	case uCentury:
		if !known {
			r.value = "XX"
			break
		}
		r.value = fmtYear(base.Year() + 100*n)[:2]
	case uHour, uMinute, uSecond:
		// "two hours ago": the day is all that is known.
		r.typ = "TIME"
		r.prec = eventwire.PrecisionDay
		if !known {
			r.value = "XXXX-XX-XX"
			break
		}
		r.point, r.hasPoint = base, true
		r.value = fmtDay(base)
	default:
		r.value = "PAST_REF"
		if n > 0 {
			r.value = "FUTURE_REF"
		}
	}
	return r
}

// narrative returns the day that relative phrases such as "the previous
// day" count from: the last day named, else the reference date.
func (t *tagger) narrative() time.Time {
	if t.hasAnchor {
		return t.anchor
	}
	return t.ref
}

func (t *tagger) refOrZero() time.Time {
	if t.hasRef {
		return t.ref
	}
	return time.Time{}
}

// plausibleYear reports whether a bare number v is likely a year when the
// words around it are only a weak sign of one.
func (t *tagger) plausibleYear(v int) bool {
	if v < 1900 || v > 2100 {
		return false
	}
	return !t.hasRef || v <= t.ref.Year()+20
}

// yearToken reads a year written out at token j: "2019" or "nineteen
// ninety-six".
func (t *tagger) yearToken(j int) (v, next int, ok bool) {
	if v, nd, ok := t.number(j); ok && nd == 4 && v >= 1000 && v <= 2999 && !t.partOfNumber(j) {
		return v, j + 1, true
	}
	return t.spelledYear(j, true)
}

// spelledYear reads a year in words at token j, as broadcast transcripts
// write them: "nineteen ninety-six", "nineteen hundred", and with loose set,
// "two thousand" and "two thousand and one", which are also counts.
func (t *tagger) spelledYear(j int, loose bool) (v, next int, ok bool) {
	c := int(t.lex(j).num)
	if t.lex(j).unit != uNone {
		return 0, j, false
	}
	if c == 2 && t.lex(j+1).num == 1000 {
		if !loose {
			return 0, j, false
		}
		v, next = 2000, j+2
		k := next
		if t.wordIs(k, "and") {
			k++
		}
		if n, k2, _, ok := t.quantity(k); ok && n > 0 && n < 100 && t.toks[k].kind == tWord {
			v, next = 2000+n, k2
		}
		return v, next, true
	}
	if c < 11 || c > 20 {
		return 0, j, false
	}
	if t.lex(j+1).num == 100 {
		if !loose {
			return 0, j, false // "twelve hundred" is a count
		}
		return c * 100, j + 2, true
	}
	n, k, _, ok := t.quantity(j + 1)
	if !ok || t.toks[j+1].kind != tWord || n < 10 || n > 99 {
		return 0, j, false
	}
	return c*100 + n, k, true
}

// yearBefore reports whether token k is a plausible year standing alone.
func (t *tagger) yearBefore(k int) bool {
	v, nd, ok := t.number(k)
	return ok && nd == 4 && t.plausibleYear(v) && !t.partOfNumber(k)
}

func (t *tagger) yearAt(i int, relaxed bool) (res, bool) {
	v, nd, ok := t.number(i)
	if !ok || nd != 4 || v < 1000 || v > 2999 || t.partOfNumber(i) {
		return res{}, false
	}
	if !relaxed {
		prev := t.lex(i - 1).flags
		nextPunct := i+1 >= len(t.toks)
		if !nextPunct && t.toks[i+1].kind == tPunct {
			switch t.toks[i+1].ch {
			case ',', '.', ';', ':', ')', '!', '?', '"', '\'':
				nextPunct = true
			case 0: // non-ASCII: quotes and dashes
				nextPunct = true
			}
		}
		prevMoney := i > 0 && t.toks[i-1].kind == tPunct && t.adj(i-1) && t.toks[i-1].ch != '(' && t.toks[i-1].ch != '"'
		switch {
		case prev&fYearPrep != 0:
		case t.kind(i-1) == wThe && v >= 1900 && v <= 2100 && t.lex(i+1).flags&fMeasure == 0:
		case (prev&fDet != 0 || t.wordIs(i-1, "s") && t.possessive(i-3)) && t.plausibleYear(v) &&
			i+1 < len(t.toks) && t.toks[i+1].kind == tWord && t.lex(i+1).unit == uNone &&
			t.lex(i+1).flags&fMeasure == 0:
			// "its 1990 invasion", "a 1971 convention", "the company's 1989 results"
		case (prev&fWeakPrep != 0 || t.punct(i-1, '-')) && t.yearBefore(i-2):
			// "in both 1990 and 1991", "1994 to 1997"
		case nextPunct && !prevMoney && (prev&fWeakPrep != 0 || v >= 1800 && v <= 2100) &&
			(i == 0 || t.toks[i-1].kind != tNum):
		default:
			return res{}, false
		}
	}
	return res{end: i + 1, typ: "DATE", value: fmtYear(v), prec: eventwire.PrecisionYear, year: v}, true
}

// century matches "20th century" (the leading "the" is taken by theLed):
// TIMEX3 writes a century by its first two digits, "19".
func (t *tagger) century(i int) (res, bool) {
	v, nd, ok := t.number(i)
	if !ok || nd > 2 || v < 1 || v > 30 || !t.adj(i) || t.kind(i+1) != wOrdSuffix {
		return res{}, false
	}
	if u := t.lex(i + 2); u.unit != uCentury || u.plural {
		return res{}, false
	}
	return res{end: i + 3, typ: "DATE", value: string(pad(nil, v-1, 2))}, true
}

// decadeWords are the decades of the twentieth century in words.
var decadeWords = map[string]int{"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
	"seventies": 7, "eighties": 8, "nineties": 9}

// decade matches "1990s", "'80s" and "nineties" (the leading "the" is
// taken by theLed).
func (t *tagger) decade(i int) (res, bool) {
	if t.punct(i, '\'') && t.adj(i) {
		// "the '80s"
		v, nd, ok := t.number(i + 1)
		if ok && nd == 2 && v%10 == 0 && t.adj(i+1) && t.wordIs(i+2, "s") {
			return res{end: i + 3, typ: "DATE", value: "19" + strconv.Itoa(v/10)}, true
		}
		return res{}, false
	}
	if i < len(t.toks) && t.toks[i].kind == tWord && i > 0 && t.kind(i-1) == wThe {
		tk := &t.toks[i]
		if d, ok := decadeWords[strings.ToLower(t.text[tk.start:tk.end])]; ok && tk.end-tk.start <= 9 {
			return res{end: i + 1, typ: "DATE", value: "19" + strconv.Itoa(d)}, true
		}
	}
	v, nd, ok := t.number(i)
	if !ok || nd != 4 || v%10 != 0 || v < 1000 || !t.adj(i) || i+1 >= len(t.toks) {
		return res{}, false
	}
	nx := &t.toks[i+1]
	if nx.kind != tWord || t.text[nx.start:nx.end] != "s" {
		return res{}, false
	}
	return res{end: i + 2, typ: "DATE", value: fmtYear(v)[:3]}, true
}

// isoDate matches "2020-02-21".
func (t *tagger) isoDate(i int) (res, bool) {
	y, nd, ok := t.number(i)
	if !ok || nd != 4 || !t.adj(i) || !t.punct(i+1, '-') || !t.adj(i+1) {
		return res{}, false
	}
	m, nm, ok := t.number(i + 2)
	if !ok || nm != 2 || !t.adj(i+2) || !t.punct(i+3, '-') || !t.adj(i+3) {
		return res{}, false
	}
	d, ndd, ok := t.number(i + 4)
	if !ok || ndd != 2 || !validDate(y, m, d) || (t.adj(i+4) && i+5 < len(t.toks) && t.toks[i+5].kind != tPunct) {
		return res{}, false
	}
	r := res{end: i + 5, typ: "DATE", prec: eventwire.PrecisionDay, year: y, month: m, day: d}
	r.point, r.hasPoint = day(y, m, d), true
	r.value = fmtDay(r.point)
	return r, true
}

// timeOfDay matches "14:00", "10:30 a.m.", "2 p.m.", with a zone after.
func (t *tagger) timeOfDay(i int) (res, bool) {
	h, nd, ok := t.number(i)
	if !ok || nd > 2 || t.partOfNumber(i) {
		return res{}, false
	}
	j, m := i+1, -1
	if t.adj(i) && t.punct(j, ':') && t.adj(j) {
		mm, nm, ok := t.number(j + 1)
		if !ok || nm != 2 || mm > 59 {
			return res{}, false
		}
		m, j = mm, j+2
		if t.adj(j-1) && t.punct(j, ':') && t.adj(j) {
			if _, ns, ok := t.number(j + 1); ok && ns == 2 {
				j += 2
			}
		}
	}
	pm, k, isAMPM := t.ampm(j)
	if isAMPM {
		if h < 1 || h > 12 {
			return res{}, false
		}
		j = k
		if pm && h != 12 {
			h += 12
		} else if !pm && h == 12 {
			h = 0
		}
	} else if m < 0 || h > 24 {
		return res{}, false
	}
	if m < 0 {
		m = 0
	}
	switch {
	case t.kind(j) == wZone:
		j++
	case t.kind(j) == wLocal && t.kind(j+1) == wTime:
		j += 2
	}
	return t.timeOnDay(t.timeRes(j, h, m)), true
}

// ampm matches "am", "pm", "a.m." or "p.m." at token j.
func (t *tagger) ampm(j int) (pm bool, next int, ok bool) {
	if j >= len(t.toks) {
		return false, j, false
	}
	switch t.kind(j) {
	case wAM:
		return false, j + 1, true
	case wPM:
		return true, j + 1, true
	}
	tk := &t.toks[j]
	if tk.kind != tWord || tk.end-tk.start != 1 {
		return false, j, false
	}
	c := t.text[tk.start] | 0x20
	if (c != 'a' && c != 'p') || !t.adj(j) || !t.punct(j+1, '.') || !t.adj(j+1) || !t.wordIs(j+2, "m") {
		return false, j, false
	}
	next = j + 3
	if t.adj(j+2) && t.punct(next, '.') {
		next++
	}
	return c == 'p', next, true
}

// timeOnDay extends a time of day with the day written after it: "10 p.m.
// Wednesday", "noon Thursday", "5 p.m. EST, Nov. 9".
func (t *tagger) timeOnDay(r res) res {
	j := r.end
	if t.punct(j, ',') {
		j++
	}
	var d res
	ok := false
	switch e := t.lex(j); {
	case e.weekday != 0:
		d, ok = t.weekdayLed(j)
	case e.month != 0:
		d, ok = t.monthLed(j, true)
		ok = ok && d.day != 0
	case e.kind == wYesterday || e.kind == wToday || e.kind == wTomorrow:
		d, ok = t.relative(j)
	}
	if !ok || d.typ != "DATE" || len(d.value) != 10 {
		return r
	}
	d.typ, d.prec = "TIME", eventwire.PrecisionMinute
	d.value += r.value[10:]
	return d
}

// relYear matches "this year", "last year" or "next year" at token j, after
// a month, and returns the year meant.
func (t *tagger) relYear(j int) (y, next int, ok bool) {
	if !t.hasRef || t.lex(j+1).unit != uYear || t.lex(j+1).plural {
		return 0, j, false
	}
	switch t.kind(j) {
	case wThis:
		return t.ref.Year(), j + 2, true
	case wLast:
		return t.ref.Year() - 1, j + 2, true
	case wNext:
		return t.ref.Year() + 1, j + 2, true
	}
	return 0, j, false
}

func (t *tagger) timeRes(end, h, m int) res {
	date := "XXXX-XX-XX"
	if t.hasRef {
		date = fmtDay(t.ref)
	}
	b := make([]byte, 0, 17)
	b = append(b, date...)
	b = append(b, 'T')
	b = pad(b, h, 2)
	b = append(b, ':')
	b = pad(b, m, 2)
	return res{end: end, typ: "TIME", value: string(b), prec: eventwire.PrecisionMinute}
}

// quantity reads a count: "3", "three", "twenty-five", "a", "several", "a few".
// n is -1 for a vague count; article is set for a bare "a" or "an".
func (t *tagger) quantity(i int) (n, next int, article, ok bool) {
	if v, nd, ok := t.number(i); ok {
		if nd > 4 || t.partOfNumber(i) {
			return 0, i, false, false
		}
		return v, i + 1, false, true
	}
	e := t.lex(i)
	if e.num > 0 && e.unit == uNone {
		v, j := int(e.num), i+1
		if v >= 20 && v < 100 && t.adj(i) && t.punct(j, '-') && t.adj(j) {
			if u := int(t.lex(j + 1).num); u >= 1 && u <= 9 {
				v, j = v+u, j+2
			}
		}
		if v < 100 {
			if m := int(t.lex(j).num); (m == 100 || m == 1000) && t.lex(j).unit == uNone {
				v, j = v*m, j+1 // "two thousand years"
			}
		}
		return v, j, false, true
	}
	switch e.kind {
	case wA:
		if t.kind(i+1) == wFew {
			return -1, i + 2, false, true
		}
		if t.wordIs(i+1, "couple") && t.kind(i+2) == wOf {
			return 2, i + 3, false, true // "a couple of years"
		}
		return 1, i + 1, true, true
	case wSeveral, wFew:
		return -1, i + 1, false, true
	}
	return 0, i, false, false
}

var unitLetters = [...]string{uSecond: "S", uMinute: "M", uHour: "H", uDay: "D", uWeek: "W",
	uMonth: "M", uYear: "Y", uDecade: "DE", uCentury: "CE"}

func durValue(n int, u unit) string {
	b := make([]byte, 0, 8)
	b = append(b, 'P')
	if u == uHour || u == uMinute || u == uSecond {
		b = append(b, 'T')
	}
	if n < 0 {
		b = append(b, 'X')
	} else {
		b = strconv.AppendInt(b, int64(n), 10)
	}
	return string(append(b, unitLetters[u]...))
}

// durValueHalf is the value of n and a half units: "P2Y6M", "PT5H30M".
func durValueHalf(n int, u unit) string {
	v := durValue(n, u)
	switch u {
	case uYear:
		return v + "6M"
	case uMonth:
		return v + "15D"
	case uDay:
		return v + "T12H"
	case uHour:
		return v + "30M"
	case uMinute:
		return v + "30S"
	}
	return v
}

// halfAt reports whether tokens j.. are "1/2".
func (t *tagger) halfAt(j int) bool {
	v, _, ok := t.number(j)
	w, _, ok2 := t.number(j + 2)
	return ok && ok2 && v == 1 && w == 2 && t.adj(j) && t.punct(j+1, '/') && t.adj(j+1)
}

// duration matches "three days", "a week", "24-hour", and the dates
// "three days ago" and "two days later". start is where the span begins.
func (t *tagger) duration(i, start int) (res, bool) {
	n, j, article, ok := t.quantity(i)
	if !ok {
		return res{}, false
	}
	hyph := false
	if t.adj(j-1) && t.punct(j, '-') && t.adj(j) {
		j++
		hyph = true
	}
	half, filler := false, false
	if !hyph {
		if n > 0 && t.halfAt(j) {
			j, half = j+3, true // "2 1/2 years"
		}
		for m := 0; m < 2 && t.lex(j).flags&fDurFill != 0; m++ {
			j, filler = j+1, true // "two more weeks", "eight trading days"
		}
	}
	e := t.lex(j)
	if e.unit == uNone || e.num != 0 { // "fortnight" carries its own count
		if e.num == 2 && e.unit == uWeek && n > 0 && !hyph {
			n, e = n*2, &lexEntry{unit: uWeek}
		} else {
			return res{}, false
		}
	}
	k := j + 1
	if hyph && t.adj(j) && t.punct(k, '-') && t.adj(k) && t.kind(k+1) == wOld {
		return res{}, false // "a 25-year-old man" is an age
	}
	if !hyph && t.kind(k) == wOld {
		return res{}, false // "Mr. Reupke, 52 years old" is an age too
	}
	if !hyph {
		switch t.kind(k) {
		case wAgo:
			if n < 0 {
				return res{end: k + 1, typ: "DATE", value: "PAST_REF"}, true
			}
			if n == 1 && e.unit == uYear && t.recentQuarter(i) {
				// "rose from a year ago" after a quarter is that quarter a year back.
				return res{end: k + 1, typ: "DATE", value: quarterValue(t.qYear-1, t.qNum), byRef: true}, true
			}
			return t.shiftRes(k+1, t.refOrZero(), -n, e.unit), true
		case wLater, wEarlier:
			if n < 0 || t.lex(k+1).unit != uNone || t.kind(k+1) == wThis {
				break // "two days later" counts from the story's time; "a year earlier this month" does not
			}
			sign := 1
			if t.kind(k) == wEarlier {
				sign = -1
			}
			if n == 1 && e.unit == uYear && t.recentQuarter(i) {
				return res{end: k + 1, typ: "DATE", value: quarterValue(t.qYear+sign, t.qNum), byRef: true}, true
			}
			base := t.narrative()
			if !t.hasRef && !t.hasAnchor {
				base = time.Time{}
			}
			return t.shiftRes(k+1, base, sign*n, e.unit), true
		}
	}
	if article && !filler && t.lex(start-1).flags&fDurPrep == 0 {
		return res{}, false // "a day" needs "for", "within", "about"...
	}
	if !hyph && n > 0 && t.wordIs(k, "and") && t.kind(k+1) == wA && t.kind(k+2) == wHalf {
		k, half = k+3, true // "a minute and a half"
	}
	if half {
		return res{end: k, typ: "DURATION", value: durValueHalf(n, e.unit)}, true
	}
	return res{end: k, typ: "DURATION", value: durValue(n, e.unit)}, true
}

// barePlural matches "for years", "in decades" as vague durations.
func (t *tagger) barePlural(i int) (res, bool) {
	if !(t.kind(i-1) == wFor || t.wordIs(i-1, "over") || t.wordIs(i-1, "within") || t.wordIs(i-1, "in")) {
		return res{}, false
	}
	u := t.lex(i).unit
	if u == uSecond || u == uMinute {
		return res{}, false
	}
	return res{end: i + 1, typ: "DURATION", value: durValue(-1, u)}, true
}

// modified matches a date with a modifier in front: "late January",
// "mid-2019", "the end of the year", "early next week".
func (t *tagger) modified(i int) (res, bool) {
	k := -1
	switch t.kind(i) {
	case wEarly, wLate:
		k = i + 1
	case wMid:
		k = i + 1
		if t.adj(i) && t.punct(k, '-') && t.adj(k) {
			k++
		}
	case wEnd, wBeginning, wMiddle:
		if t.kind(i+1) == wOf {
			k = i + 2
		}
	case wThe:
		switch t.kind(i + 1) {
		case wEnd, wBeginning, wMiddle:
			if t.kind(i+2) == wOf {
				k = i + 3
			}
		}
	}
	if k < 0 {
		return res{}, false
	}
	return t.dateCore(k)
}

// theLed matches expressions opening with "the": "the previous day",
// "the past three days", "the first quarter", "the 1990s", "the past".
func (t *tagger) theLed(i int) (res, bool) {
	j := i + 1
	e := t.lex(j)
	switch e.kind {
	case wSeason:
		return t.season(j)
	case wPrevious, wFollowing, wSame, wNext:
		u := t.lex(j + 1)
		if e.kind == wNext && (u.plural || u.unit == uNone) {
			if r, ok := t.duration(j+1, i); ok && r.typ == "DURATION" {
				return r, true // "the next ten days"
			}
		}
		if u.plural || u.unit < uDay || u.unit > uYear {
			break
		}
		if e.kind == wNext && u.unit != uDay {
			return res{end: j + 2, typ: "DURATION", value: durValue(1, u.unit)}, true
		}
		if u.unit == uNone {
			break
		}
		n := direction(e.kind)
		base := t.narrative()
		if !t.hasRef && !t.hasAnchor {
			base = time.Time{}
		}
		return t.shiftRes(j+2, base, n, u.unit), true
	case wPast, wLast, wComing:
		if e.kind == wLast && t.kind(j+1) == wHalf {
			// "the last half of 1989" is its second half.
			if r, ok := t.quarter(j); ok {
				return r, true
			}
		}
		if r, ok := t.duration(j+1, i); ok && r.typ == "DURATION" {
			return r, true
		}
		if u := t.lex(j + 1); u.unit != uNone && u.num == 0 {
			if t.capitalised(j+1) && t.toks[j+1].caps&capAll == 0 {
				return res{}, false // the title "The Last Days of Dolwyn"
			}
			n := 1
			if u.plural {
				n = -1
			}
			return res{end: j + 2, typ: "DURATION", value: durValue(n, u.unit)}, true
		}
		if e.kind == wPast && t.phraseEnd(j+1) {
			return res{end: j + 1, typ: "DATE", value: "PAST_REF"}, true
		}
	case wFuture:
		if t.phraseEnd(j+1) && !t.wordIs(j+1, "of") {
			return res{end: j + 1, typ: "DATE", value: "FUTURE_REF"}, true
		}
	case wNone:
		// "the near future", "the short term"
		if (t.wordIs(j, "near") || t.wordIs(j, "distant") || t.wordIs(j, "immediate")) && t.kind(j+1) == wFuture ||
			(t.wordIs(j, "near") || t.wordIs(j, "short")) && t.wordIs(j+1, "term") {
			if t.phraseEnd(j+2) && !t.wordIs(j+2, "of") {
				return res{end: j + 2, typ: "DATE", value: "FUTURE_REF"}, true
			}
		}
	case wWeekend:
		if !t.hasRef {
			return res{end: j + 1, typ: "DATE", value: "XXXX-WXX-WE", prec: eventwire.PrecisionWeek}, true
		}
		return t.weekendRes(j+1, 0), true
	}
	if e.unit == uDay && !e.plural && (t.kind(j+1) == wBefore || t.kind(j+1) == wAfter) &&
		t.kind(j+2) != wYesterday && t.kind(j+2) != wTomorrow {
		n := -1
		if t.kind(j+1) == wAfter {
			n = 1
		}
		if t.lex(j+2).flags&fPrep != 0 || t.kind(j+2) == wThe || t.kind(j+2) == wA {
			return res{}, false // "the day after the attack" is anchored to the attack
		}
		base := t.narrative()
		if !t.hasRef && !t.hasAnchor {
			base = time.Time{}
		}
		return t.shiftRes(j+2, base, n, uDay), true
	}
	if e.ord != 0 {
		return t.quarter(j)
	}
	if r, ok := t.century(j); ok {
		return r, true
	}
	return t.decade(j)
}

// phraseEnd reports whether token k ends the noun phrase before it: it is
// punctuation, the end of the text, a preposition, a conjunction or a verb
// in the past ("in the past, ...", "the past has shown"), not a noun the
// phrase goes on with ("the past president").
func (t *tagger) phraseEnd(k int) bool {
	if k >= len(t.toks) || t.toks[k].kind == tPunct {
		return true
	}
	if t.toks[k].kind != tWord {
		return false
	}
	e := t.lex(k)
	return e.flags&(fPrep|fWeakPrep|fClause|fYearPrep|fPast|fFuture) != 0 || t.pastForm(k)
}

// direction is the way a relative word points: -1 back, +1 ahead, 0 here.
func direction(k wordKind) int {
	switch k {
	case wPrevious, wYesterday, wLast, wPast:
		return -1
	case wFollowing, wNext, wTomorrow:
		return 1
	}
	return 0
}

// weekendRes names the weekend dir weeks from the one last begun.
func (t *tagger) weekendRes(end, dir int) res {
	base := t.ref
	if isoWeekday(base) < 6 && dir <= 0 {
		base = base.AddDate(0, 0, -7)
	}
	base = base.AddDate(0, 0, 7*dir)
	return res{end: end, typ: "DATE", value: fmtWeek(base) + "-WE", prec: eventwire.PrecisionWeek}
}

// relative matches "yesterday", "last week", "this morning", "next Friday",
// "earlier this month", "last three days".
func (t *tagger) relative(i int) (res, bool) {
	ref := t.refOrZero()
	switch k := t.kind(i); k {
	case wYesterday, wToday, wTomorrow:
		n := direction(k)
		r := t.shiftRes(i+1, ref, n, uDay)
		if pod := t.partOfDay(i + 1); pod != "" {
			r.end, r.typ = i+2, "TIME"
			r.value += "T" + pod
		}
		return r, true
	case wTonight:
		r := t.shiftRes(i+1, ref, 0, uDay)
		r.typ = "TIME"
		r.value += "TNI"
		return r, true
	case wEarlier, wLater:
		switch t.kind(i + 1) {
		case wToday:
			return t.shiftRes(i+2, ref, 0, uDay), true
		case wThis, wLast, wNext:
			if r, ok := t.relative(i + 1); ok && r.typ == "DATE" {
				return r, true
			}
		case wThat:
			return t.anaphor(i + 1) // "later that year"
		case wIn:
			// "earlier in the year"
			if t.kind(i+2) == wThe {
				if u := t.lex(i + 3); !u.plural && u.unit >= uWeek && u.unit <= uYear {
					return t.shiftRes(i+4, ref, 0, u.unit), true
				}
			}
		}
		return res{}, false
	}
	dir := direction(t.kind(i))
	j := i + 1
	if t.kind(i) == wThis {
		switch t.kind(j) {
		case wPast:
			dir, j = -1, j+1
		case wComing:
			dir, j = 1, j+1
		}
	}
	e := t.lex(j)
	isCount := j < len(t.toks) && (t.toks[j].kind == tNum || e.num != 0 || e.kind == wFew || e.kind == wSeveral)
	switch {
	case isCount:
		if dir != 0 {
			if r, ok := t.duration(j, i); ok && r.typ == "DURATION" {
				return r, true
			}
		}
	case e.unit != uNone && !e.plural && e.unit >= uDay:
		if e.unit == uDay {
			break // "last day" is no date
		}
		if t.capitalised(j) && t.toks[j].caps&capAll == 0 {
			return res{}, false // the programme "This Week"
		}
		r := t.shiftRes(j+1, ref, dir, e.unit)
		if e.unit == uYear && t.hasRef && t.possessive(j) {
			if q, ok := t.yearsQuarter(j+3, t.ref.Year()+dir); ok {
				return q, true // "next year's first quarter"
			}
		}
		return r, true
	case e.kind == wWeekend:
		if !t.hasRef {
			return res{end: j + 1, typ: "DATE", value: "XXXX-WXX-WE", prec: eventwire.PrecisionWeek}, true
		}
		if dir == 0 {
			dir = 1
			if isoWeekday(t.ref) >= 6 || !t.future(i) {
				dir = 0
			}
		}
		return t.weekendRes(j+1, dir), true
	case e.weekday != 0 && t.capitalised(j):
		switch dir {
		case -1:
			return t.weekdayRes(j+1, int(e.weekday), -1, true), true
		case 1:
			return t.weekdayRes(j+1, int(e.weekday), 1, true), true
		}
		d := -1
		if t.future(i) {
			d = 1
		}
		return t.weekdayRes(j+1, int(e.weekday), d, false), true
	case e.month != 0 && t.capitalised(j) && !e.abbrev:
		m := int(e.month)
		if !t.hasRef {
			return res{end: j + 1, typ: "DATE", value: "XXXX-" + fmtMonth(0, m)[5:], prec: eventwire.PrecisionMonth}, true
		}
		y, rm := t.ref.Year(), int(t.ref.Month())
		switch {
		case dir < 0 && m >= rm:
			y--
		case dir > 0 && m <= rm:
			y++
		}
		return res{end: j + 1, typ: "DATE", value: fmtMonth(y, m), prec: eventwire.PrecisionMonth, month: m, year: y}, true
	case e.kind == wMorning || e.kind == wAfternoon || e.kind == wEvening || e.kind == wNight:
		if dir > 0 || dir < 0 && e.kind != wNight {
			break
		}
		r := t.shiftRes(j+1, ref, dir, uDay)
		r.typ = "TIME"
		r.value += "T" + t.partOfDay(j)
		return r, true
	case e.kind == wHoliday && dir != 0:
		return t.holiday(j) // "last Thanksgiving"
	case e.kind == wSeason:
		if !t.hasRef {
			return res{end: j + 1, typ: "DATE", value: "XXXX-" + seasonCodes[e.val]}, true
		}
		// A season runs three months from its first: spring from March.
		// "Last spring" is the last one over, "next spring" the first one
		// not yet begun, "this spring" the one of this year.
		first, m, y := 3*int(e.val), int(t.ref.Month()), t.ref.Year()
		switch {
		case dir < 0 && first+3 > m:
			y--
		case dir > 0 && first <= m:
			y++
		}
		return res{end: j + 1, typ: "DATE", value: fmtYear(y) + "-" + seasonCodes[e.val]}, true
	case e.kind == wQuarter:
		if !t.hasRef {
			return res{end: j + 1, typ: "DATE", value: "XXXX-QX"}, true
		}
		q := (int(t.ref.Month())-1)/3 + dir
		y := t.ref.Year()
		for q < 0 {
			q, y = q+4, y-1
		}
		for q > 3 {
			q, y = q-4, y+1
		}
		return res{end: j + 1, typ: "DATE", value: fmtYear(y) + "-Q" + strconv.Itoa(q+1)}, true
	}
	return res{}, false
}

var seasonCodes = [...]string{1: "SP", 2: "SU", 3: "FA", 4: "WI"}

// season matches "summer of 2019", "spring 2020".
func (t *tagger) season(i int) (res, bool) {
	j := i + 1
	if t.kind(j) == wOf {
		j++
	}
	code := seasonCodes[t.lex(i).val]
	v, k, ok := t.yearToken(j)
	if !ok {
		// "in the summer", "during the winter": the last one begun, or with
		// the future in the words before, the next.
		const prep = fYearPrep | fPrep | fDurPrep
		if !t.hasRef || t.lex(i-1).flags&prep == 0 && !t.wordIs(i-1, "into") &&
			!(t.kind(i-1) == wThe && (t.lex(i-2).flags&prep != 0 || t.wordIs(i-2, "into"))) {
			return res{}, false
		}
		y := t.ref.Year()
		start := 3 * int(t.lex(i).val) // the month it begins: 3, 6, 9, 12
		if start > int(t.ref.Month()) {
			y--
		}
		if t.future(i) {
			y++
		}
		return res{end: i + 1, typ: "DATE", value: fmtYear(y) + "-" + code}, true
	}
	return res{end: k, typ: "DATE", value: fmtYear(v) + "-" + code}, true
}

// quarter matches "first quarter", "third-quarter", "second half of 2019"
// at the ordinal i.
func (t *tagger) quarter(i int) (res, bool) {
	n := int(t.lex(i).ord)
	j := i + 1
	if t.adj(i) && t.punct(j, '-') && t.adj(j) {
		j++
	}
	var code byte
	var per int // parts of the year
	switch t.kind(j) {
	case wQuarter:
		code, per = 'Q', 4
	case wHalf:
		code, per = 'H', 2
	default:
		return res{}, false
	}
	if t.kind(i) == wLast {
		n = per
	}
	if n < 1 || n > per {
		return res{}, false
	}
	end := j + 1
	y := 0
	if t.kind(end) == wOf {
		if v, nd, ok := t.number(end + 1); ok && nd == 4 {
			y, end = v, end+2
		} else if t.kind(end+1) == wThe && t.kind(i) == wLast {
			return res{}, false // "the last half of the '80s"
		}
	} else if v, nd, ok := t.number(end); ok && nd == 4 {
		y, end = v, end+1
	}
	if code == 'H' && y == 0 {
		return res{}, false // "the second half" of a match or a month
	}
	suffix := string(code) + strconv.Itoa(n)
	switch {
	case y != 0:
	case t.hasRef:
		y = t.ref.Year()
		if cur := (int(t.ref.Month())-1)/(12/per) + 1; n > cur {
			y--
		}
	default:
		return res{end: end, typ: "DATE", value: "XXXX-" + suffix}, true
	}
	return res{end: end, typ: "DATE", value: fmtYear(y) + "-" + suffix}, true
}

// set matches "every day", "each Friday", "every two weeks", "weekly".
func (t *tagger) set(i int) (res, bool) {
	if t.kind(i) == wSetAdverb {
		return res{end: i + 1, typ: "SET", value: durValue(1, t.lex(i).unit)}, true
	}
	j := i + 1
	if e := t.lex(j); e.weekday != 0 && t.capitalised(j) {
		return res{end: j + 1, typ: "SET", value: "XXXX-WXX-" + strconv.Itoa(int(e.weekday))}, true
	}
	n := 1
	if q, k, article, ok := t.quantity(j); ok && !article && q > 0 {
		n, j = q, k
	}
	u := t.lex(j)
	if u.unit == uNone || u.num != 0 {
		return res{}, false
	}
	return res{end: j + 1, typ: "SET", value: durValue(n, u.unit)}, true
}
