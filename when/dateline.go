package when

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/eventwire/eventwire"
)

// maxDateline bounds how far a dateline may run from the paragraph start.
const maxDateline = 160

// ParseDateline recognises a wire-story dateline at byte offset start of
// text, which the caller knows to be the start of a paragraph (or line);
// passing over blank lines and headlines is FindDateline's job, and
// horizontal space after start is skipped.
//
// Recognised: "ANKARA, February 21. /TASS/.",
// "MOSCOW (Reuters) -", "MOSCOW, Feb 5 (Reuters) -", "DAMASCUS, Syria (AP) —",
// "BEIJING, Feb. 21 (Xinhua) --", "MOSCOW. Feb 21 (Interfax) -",
// "MOSCOW, 21 Feb - RIA Novosti.", "WASHINGTON —", and a first line that is
// only a date, as Wikinews writes: "Friday, February 21, 2020". The Span
// covers the dateline up to and including its closing dash or period. A date
// without a year takes the most recent one on or before ref; with a zero ref
// it is left as "--MM-DD". ok is false when there is no dateline at start.
func ParseDateline(text string, start int, ref time.Time) (*eventwire.Dateline, bool) {
	if start < 0 || start > len(text) || start < len(text) && !utf8.RuneStart(text[start]) {
		return nil, false
	}
	end := len(text)
	if i := strings.IndexAny(text[start:], "\r\n"); i >= 0 {
		end = start + i
	}
	end = min(end, start+maxDateline)
	p := &dlParser{s: text[:end], pos: start}
	p.skipSpace()
	dl, ok := p.dateOnly(ref)
	if ok {
		return dl, true
	}
	p.pos = start
	p.skipSpace()
	return p.dateline(ref)
}

// FindDateline scans the first ~5 paragraphs of an article for a dateline and returns the first.
//
// Paragraphs are blocks of lines separated by blank lines; every line start
// of the first five paragraphs (at most a dozen lines) is tried, so a
// headline or a "All news" crumb above the dateline is passed over. It
// returns nil when none is found.
func FindDateline(text string, ref time.Time) *eventwire.Dateline {
	paras, lines := 0, 0
	blank := true
	for pos := 0; pos < len(text); {
		lineEnd := len(text)
		if i := strings.IndexByte(text[pos:], '\n'); i >= 0 {
			lineEnd = pos + i
		}
		if strings.TrimSpace(text[pos:lineEnd]) == "" {
			blank = true
		} else {
			if blank {
				if paras++; paras > 5 {
					break
				}
			}
			blank = false
			if lines++; lines > 12 {
				break
			}
			if dl, ok := ParseDateline(text, pos, ref); ok {
				return dl
			}
		}
		pos = lineEnd + 1
	}
	return nil
}

// dlParser reads one line of text from pos; s ends at the end of the line.
type dlParser struct {
	s   string
	pos int
}

func (p *dlParser) peek() (rune, int) {
	if p.pos >= len(p.s) {
		return 0, 0
	}
	if c := p.s[p.pos]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(p.s[p.pos:])
}

func isHSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\u00a0' || r == '\u2009' || r == '\u202f'
}

// skipSpace skips horizontal space and reports whether there was any.
func (p *dlParser) skipSpace() bool {
	from := p.pos
	for {
		r, n := p.peek()
		if n == 0 || !isHSpace(r) {
			return p.pos > from
		}
		p.pos += n
	}
}

func (p *dlParser) atEnd() bool { return p.pos >= len(p.s) }

// word reads a run of letters with inner hyphens, apostrophes and dots
// ("AL-ARISH", "D.C.", "ST."); it returns the bounds and whether every
// letter is upper case.
func (p *dlParser) word() (ws, we int, allCaps, capital bool) {
	ws = p.pos
	letters, upper := 0, 0
	for p.pos < len(p.s) {
		r, n := p.peek()
		if unicode.IsLetter(r) {
			if letters == 0 {
				capital = unicode.IsUpper(r)
			}
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
			p.pos += n
			continue
		}
		if r == '-' || r == '\'' || r == '’' || r == '.' {
			// Inner joiners need a letter after them; a dot may also close a
			// short abbreviation ("ST.", "Calif.").
			nr, _ := utf8.DecodeRuneInString(p.s[min(p.pos+n, len(p.s)):])
			if letters > 0 && p.pos+n < len(p.s) && unicode.IsLetter(nr) {
				p.pos += n
				continue
			}
			if r == '.' && letters > 0 && (letters <= 3 || upper != letters && letters <= 5) &&
				p.pos+n < len(p.s) && p.s[p.pos+n] == ' ' && !p.monthAbbrevAt(ws) {
				p.pos += n
			}
		}
		break
	}
	return ws, p.pos, letters > 0 && upper == letters, capital
}

