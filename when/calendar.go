package when

import (
	"strconv"
	"time"

	"github.com/eventwire/eventwire"
)

// Calendar arithmetic on days. Every date here is midnight UTC of a calendar
// day; a reference time is first reduced to its own calendar day so that a
// publication time late in the evening in Moscow still means that day.

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// dayOf reduces t to its calendar day, in t's own location.
func dayOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return day(y, int(m), d)
}

func daysIn(y, m int) int {
	if y == 0 {
		y = 2000 // a leap year, so that "February 29" without a year is allowed
	}
	return day(y, m+1, 0).Day()
}

func validDate(y, m, d int) bool { return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m) }

// isoWeekday numbers Monday 1 to Sunday 7, as TIMEX3 week dates do.
func isoWeekday(t time.Time) int {
	wd := int(t.Weekday())
	if wd == 0 {
		return 7
	}
	return wd
}

// resolveMonthDay picks the year of a month and day written without one:
// the most recent such date on or before ref, or with future set, the first
// on or after it. ok is false when no year in reach has the date (February 29).
func resolveMonthDay(ref time.Time, m, d int, future bool) (time.Time, bool) {
	y := ref.Year()
	for range 9 {
		if validDate(y, m, d) {
			t := day(y, m, d)
			if future && !t.Before(ref) {
				return t, true
			}
			if !future && !t.After(ref) {
				return t, true
			}
		}
		if future {
			y++
		} else {
			y--
		}
	}
	return time.Time{}, false
}

// nearestMonthDay picks the year of a month and day written without one in
// running text: the one nearest ref, with days ahead counting double, as
// news is mostly about the past. News writes the year out for dates outside
// the current stretch, so "February 25" in a story of February 21 is four
// days ahead, not a year back; "December 30" in one of January 2 is three
// days back; "October 9" in one of February 21 is last October.
func nearestMonthDay(ref time.Time, m, d int) (time.Time, bool) {
	var best time.Time
	found := false
	for y := ref.Year() - 1; y <= ref.Year()+1; y++ {
		if !validDate(y, m, d) {
			continue
		}
		t := day(y, m, d)
		if !found || weigh(t.Sub(ref)) < weigh(best.Sub(ref)) {
			best, found = t, true
		}
	}
	if !found {
		return resolveMonthDay(ref, m, d, false)
	}
	return best, true
}

// aheadMonthDay picks the year of a month and day written without one in a
// clause about the future: the nearest with days behind ref counting
// triple, so that "will meet on March 5" in February is this March, but a
// date a day past is not pushed a year ahead.
func aheadMonthDay(ref time.Time, m, d int) (time.Time, bool) {
	var best time.Time
	found := false
	cost := func(t time.Time) time.Duration {
		if dd := t.Sub(ref); dd < 0 {
			return -3 * dd
		} else {
			return dd
		}
	}
	for y := ref.Year() - 1; y <= ref.Year()+1; y++ {
		if !validDate(y, m, d) {
			continue
		}
		t := day(y, m, d)
		if !found || cost(t) < cost(best) {
			best, found = t, true
		}
	}
	if !found {
		return resolveMonthDay(ref, m, d, true)
	}
	return best, true
}

// nearestWeekdayYear picks the year, near ref, in which month m day d falls
// on weekday wd: "Tuesday, January 21".
func nearestWeekdayYear(ref time.Time, m, d, wd int) (time.Time, bool) {
	var best time.Time
	found := false
	for y := ref.Year() - 1; y <= ref.Year()+1; y++ {
		if !validDate(y, m, d) || isoWeekday(day(y, m, d)) != wd {
			continue
		}
		t := day(y, m, d)
		if !found || absDays(t.Sub(ref)) < absDays(best.Sub(ref)) {
			best, found = t, true
		}
	}
	return best, found
}

// weigh is the distance of a date from the reference date, the future
// counting double.
func weigh(d time.Duration) time.Duration {
	if d > 0 {
		return 2 * d
	}
	return -d
}

