package when

import (
	"unicode"
	"unicode/utf8"
)

// The tagger works on a flat list of tokens made by one pass over the text.
// Each word is looked up once, lower-cased into a stack buffer, in a small
// table of the words temporal expressions are made of; the matchers then only
// compare table entries and never touch strings again.

type tokKind uint8

const (
	tWord tokKind = iota
	tNum
	tPunct
)

// Capitalisation of a word token.
const (
	capFirst uint8 = 1 << iota // first letter upper case
	capAll                     // every letter upper case
)

type token struct {
	start, end int
	kind       tokKind
	caps       uint8
	ch         byte   // the byte of a one-byte punctuation token
	lex        uint16 // index into lexTable, 0 when the word is not in it
	num        int    // value of a number token (digits only, at most 9 of them)
}

type unit uint8

const (
	uNone unit = iota
	uSecond
	uMinute
	uHour
	uDay
	uWeek
	uMonth
	uYear
	uDecade
	uCentury
)

type wordKind uint8

const (
	wNone wordKind = iota
	wYesterday
	wToday
	wTomorrow
	wTonight
	wLast
	wThis
	wNext
	wPast
	wComing
	wPrevious
	wFollowing
	wSame
	wEarlier
	wLater
	wEarly
	wMid
	wLate
	wEnd
	wBeginning
	wMiddle
	wThe
	wOf
	wA
	wAgo
	wMorning
	wAfternoon
	wEvening
	wNight
	wWeekend
	wQuarter
	wHalf
	wSeason
	wEvery
	wSetAdverb
	wRecently
	wRecentAdj
	wHoliday
	wCurrent
	wThat
	wIn
	wNow
	wPresent
	wFuture
	wSeveral
	wFew
	wBefore
	wAfter
	wNoon
	wMidnight
	wAM
	wPM
	wZone
	wLocal
	wTime
	wOrdSuffix
	wSince
	wUntil
	wFor
	wOld
)

// Word flags.
const (
	fYearPrep  uint16 = 1 << iota // a bare year after it is a year: "in 2017"
	fWeakPrep                     // a bare year after it is a year only before punctuation
	fFuture                       // marks what follows as future: "will", "scheduled"
	fMonthPrep                    // "May" after it is the month
	fDurPrep                      // "a week" after it is a duration: "for a week"
	fPrep                         // a preposition worth quoting in explanations
	fPast                         // a past-tense verb: "was", "said", "met"
	fGovern                       // points ahead when "to" follows: "agreed to", "plans to"
	fClause                       // opens a clause: "where", "which", "because"
	fDurFill                      // may stand between a count and its unit: "two more weeks"
	fMeasure                      // counted things: "the 2000 km pipeline" holds no year
	fDet                          // a determiner or possessive before a year used as a modifier: "its 1990 invasion"
)

type lexEntry struct {
	kind    wordKind
	flags   uint16
	month   int8 // 1..12
	weekday int8 // ISO 1 (Monday) .. 7 (Sunday)
	abbrev  bool // abbreviated month name
	num     int16
	ord     int8 // first..fourth, for quarters and halves
	unit    unit
	plural  bool
	val     int8 // season number, set period, zone etc.
}

var (
	lexTable = []lexEntry{{}}
	lexIndex = map[string]uint16{}
)

// maxLexLen is the longest word in the table; longer words skip the lookup.
const maxLexLen = 12

func addLex(word string, e lexEntry) {
	if i, ok := lexIndex[word]; ok {
		// Merge roles: "second" is an ordinal and a unit, "may" a month.
		old := &lexTable[i]
		if e.kind != wNone {
			old.kind = e.kind
		}
		old.flags |= e.flags
		if e.month != 0 {
			old.month, old.abbrev = e.month, e.abbrev
		}
		if e.weekday != 0 {
			old.weekday = e.weekday
		}
		if e.num != 0 {
			old.num = e.num
		}
		if e.ord != 0 {
			old.ord = e.ord
		}
		if e.unit != uNone {
			old.unit, old.plural = e.unit, e.plural
		}
		if e.val != 0 {
			old.val = e.val
		}
		return
	}
	if len(word) > maxLexLen {
		panic("when: lexicon word too long: " + word)
	}
	lexIndex[word] = uint16(len(lexTable))
	lexTable = append(lexTable, e)
}