// monthAbbrevAt reports whether the word at ws is a month abbreviation, whose
// dot belongs to the date and not to a city.
func (p *dlParser) monthAbbrevAt(ws int) bool {
	we := ws
	for we < len(p.s) && isASCIILetter(p.s[we]) {
		we++
	}
	m, _ := monthName(p.s[ws:we])
	return m != 0
}

// monthName looks up a month name or abbreviation in any case.
func monthName(w string) (m int, abbrev bool) {
	if len(w) == 0 || len(w) > maxLexLen {
		return 0, false
	}
	var buf [maxLexLen]byte
	for i := 0; i < len(w); i++ {
		buf[i] = w[i] | 0x20
	}
	i, ok := lexIndex[string(buf[:len(w)])]
	if !ok {
		return 0, false
	}
	return int(lexTable[i].month), lexTable[i].abbrev
}

func weekdayName(w string) int {
	if len(w) == 0 || len(w) > maxLexLen {
		return 0
	}
	var buf [maxLexLen]byte
	for i := 0; i < len(w); i++ {
		buf[i] = w[i] | 0x20
	}
	return int(lexTable[lexIndex[string(buf[:len(w)])]].weekday)
}

// digits reads 1..max ASCII digits.
func (p *dlParser) digits(maxLen int) (v, n int) {
	for p.pos < len(p.s) && isDigit(p.s[p.pos]) {
		if n == maxLen {
			return 0, 0
		}
		v = v*10 + int(p.s[p.pos]-'0')
		p.pos++
		n++
	}
	return v, n
}

// date reads "February 21", "Feb. 21", "Feb 21, 2020", "21 Feb", "21 February 2020".
func (p *dlParser) date() (y, m, d int, ok bool) {
	save := p.pos
	fail := func() (int, int, int, bool) { p.pos = save; return 0, 0, 0, false }
	if r, _ := p.peek(); r >= '0' && r <= '9' {
		d, n := p.digits(2)
		if n == 0 || !p.skipSpace() {
			return fail()
		}
		ws, we, _, _ := p.word()
		m, _ = monthName(strings.TrimSuffix(p.s[ws:we], "."))
		if m == 0 {
			return fail()
		}
		y = p.year(false)
		if !validDate(y, m, d) {
			return fail()
		}
		return y, m, d, true
	}
	ws, we, _, _ := p.word()
	m, abbrev := monthName(p.s[ws:we])
	if m == 0 {
		return fail()
	}
	if abbrev && p.pos < len(p.s) && p.s[p.pos] == '.' {
		p.pos++
	}
	if !p.skipSpace() {
		return fail()
	}
	d, n := p.digits(2)
	if n == 0 {
		return fail()
	}
	if p.pos+2 <= len(p.s) {
		// An ordinal suffix: 21st, 2nd, 3rd, 5th.
		suf := p.s[p.pos : p.pos+2]
		if (suf == "st" || suf == "nd" || suf == "rd" || suf == "th") && (p.pos+2 == len(p.s) || !isASCIILetter(p.s[p.pos+2])) {
			p.pos += 2
		}
	}
	y = p.year(true)
	if !validDate(y, m, d) {
		return fail()
	}
	return y, m, d, true
}

// year reads an optional year after a date: ", 2020" or " 2020".
func (p *dlParser) year(comma bool) int {
	save := p.pos
	if comma && p.pos < len(p.s) && p.s[p.pos] == ',' {
		p.pos++
	}
	if !p.skipSpace() {
		p.pos = save
		return 0
	}
	v, n := p.digits(4)
	if n != 4 || v < 1000 || p.pos < len(p.s) && isDigit(p.s[p.pos]) {
		p.pos = save
		return 0
	}
	return v
}

// dash reads a dash used to close a dateline: "-", "--", "—", "–", "_".
func (p *dlParser) dash() bool {
	r, n := p.peek()
	switch r {
	case '-':
		p.pos++
		for p.pos < len(p.s) && p.s[p.pos] == '-' && n < 3 {
			p.pos++
			n++
		}
		return true
	case '—', '–', '―', '_':
		p.pos += n
		return true
	}
	return false
}

// closed reports whether the dateline ends at pos: the line ends or a space follows.
func (p *dlParser) closed() bool {
	r, n := p.peek()
	return n == 0 || isHSpace(r)
}

func resolveDatelineDate(y, m, d int, ref time.Time) string {
	switch {
	case y != 0:
		return fmtDay(day(y, m, d))
	case !ref.IsZero():
		if t, ok := resolveMonthDay(dayOf(ref), m, d, false); ok {
			return fmtDay(t)
		}
	}
	return "--" + fmtMonth(0, m)[5:] + "-" + string(pad(nil, d, 2))
}

