package when

import (
	"strconv"

	"github.com/eventwire/eventwire"
)

// Reporting periods. Company news counts in quarters and fiscal years, and
// names them by reference: "profit in the third quarter rose 10% from a year
// earlier" compares the third quarter with the third quarter of the year
// before; "in the latest quarter" is the quarter the report is about. The
// tagger keeps the last quarter named as the anchor of such references;
// before any is named, "the quarter" is the last one completed by the
// reference date, the one companies report on.

// quarterValue is the TIMEX3 value of quarter q of year y: "1989-Q3".
func quarterValue(y, q int) string { return fmtYear(y) + "-Q" + strconv.Itoa(q) }

// parseQuarter reads a value "YYYY-Qn".
func parseQuarter(v string) (y, q int, ok bool) {
	if len(v) != 7 || v[4] != '-' || v[5] != 'Q' || v[6] < '1' || v[6] > '4' {
		return 0, 0, false
	}
	for i := 0; i < 4; i++ {
		if !isDigit(v[i]) {
			return 0, 0, false
		}
		y = y*10 + int(v[i]-'0')
	}
	return y, int(v[6] - '0'), true
}

// anchorQuarter is the quarter "the quarter" means: the last one named, else
// the last one completed by the reference date. ok is false with neither.
func (t *tagger) anchorQuarter() (y, q int, ok bool) {
	if t.qYear != 0 {
		return t.qYear, t.qNum, true
	}
	return t.lastQuarter()
}

// lastQuarter is the last quarter completed by the reference date.
func (t *tagger) lastQuarter() (y, q int, ok bool) {
	if !t.hasRef {
		return 0, 0, false
	}
	y, q = t.ref.Year(), (int(t.ref.Month())-1)/3
	if q == 0 {
		y, q = y-1, 4
	}
	return y, q, true
}

// yearAgo matches the adjective "year-earlier" or "year-ago" at token j and
// returns the token after it.
func (t *tagger) yearAgo(j int) (next int, ok bool) {
	if u := t.lex(j); u.unit != uYear || u.plural || !t.adj(j) || !t.punct(j+1, '-') || !t.adj(j+1) {
		return j, false
	}
	if !t.wordIs(j+2, "earlier") && !t.wordIs(j+2, "ago") {
		return j, false
	}
	return j + 3, true
}

// yearEnd matches "year-end", "year end" and "year's end" at token i
// ("year"): the end of the year of the reference date, or of the year
// written after it ("year-end 1988"). TimeML gives it the year.
func (t *tagger) yearEnd(i int) (res, bool) {
	var k int
	switch {
	case t.adj(i) && t.punct(i+1, '-') && t.adj(i+1) && t.wordIs(i+2, "end"):
		k = i + 3
	case t.wordIs(i+1, "end") && !t.capitalised(i+1):
		k = i + 2
	case t.possessive(i) && t.wordIs(i+3, "end"):
		k = i + 4
	default:
		return res{}, false
	}
	if v, next, ok := t.yearToken(k); ok {
		return res{end: next, typ: "DATE", value: fmtYear(v), prec: eventwire.PrecisionYear, year: v}, true
	}
	if !t.hasRef {
		return res{end: k, typ: "DATE", value: "XXXX", prec: eventwire.PrecisionYear}, true
	}
	y := t.ref.Year()
	return res{end: k, typ: "DATE", value: fmtYear(y), prec: eventwire.PrecisionYear, year: y}, true
}

// yearAgoAdj matches "year-earlier" or "year-ago" standing alone before a
// noun: "compared with year-earlier profit", "a year-ago loss". It names the
// anchor quarter a year back, or the year before the reference date.
func (t *tagger) yearAgoAdj(i int) (res, bool) {
	k, ok := t.yearAgo(i)
	if !ok || k >= len(t.toks) || t.toks[k].kind != tWord {
		return res{}, false
	}
	if y, q, ok := t.anchorQuarter(); ok && t.recentQuarter(i) {
		return res{end: k, typ: "DATE", value: quarterValue(y-1, q), byRef: true}, true
	}
	if !t.hasRef {
		return res{end: k, typ: "DATE", value: "XXXX", prec: eventwire.PrecisionYear}, true
	}
	y := t.ref.Year() - 1
	return res{end: k, typ: "DATE", value: fmtYear(y), prec: eventwire.PrecisionYear, year: y}, true
}

