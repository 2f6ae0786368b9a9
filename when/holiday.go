package when

import (
	"time"

	"github.com/eventwire/eventwire"
)

// Holidays that news dates things by. Each is a rule that gives its day in
// a year; a holiday named without a year takes the one the tense of its
// clause points to, else the one nearest the reference date, days ahead
// counting double (news mostly reports the past).

type holidayRule func(y int) time.Time

func fixedDay(m, d int) holidayRule { return func(y int) time.Time { return day(y, m, d) } }

// nthWeekday is the n-th weekday wd (ISO) of month m; n = -1 is the last.
func nthWeekday(m, wd, n int) holidayRule {
	return func(y int) time.Time {
		if n < 0 {
			last := day(y, m+1, 0)
			return last.AddDate(0, 0, -((isoWeekday(last) - wd + 7) % 7))
		}
		first := day(y, m, 1)
		return first.AddDate(0, 0, (wd-isoWeekday(first)+7)%7+7*(n-1))
	}
}

// easter is Western Easter Sunday of year y (the anonymous Gregorian
// algorithm), shifted by offset days.
func easter(offset int) holidayRule {
	return func(y int) time.Time {
		a, b, c := y%19, y/100, y%100
		d, e := b/4, b%4
		f := (b + 8) / 25
		g := (b - f + 1) / 3
		h := (19*a + b - d - g + 15) % 30
		i, k := c/4, c%4
		l := (32 + 2*e + 2*i - h - k) % 7
		m := (a + 11*h + 22*l) / 451
		month := (h + l - 7*m + 114) / 31
		dd := (h+l-7*m+114)%31 + 1
		return day(y, month, dd).AddDate(0, 0, offset)
	}
}

// electionDay is the United States' election day: the Tuesday after the
// first Monday of November.
func electionDay(y int) time.Time { return nthWeekday(11, 1, 1)(y).AddDate(0, 0, 1) }

// generalElection is the election day a year refers to when none is
// written: the federal elections of even years ("ahead of Election Day" in
// June 2020 is November 2020, not the local polls of 2019).
func generalElection(y int) time.Time { return electionDay(y - y%2) }

// holiday matches a holiday at token i: "Christmas", "Christmas Eve",
// "Thanksgiving Day", "New Year's Day", "Election Day", "Easter week".
func (t *tagger) holiday(i int) (res, bool) {
	if !t.capitalised(i) {
		return res{}, false
	}
	var rule holidayRule
	var loose holidayRule // the rule when no year is written, if another
	end := i + 1
	day := func(w string) bool { // an optional "Day" after the name
		if t.wordIs(end, w) && t.capitalised(end) {
			end++
			return true
		}
		return false
	}
	switch {
	case t.wordIs(i, "christmas"):
		rule = fixedDay(12, 25)
		if day("eve") {
			rule = fixedDay(12, 24)
		} else {
			day("day")
		}
	case t.wordIs(i, "thanksgiving"):
		rule = nthWeekday(11, 4, 4)
		day("day")
	case t.wordIs(i, "halloween"):
		rule = fixedDay(10, 31)
	case t.wordIs(i, "easter"):
		rule = easter(0)
		day("sunday")
	case t.wordIs(i, "election") || t.wordIs(i, "labor") || t.wordIs(i, "memorial") || t.wordIs(i, "veterans"):
		if !day("day") {
			return res{}, false
		}
		switch {
		case t.wordIs(i, "election"):
			rule, loose = electionDay, generalElection
		case t.wordIs(i, "labor"):
			rule = nthWeekday(9, 1, 1)
		case t.wordIs(i, "memorial"):
			rule = nthWeekday(5, 1, -1)
		default:
			rule = fixedDay(11, 11)
		}
	case t.wordIs(i, "new") && t.wordIs(i+1, "year") && t.capitalised(i+1) && t.possessive(i+1):
		end = i + 4
		rule = fixedDay(1, 1)
		if day("eve") {
			rule = fixedDay(12, 31)
		} else if !day("day") {
			return res{}, false // "New Year's celebrations" is vaguer
		}
	default:
		return res{}, false
	}
	if end == i+1 && t.capitalised(end) && !t.wordIs(end, "week") && t.toks[end].kind == tWord {
		return res{}, false // "Christmas Island", "Easter Rising"
	}
	week := false
	if t.wordIs(end, "week") && t.wordIs(i, "easter") {
		// The week that ends on Easter Sunday, by its Monday.
		end++
		week, rule = true, easter(-6)
	}
	r := res{end: end, typ: "DATE", prec: eventwire.PrecisionDay}
	if !t.hasRef {
		r.value = "XXXX-XX-XX"
		return r, true
	}
	if v, k, ok := t.yearToken(end); ok && !week {
		p := rule(v) // "Christmas 1998"
		r.end, r.point, r.hasPoint, r.value, r.year = k, p, true, fmtDay(p), v
		return r, true
	}
	if loose != nil {
		rule = loose
	}
	p := t.pickYear(rule, i, end)
	if week {
		r.value, r.prec = fmtWeek(p), eventwire.PrecisionWeek
		return r, true
	}
	r.point, r.hasPoint, r.value = p, true, fmtDay(p)
	return r, true
}

// pickYear resolves a yearly rule for the expression at tokens [start,
// end): by a year written after it ("Christmas 1998"), by the year named
// earlier in the sentence, by "last" or "next" before it, by the tense of
// its clause, or else the date nearest the reference date.
func (t *tagger) pickYear(rule holidayRule, start, end int) time.Time {
	if cy := t.contextYear(start); cy != 0 {
		return rule(cy)
	}
	y := t.ref.Year()
	last, this, next := rule(y-1), rule(y), rule(y+1)
	past, future := last, this
	if this.After(t.ref) {
		future = this
	} else {
		past, future = this, next
	}
	switch {
	case t.kind(start-1) == wLast:
		if past.Equal(t.ref) {
			return rule(past.Year() - 1)
		}
		return past
	case t.kind(start-1) == wNext:
		return future
	}
	switch t.tenseAround(start, end) {
	case 1:
		if past.Equal(t.ref) {
			return past
		}
		return future
	case -1:
		return past
	}
	if weigh(future.Sub(t.ref)) < weigh(past.Sub(t.ref)) {
		return future
	}
	return past
}