// dateOnly matches a line that is only a date, optionally after a weekday:
// "Friday, February 21, 2020".
func (p *dlParser) dateOnly(ref time.Time) (*eventwire.Dateline, bool) {
	start := p.pos
	ws, we, _, capital := p.word()
	if weekdayName(p.s[ws:we]) != 0 && capital {
		if p.pos < len(p.s) && p.s[p.pos] == ',' {
			p.pos++
		}
		p.skipSpace()
	} else {
		p.pos = start
	}
	y, m, d, ok := p.date()
	if !ok || y == 0 {
		return nil, false
	}
	end := p.pos
	p.skipSpace()
	if !p.atEnd() {
		if !p.dash() || !p.closed() {
			return nil, false
		}
		end = p.pos
	}
	return &eventwire.Dateline{
		Span:     eventwire.Span{Start: start, End: end},
		CitySpan: eventwire.Span{Start: start, End: start},
		Date:     resolveDatelineDate(y, m, d, ref),
	}, true
}

// knownDashAgencies are the agencies that sign after a dash: "MOSCOW, 21 Feb - RIA Novosti."
var knownDashAgencies = map[string]bool{
	"ria novosti": true, "ria": true, "sputnik": true, "interfax": true, "tass": true, "itar-tass": true,
	"prime": true, "trend": true, "apa": true, "irna": true, "belta": true, "ukrinform": true,
	"unian": true, "kazinform": true, "xinhua": true, "ap": true, "afp": true, "reuters": true,
	"anadolu": true, "aa": true, "dpa": true, "efe": true, "ansa": true, "upi": true,
}

func (p *dlParser) dateline(ref time.Time) (*eventwire.Dateline, bool) {
	start := p.pos
	// The city: upper-case words ("NEW YORK"), or title-case words that an
	// agency in brackets must then confirm ("Beirut (Reuters) -").
	var cityEnd int
	caps := true
	nWords := 0
	for nWords < 5 {
		save := p.pos
		ws, we, allCaps, capital := p.word()
		if we == ws || !capital {
			p.pos = save
			break
		}
		if nWords > 0 {
			if m, _ := monthName(strings.TrimSuffix(p.s[ws:we], ".")); m != 0 {
				p.pos = save
				break
			}
		}
		caps = caps && allCaps
		if !caps && nWords > 0 && allCaps {
			p.pos = save
			break
		}
		nWords++
		cityEnd = we
		save = p.pos
		if !p.skipSpace() {
			break
		}
		if r, _ := p.peek(); !unicode.IsUpper(r) {
			p.pos = save
			break
		}
		if caps {
			// Stay in upper case: "WASHINGTON The Senate" ends at WASHINGTON.
			s2 := p.pos
			_, _, nextCaps, _ := p.word()
			p.pos = s2
			if !nextCaps {
				p.pos = save
				break
			}
		}
	}
	if nWords == 0 || caps && letterCount(p.s[start:cityEnd]) < 2 {
		return nil, false
	}
	title := !caps
	dl := &eventwire.Dateline{City: p.s[start:cityEnd], CitySpan: eventwire.Span{Start: start, End: cityEnd}}
	p.pos = cityEnd

	// ", Syria" (AP) and the date ", February 21" / ". Feb 21" / ", 21 Feb".
	hasDate, hasRegion := false, false
	for range 2 {
		save := p.pos
		if p.pos >= len(p.s) || p.s[p.pos] != ',' && p.s[p.pos] != '.' {
			break
		}
		sep := p.s[p.pos]
		p.pos++
		if !p.skipSpace() {
			p.pos = save
			break
		}
		if !hasDate {
			if y, m, d, ok := p.date(); ok {
				hasDate = true
				dl.Date = resolveDatelineDate(y, m, d, ref)
				continue
			}
		}
		if sep == ',' && !hasRegion && !hasDate && p.region() {
			hasRegion = true
			continue
		}
		p.pos = save
		break
	}

	// The agency and the closing mark.
	body := p.pos
	p.skipSpace()
	closedBy := byte(0) // '-' for a dash, '.' for a period, ')' for an agency alone
	switch r, _ := p.peek(); {
	case r == '(':
		if !p.parenAgency(dl) {
			return nil, false
		}
		closedBy = ')'
		p.closing(&closedBy)
	case r == '/':
		if !p.slashAgency(dl) {
			return nil, false
		}
		closedBy = ')'
		p.closing(&closedBy)
	case r == '.':
		p.pos++
		if !p.closed() {
			return nil, false
		}
		closedBy = '.'
		after := p.pos
		p.skipSpace()
		if r, _ := p.peek(); r == '/' && p.slashAgency(dl) || r == '(' && p.parenAgency(dl) {
			p.closing(&closedBy)
		} else {
			p.pos = after
		}
	default:
		if !p.dash() || !p.closed() {
			p.pos = body
			return nil, false
		}
		closedBy = '-'
		afterDash := p.pos
		if !p.dashAgency(dl) {
			p.pos = afterDash
		}
	}
	switch {
	case dl.Agency != "":
		// A title-case city is common prose ("Putin (left) -"); only a
		// capitalised agency and a dash make it a dateline.
		if r, _ := utf8.DecodeRuneInString(dl.Agency); title && (closedBy != '-' || !unicode.IsUpper(r)) {
			return nil, false
		}
	case title:
		return nil, false
	case closedBy == '-':
	case closedBy == '.' && hasDate:
	default:
		return nil, false
	}
	dl.Span = eventwire.Span{Start: start, End: p.pos}
	return dl, true
}

func letterCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// region reads the title-case state or country after an AP city: "Syria",
// "Calif.", "Puerto Rico", "D.C.".
func (p *dlParser) region() bool {
	save := p.pos
	n := 0
	for n < 3 {
		s := p.pos
		ws, we, _, capital := p.word()
		if we == ws || !capital {
			p.pos = s
			break
		}
		w := strings.TrimSuffix(p.s[ws:we], ".")
		if m, _ := monthName(w); m != 0 || weekdayName(w) != 0 {
			p.pos = s
			break
		}
		n++
		s = p.pos
		if !p.skipSpace() {
			break
		}
		if r, _ := p.peek(); !unicode.IsUpper(r) {
			p.pos = s
			break
		}
	}
	if n == 0 {
		p.pos = save
		return false
	}
	// A region is followed by the agency or the dash, never by more text.
	s := p.pos
	p.skipSpace()
	r, _ := p.peek()
	p.pos = s
	if r != '(' && r != '-' && r != '—' && r != '–' && r != '_' {
		p.pos = save
		return false
	}
	return true
}

// parenAgency reads "(Reuters)".
func (p *dlParser) parenAgency(dl *eventwire.Dateline) bool {
	i := strings.IndexByte(p.s[p.pos:], ')')
	if i < 2 || i > 40 {
		return false
	}
	name := strings.TrimSpace(p.s[p.pos+1 : p.pos+i])
	if !agencyName(name) {
		return false
	}
	dl.Agency = name
	p.pos += i + 1
	return true
}

// slashAgency reads "/TASS/".
func (p *dlParser) slashAgency(dl *eventwire.Dateline) bool {
	i := strings.IndexByte(p.s[p.pos+1:], '/')
	if i < 1 || i > 30 {
		return false
	}
	name := strings.TrimSpace(p.s[p.pos+1 : p.pos+1+i])
	if !agencyName(name) {
		return false
	}
	dl.Agency = name
	p.pos += i + 2
	return true
}

// dashAgency reads the agency signing after the dash, through its period:
// " RIA Novosti.".
func (p *dlParser) dashAgency(dl *eventwire.Dateline) bool {
	p.skipSpace()
	i := strings.IndexByte(p.s[p.pos:], '.')
	if i < 2 || i > 30 {
		return false
	}
	name := p.s[p.pos : p.pos+i]
	if !knownDashAgencies[strings.ToLower(name)] {
		return false
	}
	p.pos += i + 1
	if !p.closed() {
		return false
	}
	dl.Agency = name
	return true
}

// agencyName accepts a short name of letters, digits, spaces and "-&.'".
func agencyName(s string) bool {
	if s == "" || len(s) > 30 {
		return false
	}
	letters := 0
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			letters++
		case r == ' ' || r == '-' || r == '&' || r == '.' || r == '\'' || isDigitRune(r):
		default:
			return false
		}
	}
	return letters > 0 && strings.Count(s, " ") < 4
}

func isDigitRune(r rune) bool { return r >= '0' && r <= '9' }

// closing takes the dash or period that may follow an agency:
// "(Reuters) -", "/TASS/.".
func (p *dlParser) closing(closedBy *byte) {
	save := p.pos
	if p.pos < len(p.s) && (p.s[p.pos] == '.' || p.s[p.pos] == ':') {
		p.pos++
		if p.closed() {
			*closedBy = '.'
			return
		}
		p.pos = save
		return
	}
	p.skipSpace()
	if p.dash() && p.closed() {
		*closedBy = '-'
		return
	}
	p.pos = save
}