func absDays(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// resolveMonth returns the year of a month written without one.
func resolveMonth(ref time.Time, m int, future bool) int {
	y, rm := ref.Year(), int(ref.Month())
	if future && m < rm {
		return y + 1
	}
	if !future && m > rm {
		return y - 1
	}
	return y
}

// nearestMonth returns the year of a month written without one and without
// a tense to say which way it lies: the one nearest ref, months ahead
// counting double, as for a day and month.
func nearestMonth(ref time.Time, m int) int {
	y, rm := ref.Year(), int(ref.Month())
	back := (rm - m + 12) % 12
	ahead := (m - rm + 12) % 12
	if back == 0 || back <= 2*ahead {
		if m > rm {
			return y - 1
		}
		return y
	}
	if m < rm {
		return y + 1
	}
	return y
}

// resolveWeekday finds the day named by weekday wd (ISO) relative to ref.
// dir is -1 for the most recent on or before ref, +1 for the first on or
// after it; strict excludes ref itself ("last Friday", "next Friday").
func resolveWeekday(ref time.Time, wd, dir int, strict bool) time.Time {
	cur := isoWeekday(ref)
	var delta int
	if dir < 0 {
		delta = -((cur - wd + 7) % 7)
		if strict && delta == 0 {
			delta = -7
		}
	} else {
		delta = (wd - cur + 7) % 7
		if strict && delta == 0 {
			delta = 7
		}
	}
	return ref.AddDate(0, 0, delta)
}

func pad(b []byte, n, width int) []byte {
	s := strconv.Itoa(n)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

func fmtDay(t time.Time) string {
	b := make([]byte, 0, 10)
	b = pad(b, t.Year(), 4)
	b = append(b, '-')
	b = pad(b, int(t.Month()), 2)
	b = append(b, '-')
	b = pad(b, t.Day(), 2)
	return string(b)
}

func fmtMonth(y, m int) string {
	b := make([]byte, 0, 7)
	b = pad(b, y, 4)
	b = append(b, '-')
	b = pad(b, m, 2)
	return string(b)
}

func fmtYear(y int) string { return string(pad(nil, y, 4)) }

func fmtWeek(t time.Time) string {
	y, w := t.ISOWeek()
	b := make([]byte, 0, 8)
	b = pad(b, y, 4)
	b = append(b, '-', 'W')
	b = pad(b, w, 2)
	return string(b)
}

// parseValue reads a TIMEX3 DATE or TIME value naming a point in time and
// returns the date in the form events carry ("YYYY-MM-DD", "YYYY-MM", "YYYY";
// a week is given by its Monday) and its precision. ok is false for
// underspecified values ("XXXX-02-21"), references (PAST_REF), quarters,
// seasons and decades.
func parseValue(v string) (date string, prec eventwire.Precision, ok bool) {
	num := func(s string) (int, bool) {
		n := 0
		for i := 0; i < len(s); i++ {
			if !isDigit(s[i]) {
				return 0, false
			}
			n = n*10 + int(s[i]-'0')
		}
		return n, len(s) > 0
	}
	if len(v) < 4 {
		return "", "", false
	}
	y, ok := num(v[:4])
	if !ok {
		return "", "", false
	}
	rest := v[4:]
	if rest == "" {
		return v[:4], eventwire.PrecisionYear, true
	}
	if len(rest) >= 4 && rest[0] == '-' && rest[1] == 'W' {
		w, ok := num(rest[2:4])
		if !ok || w < 1 || w > 53 {
			return "", "", false
		}
		// The Monday of ISO week w: January 4 is always in week 1.
		jan4 := day(y, 1, 4)
		mon := jan4.AddDate(0, 0, 1-isoWeekday(jan4)+7*(w-1))
		return fmtDay(mon), eventwire.PrecisionWeek, true
	}
	if len(rest) < 3 || rest[0] != '-' {
		return "", "", false
	}
	m, ok := num(rest[1:3])
	if !ok || m < 1 || m > 12 {
		return "", "", false
	}
	rest = rest[3:]
	if rest == "" {
		return v[:7], eventwire.PrecisionMonth, true
	}
	if len(rest) < 3 || rest[0] != '-' {
		return "", "", false
	}
	d, ok := num(rest[1:3])
	if !ok || !validDate(y, m, d) {
		return "", "", false
	}
	if rest = rest[3:]; rest != "" && rest[0] != 'T' {
		return "", "", false
	}
	return v[:10], eventwire.PrecisionDay, true
}