// period matches the reporting periods that open with "the" (token i): "the
// quarter", "the latest quarter", "the year-earlier period", "the 1988
// second quarter", "the first nine months", "the fiscal year", "the year
// ended June 30".
func (t *tagger) period(i int) (res, bool) {
	j := i + 1
	var latest, current, ago, fiscal bool
	year := 0
	for n := 0; n < 4; n++ {
		if k, ok := t.yearAgo(j); ok {
			ago, j = true, k
			continue
		}
		switch {
		case t.wordIs(j, "latest") || t.wordIs(j, "comparable") || t.wordIs(j, "corresponding"):
			latest = true
		case t.wordIs(j, "current"):
			current = true
		case t.wordIs(j, "fiscal") || t.wordIs(j, "full"):
			fiscal = true
		case (t.wordIs(j, "first") || t.wordIs(j, "last")) && t.isCount(j+1):
			// "the first nine months"
		default:
			if v, nd, ok := t.number(j); ok && nd == 4 && v >= 1000 && v <= 2999 && year == 0 && !t.partOfNumber(j) {
				year = v
				break
			}
			n = 4
			continue
		}
		j++
	}
	// "the first nine months", "the year-earlier nine months"
	if n, k, article, ok := t.quantity(j); ok && !article && n > 0 && j > i+1 {
		if u := t.lex(k); u.plural && u.unit >= uDay && u.unit <= uYear {
			return res{end: k + 1, typ: "DURATION", value: durValue(n, u.unit)}, true
		}
	}
	e := t.lex(j)
	switch {
	case e.ord != 0 && j > i+1 && (ago || year != 0 || fiscal):
		// "the year-ago third quarter", "the 1988 second quarter"
		r, ok := t.quarter(j)
		if !ok || r.value == "" || len(r.value) != 7 {
			return res{}, false
		}
		y := year
		if ago {
			ay, _, ok := t.anchorQuarter()
			if !ok {
				return res{}, false
			}
			y = ay - 1
			r.byRef = true
		}
		if y != 0 {
			r.value = fmtYear(y) + r.value[4:]
		}
		return r, true
	case e.kind == wQuarter && !e.plural, e.kind == wNone && t.wordIs(j, "period") && (latest || ago || year != 0):
		end := j + 1
		if current {
			if !t.hasRef {
				return res{}, false
			}
			return res{end: end, typ: "DATE", value: quarterValue(t.ref.Year(), (int(t.ref.Month())-1)/3+1), byRef: true}, true
		}
		if e.kind == wQuarter && (t.wordIs(end, "ended") || t.wordIs(end, "ending")) {
			// "the quarter ended Sept. 30" is the quarter of that month.
			if m, _, _, _, ok := t.monthWord(end + 1); ok {
				y := year
				if y == 0 && t.hasRef {
					y = resolveMonth(t.ref, m, false)
				}
				if y != 0 {
					return res{end: end, typ: "DATE", value: quarterValue(y, (m-1)/3+1)}, true
				}
			}
		}
		y, q, ok := t.anchorQuarter()
		if !ok {
			return res{end: end, typ: "DATE", value: "XXXX-QX"}, true
		}
		if ly, lq, ok := t.lastQuarter(); ok && latest && ly*4+lq < y*4+q {
			y, q = ly, lq // "the latest quarter" is one reported, not one ahead
		}
		switch {
		case year != 0:
			y = year
		case ago:
			y--
		}
		// "the corresponding period last year", "the quarter a year ago"
		if k, ok := t.yearBack(end); ok && year == 0 && !ago {
			y, end = y-1, k
		}
		return res{end: end, typ: "DATE", value: quarterValue(y, q), byRef: true}, true
	case e.unit == uYear && !e.plural && !ago:
		end := j + 1
		if t.wordIs(end, "ended") || t.wordIs(end, "ending") || t.wordIs(end, "to") {
			return res{end: end, typ: "DURATION", value: "P1Y"}, true
		}
		if t.kind(end) == wOf || year != 0 || !t.hasRef {
			return res{}, false // "the year of the dragon"
		}
		if v, k, ok := t.spelledYear(end, true); ok && !(latest || current || fiscal) {
			return res{end: k, typ: "DATE", value: fmtYear(v), prec: eventwire.PrecisionYear, year: v}, true
		}
		if p := t.lex(i - 1); !(latest || current || fiscal) &&
			(p.flags&(fPrep|fYearPrep|fDurPrep) == 0 && p.kind != wOf || !t.phraseEnd(end)) {
			return res{}, false // "the year it was first detected"
		}
		y := t.ref.Year()
		return res{end: end, typ: "DATE", value: fmtYear(y), prec: eventwire.PrecisionYear, year: y}, true
	}
	return res{}, false
}

// yearBack matches "last year", "a year ago" or "a year earlier" at token j,
// after a period: "the corresponding period last year".
func (t *tagger) yearBack(j int) (next int, ok bool) {
	if t.kind(j) == wLast && t.lex(j+1).unit == uYear && !t.lex(j+1).plural {
		return j + 2, true
	}
	if t.kind(j) == wA && t.lex(j+1).unit == uYear && !t.lex(j+1).plural && (t.kind(j+2) == wAgo || t.kind(j+2) == wEarlier) {
		return j + 3, true
	}
	return j, false
}

// isCount reports whether token j is a number or a number word.
func (t *tagger) isCount(j int) bool {
	if j < 0 || j >= len(t.toks) {
		return false
	}
	return t.toks[j].kind == tNum || t.lex(j).num != 0 && t.lex(j).unit == uNone
}

// recentQuarter reports whether a quarter was named shortly before token i,
// so that "a year earlier" there compares with it.
func (t *tagger) recentQuarter(i int) bool {
	return t.qYear != 0 && i-t.qEnd <= quarterReach
}

// quarterReach is how many tokens a quarter named stays the one that "a
// year earlier" compares with: about two sentences.
const quarterReach = 150

// yearsQuarter matches the quarter or half after "this year's" and the like
// (token j, after the "'s"), in year y: "first quarter" is the first of y,
// a bare "quarter" the anchor quarter's number in y.
func (t *tagger) yearsQuarter(j, y int) (res, bool) {
	if t.lex(j).ord != 0 {
		r, ok := t.quarter(j)
		if !ok || len(r.value) != 7 {
			return res{}, false
		}
		r.value = fmtYear(y) + r.value[4:]
		return r, true
	}
	if e := t.lex(j); e.kind == wQuarter && !e.plural {
		if _, q, ok := t.anchorQuarter(); ok {
			return res{end: j + 1, typ: "DATE", value: quarterValue(y, q), byRef: true}, true
		}
	}
	return res{}, false
}