func init() {
	months := []string{"january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december"}
	for i, m := range months {
		addLex(m, lexEntry{month: int8(i + 1)})
	}
	for i, m := range []string{"jan", "feb", "mar", "apr", "", "jun", "jul", "aug", "sep", "oct", "nov", "dec"} {
		if m != "" {
			addLex(m, lexEntry{month: int8(i + 1), abbrev: true})
		}
	}
	addLex("sept", lexEntry{month: 9, abbrev: true})
	for i, d := range []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"} {
		addLex(d, lexEntry{weekday: int8(i + 1)})
	}
	for i, n := range []string{"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"} {
		addLex(n, lexEntry{num: int16(i + 1)})
	}
	for i, n := range []string{"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"} {
		addLex(n, lexEntry{num: int16(20 + 10*i)})
	}
	addLex("hundred", lexEntry{num: 100})
	addLex("thousand", lexEntry{num: 1000})
	for i, o := range []string{"first", "second", "third", "fourth"} {
		addLex(o, lexEntry{ord: int8(i + 1)})
	}
	units := []struct {
		sg, pl string
		u      unit
	}{
		{"second", "seconds", uSecond}, {"minute", "minutes", uMinute}, {"hour", "hours", uHour},
		{"day", "days", uDay}, {"week", "weeks", uWeek}, {"month", "months", uMonth},
		{"year", "years", uYear}, {"decade", "decades", uDecade}, {"century", "centuries", uCentury},
	}
	for _, u := range units {
		addLex(u.sg, lexEntry{unit: u.u})
		addLex(u.pl, lexEntry{unit: u.u, plural: true})
	}
	addLex("fortnight", lexEntry{unit: uWeek, num: 2})
	for i, s := range []string{"spring", "summer", "autumn", "winter"} {
		addLex(s, lexEntry{kind: wSeason, val: int8(i + 1)})
	}
	addLex("fall", lexEntry{kind: wSeason, val: 3})
	for w, u := range map[string]unit{"daily": uDay, "weekly": uWeek, "monthly": uMonth, "annually": uYear, "yearly": uYear, "hourly": uHour} {
		addLex(w, lexEntry{kind: wSetAdverb, unit: u})
	}
	simple := map[string]wordKind{
		"yesterday": wYesterday, "today": wToday, "tomorrow": wTomorrow, "tonight": wTonight,
		"last": wLast, "this": wThis, "next": wNext, "past": wPast, "coming": wComing,
		"previous": wPrevious, "following": wFollowing, "same": wSame,
		"earlier": wEarlier, "later": wLater, "early": wEarly, "mid": wMid, "late": wLate,
		"end": wEnd, "beginning": wBeginning, "start": wBeginning, "middle": wMiddle,
		"the": wThe, "of": wOf, "a": wA, "an": wA, "ago": wAgo,
		"morning": wMorning, "afternoon": wAfternoon, "evening": wEvening, "night": wNight,
		"weekend": wWeekend, "quarter": wQuarter, "half": wHalf,
		"every": wEvery, "each": wEvery, "recently": wRecently, "recent": wRecentAdj, "current": wCurrent, "now": wNow,
		"currently": wPresent, "nowadays": wPresent, "present": wPresent, "future": wFuture,
		"several": wSeveral, "few": wFew, "many": wSeveral, "before": wBefore, "after": wAfter,
		"noon": wNoon, "midday": wNoon, "midnight": wMidnight, "am": wAM, "pm": wPM,
		"local": wLocal, "time": wTime, "th": wOrdSuffix, "st": wOrdSuffix, "nd": wOrdSuffix,
		"rd": wOrdSuffix, "that": wThat, "in": wIn, "since": wSince, "until": wUntil, "till": wUntil, "for": wFor, "old": wOld,
	}
	for w, k := range simple {
		addLex(w, lexEntry{kind: k})
	}
	for _, w := range []string{"christmas", "thanksgiving", "halloween", "easter", "election", "labor", "memorial",
		"veterans", "new"} {
		addLex(w, lexEntry{kind: wHoliday})
	}
	for _, z := range []string{"gmt", "utc", "est", "edt", "cet", "cest", "msk", "pst", "pdt", "bst"} {
		addLex(z, lexEntry{kind: wZone})
	}
	for _, w := range []string{"in", "since", "until", "till", "by", "during", "before", "after", "through",
		"throughout", "early", "late", "mid", "fiscal", "between", "from", "circa", "around", "year", "due"} {
		addLex(w, lexEntry{flags: fYearPrep})
	}
	for _, w := range []string{"of", "to", "and", "or", "the"} {
		addLex(w, lexEntry{flags: fWeakPrep})
	}
	for _, w := range []string{"will", "shall", "ll", "would", "scheduled", "due", "upcoming", "planned", "plans",
		"plan", "planning", "expected", "expects", "expect", "slated", "next", "until", "till", "soon", "ahead",
		"approaching"} {
		addLex(w, lexEntry{flags: fFuture})
	}
	for _, w := range []string{"agreed", "agree", "decided", "ready", "likely", "hopes", "hope", "hoped", "intends",
		"intend", "aims", "wants", "want", "promised", "pledged", "vowed", "threatened", "set", "going", "is", "are",
		"prepared", "preparing", "poised", "seeks", "seeking", "sought", "asked", "called", "urged", "invited",
		"offered", "proposed", "arranged", "chosen", "voted", "moved", "trying", "allowed", "required",
		"supposed", "scheduled", "expected", "due"} {
		addLex(w, lexEntry{flags: fGovern})
	}
	for _, w := range []string{"was", "were", "had", "did", "said", "told", "met", "began", "took", "came", "went",
		"held", "made", "gave", "left", "fell", "rose", "won", "lost", "sent", "brought", "fought", "struck", "saw",
		"found", "became", "got", "ran", "led", "kept", "spoke", "wrote", "broke", "paid", "sold", "bought", "thought",
		"felt", "shot", "stood", "built", "ago", "earlier", "last", "previous", "since", "knew", "flew", "drew", "grew",
		"threw", "chose", "drove", "rode", "wore", "hung", "meant", "sat", "slept", "spent", "sank", "swept", "taught",
		"understood", "withdrew", "overthrew", "arose", "forgot", "fled", "bore", "dealt", "sought", "heard",
		"laid"} {
		addLex(w, lexEntry{flags: fPast})
	}
	for _, w := range []string{"where", "which", "who", "whom", "whose", "when", "while", "because", "although",
		"though", "whereas", "but", "if", "unless", "whether"} {
		addLex(w, lexEntry{flags: fClause})
	}
	for _, w := range []string{"more", "additional", "extra", "full", "straight", "consecutive", "trading", "business",
		"working"} {
		addLex(w, lexEntry{flags: fDurFill})
	}
	for _, w := range []string{"km", "kilometres", "kilometers", "miles", "metres", "meters", "feet", "tons", "tonnes",
		"kg", "kilograms", "pounds", "barrels", "acres", "hectares", "people", "troops", "soldiers", "members", "men",
		"women", "children", "residents", "employees", "workers", "jobs", "cases", "deaths", "dead", "dollars",
		"euros", "yen", "votes", "seats", "units", "shares", "points", "cars", "homes", "houses", "others"} {
		addLex(w, lexEntry{flags: fMeasure})
	}
	for _, w := range []string{"its", "his", "her", "their", "our", "my", "your", "that", "this", "a", "an", "the",
		"both", "these", "those", "whose"} {
		addLex(w, lexEntry{flags: fDet})
	}
	for _, w := range []string{"in", "since", "until", "till", "by", "from", "during", "early", "late", "mid",
		"of", "through", "last", "next", "this", "before", "after", "in", "end"} {
		addLex(w, lexEntry{flags: fMonthPrep})
	}
	for _, w := range []string{"for", "within", "about", "nearly", "almost", "over", "than", "past", "last", "in",
		"after", "only", "just", "least", "half", "once", "next", "around", "roughly", "some", "lasting"} {
		addLex(w, lexEntry{flags: fDurPrep})
	}
	for _, w := range []string{"on", "in", "at", "since", "until", "till", "by", "during", "from", "before",
		"after", "through", "throughout", "of", "for", "as"} {
		addLex(w, lexEntry{flags: fPrep})
	}
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isASCIILetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// scan appends the tokens of text to toks.
func scan(text string, toks []token) []token {
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
				i++
			case isDigit(c):
				j, v := i, 0
				for j < len(text) && isDigit(text[j]) {
					if j-i < 9 {
						v = v*10 + int(text[j]-'0')
					}
					j++
				}
				toks = append(toks, token{start: i, end: j, kind: tNum, num: v})
				i = j
			case isASCIILetter(c):
				toks = appendWord(text, i, toks)
				i = toks[len(toks)-1].end
			default:
				toks = append(toks, token{start: i, end: i + 1, kind: tPunct, ch: c})
				i++
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsLetter(r):
			toks = appendWord(text, i, toks)
			i = toks[len(toks)-1].end
		case unicode.IsSpace(r):
			i += size
		default:
			toks = append(toks, token{start: i, end: i + size, kind: tPunct})
			i += size
		}
	}
	return toks
}

// appendWord scans the word starting at i (a letter) and appends its token.
func appendWord(text string, i int, toks []token) []token {
	var buf [maxLexLen]byte
	j, n := i, 0
	ascii := true
	upper, lower := 0, 0
	first := true
	caps := uint8(0)
	for j < len(text) {
		c := text[j]
		if c < utf8.RuneSelf {
			if !isASCIILetter(c) {
				break
			}
			isUp := c < 'a'
			if isUp {
				upper++
			} else {
				lower++
			}
			if first && isUp {
				caps |= capFirst
			}
			if n < maxLexLen {
				buf[n] = c | 0x20
			}
			n++
			j++
			first = false
			continue
		}
		r, size := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsLetter(r) {
			break
		}
		ascii = false
		if unicode.IsUpper(r) {
			upper++
			if first {
				caps |= capFirst
			}
		} else {
			lower++
		}
		first = false
		j += size
	}
	if upper > 0 && lower == 0 {
		caps |= capAll
	}
	t := token{start: i, end: j, kind: tWord, caps: caps}
	if ascii && n <= maxLexLen {
		t.lex = lexIndex[string(buf[:n])]
	}
	return append(toks, t)
}
