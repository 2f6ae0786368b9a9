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
// A weekday or month written without a year takes the most recent one on or
// before ref, as news reports the past, unless the words before it mark the
// future ("will meet on Monday"). A day and month without a year take the
// year that puts them nearest ref ("February 25" in a story of February 21
// is 2020-02-25; "December 30" in one of January 2 is the December before),
// or the year its weekday fixes ("Tuesday, January 21"). Sentence is -1: Tag
// knows no sentences.
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
	out                 []found
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
	for i := 0; i < len(t.toks); {
		r, ok := t.matchAt(i)
		if !ok || r.end <= i {
			i++
			continue
		}
		t.emit(i, r)
		i = r.end
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
	if r.year != 0 {
		t.ctxYear, t.ctxYearEnd = r.year, r.end
	}
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

// future reports whether the few words before token i, in the same
// sentence, put what follows in the future ("will meet on", "scheduled for").
func (t *tagger) future(i int) bool {
	for k := i - 1; k >= 0 && k >= i-8; k-- {
		tk := &t.toks[k]
		if tk.kind == tPunct && (tk.ch == '.' || tk.ch == '!' || tk.ch == '?' || tk.ch == ';') {
			return false
		}
		if t.lex(k).flags&fFuture != 0 {
			return true
		}
	}
	return false
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
	switch e.kind {
	case wEarly, wMid, wLate, wEnd, wBeginning, wMiddle:
		return t.modified(i)
	case wThe:
		if r, ok := t.modified(i); ok {
			return r, true
		}
		return t.theLed(i)
	case wYesterday, wToday, wTomorrow, wTonight, wLast, wThis, wNext, wPast, wEarlier, wLater:
		return t.relative(i)
	case wA, wSeveral, wFew:
		return t.duration(i, i)
	case wEvery:
		return t.set(i)
	case wSetAdverb:
		if t.capitalised(i) && !t.sentenceStart(i) {
			return res{}, false // "Daily Mail"
		}
		return t.set(i)
	case wRecently:
		return res{end: i + 1, typ: "DATE", value: "PAST_REF"}, true
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
		return t.timeRes(i+1, h, 0), true
	case wSeason:
		return t.season(i)
	}
	return res{}, false
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
	return 0, k
}

func (t *tagger) monthLed(i int, relaxed bool) (res, bool) {
	m, j, abbrev, dotted, ok := t.monthWord(i)
	if !ok {
		return res{}, false
	}
	if d, nd, ok := t.number(j); ok && nd <= 2 && d >= 1 && d <= 31 && !t.partOfNumber(j) && (dotted || !t.adj(i)) &&
		!(t.adj(j) && t.punct(j+1, ':')) {
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
	if v, nd, ok := t.number(j); ok && nd == 4 && v >= 1000 && v <= 2999 && !t.partOfNumber(j) {
		return t.monthRes(i, j+1, v, m), true
	}
	if t.kind(j) == wOf {
		if v, nd, ok := t.number(j + 1); ok && nd == 4 && v >= 1000 && v <= 2999 {
			return t.monthRes(i, j+2, v, m), true
		}
	}
	if abbrev && !dotted {
		return res{}, false // "Jan" alone is a name more often than a month
	}
	if m == 5 && !relaxed && t.lex(i-1).flags&fMonthPrep == 0 {
		return res{}, false // "May" alone is the verb unless a preposition says otherwise
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
	if t.future(i) {
		dir = 1
	}
	r = t.weekdayRes(i+1, wd, dir, false)
	if pod := t.partOfDay(i + 1); pod != "" {
		r.end++
		r.typ = "TIME"
		r.value += "T" + pod
	}
	return r, true
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
		r.point, r.hasPoint = resolveMonthDay(t.ref, m, d, true)
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
		y = resolveMonth(t.ref, m, t.future(start))
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
		case t.kind(i-1) == wThe && v >= 1900 && v <= 2100:
		case nextPunct && !prevMoney && (prev&fWeakPrep != 0 || v >= 1800 && v <= 2100) &&
			(i == 0 || t.toks[i-1].kind != tNum):
		default:
			return res{}, false
		}
	}
	return res{end: i + 1, typ: "DATE", value: fmtYear(v), prec: eventwire.PrecisionYear, year: v}, true
}

// decade matches "1990s" (the leading "the" is taken by theLed).
func (t *tagger) decade(i int) (res, bool) {
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
	return t.timeRes(j, h, m), true
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
		return v, j, false, true
	}
	switch e.kind {
	case wA:
		if t.kind(i+1) == wFew {
			return -1, i + 2, false, true
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
	if !hyph {
		switch t.kind(k) {
		case wAgo:
			if n < 0 {
				return res{end: k + 1, typ: "DATE", value: "PAST_REF"}, true
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
			base := t.narrative()
			if !t.hasRef && !t.hasAnchor {
				base = time.Time{}
			}
			return t.shiftRes(k+1, base, sign*n, e.unit), true
		}
	}
	if article && t.lex(start-1).flags&fDurPrep == 0 {
		return res{}, false // "a day" needs "for", "within", "about"...
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
		if r, ok := t.duration(j+1, i); ok && r.typ == "DURATION" {
			return r, true
		}
		if u := t.lex(j + 1); u.unit != uNone && u.num == 0 {
			n := 1
			if u.plural {
				n = -1
			}
			return res{end: j + 2, typ: "DURATION", value: durValue(n, u.unit)}, true
		}
		if e.kind == wPast && (j+1 >= len(t.toks) || t.toks[j+1].kind == tPunct) {
			return res{end: j + 1, typ: "DATE", value: "PAST_REF"}, true
		}
	case wFuture:
		if j+1 >= len(t.toks) || t.toks[j+1].kind == tPunct {
			return res{end: j + 1, typ: "DATE", value: "FUTURE_REF"}, true
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
	return t.decade(j)
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
		return t.shiftRes(j+1, ref, dir, e.unit), true
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
	case e.kind == wSeason:
		if !t.hasRef {
			return res{end: j + 1, typ: "DATE", value: "XXXX-" + seasonCodes[e.val]}, true
		}
		return res{end: j + 1, typ: "DATE", value: fmtYear(t.ref.Year()+dir) + "-" + seasonCodes[e.val]}, true
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
	v, nd, ok := t.number(j)
	if !ok || nd != 4 || v < 1000 || v > 2999 {
		return res{}, false
	}
	return res{end: j + 1, typ: "DATE", value: fmtYear(v) + "-" + seasonCodes[t.lex(i).val]}, true
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
	if n < 1 || n > per {
		return res{}, false
	}
	end := j + 1
	y := 0
	if t.kind(end) == wOf {
		if v, nd, ok := t.number(end + 1); ok && nd == 4 {
			y, end = v, end+2
		}
	} else if v, nd, ok := t.number(end); ok && nd == 4 {
		y, end = v, end+1
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
