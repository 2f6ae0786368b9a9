package geo

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/eventwire/eventwire/geo/internal/names"
)

// token is a word of the text as the recogniser sees it: text[start:end].
// It is kept small, as a text has a token every six bytes or so; what
// parts it from the word before is read from the text when asked for (see
// gaps).
type token struct {
	start, end int32
	// fold0 and fold1 delimit the folded word in recognizer.folds; both
	// are 0 until the recogniser needs it.
	fold0, fold1 int32

	capital   bool // starts with a capital, or is "al-Bab"-like: a lower-case article, then a capital
	upper     bool // two or more letters, all capitals ("US", "ANKARA")
	initial   bool // first word of a sentence, line or quotation
	lineStart bool // first word of its line
	title     bool // on a headline-like line, where most words are capitalised
}

// maxText bounds the text the recogniser reads, so that offsets fit a token.
const maxText = math.MaxInt32

// articlePrefixes are the lower-case transliterated Arabic articles that may
// open a name ("al-Bab", "ar-Raqqa").
var articlePrefixes = []string{"al-", "el-", "ar-", "as-", "ash-", "ad-", "at-", "az-", "an-", "adh-", "ath-"}

// appendTokens splits text into words with byte offsets, appending them
// to toks, which must be empty. A word is a run of letters and digits with
// inner hyphens or apostrophes ("Ras al-Ain", "Ra’s"), or single letters
// joined by dots ("U.S."). Only the first maxText bytes are read.
func appendTokens(toks []token, text string) []token {
	if len(text) > maxText {
		text = text[:maxText]
	}
	initial, lineStart := true, true
	// A line is headline-like when four in five of its words of four
	// letters or more are capitalised; adjacency there says nothing
	// about names.
	line, long, caps := 0, 0, 0
	endLine := func() {
		if long >= 2 && caps*5 >= long*4 {
			for k := line; k < len(toks); k++ {
				toks[k].title = true
			}
		}
		line, long, caps = len(toks), 0, 0
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
				switch c {
				case '.', '!', '?', ':', '|':
					initial = true
				case '\n':
					initial, lineStart = true, true
				}
				i++
				continue
			}
		} else if r, n := utf8.DecodeRuneInString(text[i:]); !unicode.IsLetter(r) {
			if r == '•' {
				initial = true
			}
			i += n
			continue
		}
		start := i
		t := token{start: int32(start), initial: initial, lineStart: lineStart}
		// Most words are ASCII letters and digits ending at a space or a
		// punctuation mark that joins nothing: read those here.
		end, letters, uppers := i, 0, 0
		for end < len(text) {
			k := asciiWord[text[end]]
			if k == 0 {
				break
			}
			letters += int(k & 1)
			uppers += int(k >> 1 & 1)
			end++
		}
		if end < len(text) && wordJoiner[text[end]] {
			end, letters, uppers = scanWord(text, start)
			classify(&t, text[start:end], letters, uppers)
		} else {
			// No hyphen, so no "al-" article to look past.
			t.upper = letters >= 2 && uppers == letters
			t.capital = asciiWord[text[start]]&2 != 0
		}
		t.end = int32(end)
		if lineStart {
			endLine()
		}
		if end-start > 3 {
			long++
			if t.capital || t.upper {
				caps++
			}
		}
		toks = append(toks, t)
		initial, lineStart = false, false
		i = end
	}
	endLine()
	return toks
}

// gaps reads what parts toks[i] from the word before it in text: spaced,
// when spaces and tabs only, or a possessive and spaces, which possessive
// reports ("People's Republic of China"); comma, when a comma and spaces
// (", "). The first word has no gap.
func gaps(text string, toks []token, i int) (spaced, possessive, comma bool) {
	if i == 0 || i >= len(toks) {
		return false, false, false
	}
	gap := text[toks[i-1].end:toks[i].start]
	spaced, possessive = spacing(gap)
	comma = len(gap) > 1 && gap[0] == ',' && blank(gap[1:])
	return spaced, possessive, comma
}

// spaced reports whether only spaces, or a possessive and spaces, part
// toks[i] from the word before it.
func spaced(text string, toks []token, i int) bool {
	sp, _, _ := gaps(text, toks, i)
	return sp
}

// blank reports whether s holds only spaces, tabs and no-break spaces.
func blank(s string) bool {
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == ' ' || s[i] == '\t':
		case s[i] == 0xC2 && i+1 < len(s) && s[i+1] == 0xA0:
			i++
		default:
			return false
		}
	}
	return true
}

// spacing reports whether gap joins two words of one name: spaces only, or
// a possessive and spaces ("People's Republic of China"), which possessive
// reports.
func spacing(gap string) (spaced, possessive bool) {
	if gap == "" {
		return false, false
	}
	if c := gap[0]; c == '\'' || c == '`' || c >= utf8.RuneSelf {
		if r, n := utf8.DecodeRuneInString(gap); names.Quote(r) && n < len(gap) && gap[n] == 's' {
			gap = gap[n+1:]
			possessive = true
		}
	}
	if gap == "" || !blank(gap) {
		return false, false
	}
	return true, possessive
}

// asciiWord classes the ASCII bytes of words: bit 0 a letter, bit 1 a
// capital, bit 2 a digit; 0 for other bytes.
var asciiWord = func() (t [256]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = 1
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = 3
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = 4
	}
	return t
}()

// wordJoiner marks the bytes after a run of ASCII letters and digits at
// which a word may go on (see scanWord): hyphens, apostrophes, dots, and
// the first bytes of other letters.
var wordJoiner = func() (t [256]bool) {
	for _, c := range "-'`." {
		t[c] = true
	}
	for c := utf8.RuneSelf; c < 256; c++ {
		t[c] = true
	}
	return t
}()

// scanWord returns the end of the word starting at i, and how many letters
// and capital letters it holds.
func scanWord(text string, i int) (end, letters, uppers int) {
	seg := 0 // letters in the current dot-separated segment
	dotted := false
	for i < len(text) {
		c := text[i]
		if k := asciiWord[c]; k != 0 {
			letters += int(k & 1)
			uppers += int(k >> 1 & 1)
			i++
			seg++
			continue
		}
		r, n := rune(c), 1
		if c < utf8.RuneSelf {
			goto joiner
		}
		r, n = utf8.DecodeRuneInString(text[i:])
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				uppers++
			}
			i += n
			seg++
			continue
		}
		if unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			i += n
			seg++
			continue
		}
	joiner:
		switch {
		case r == '-' || r == '‑' || names.Quote(r):
			if names.Quote(r) && clitic(text[i+n:]) {
				return i, letters, uppers // "Syria's", "I've": the word ends before the apostrophe
			}
			if next, _ := utf8.DecodeRuneInString(text[i+n:]); unicode.IsLetter(next) && seg > 0 {
				i += n
				seg = 0
				dotted = false
				continue
			}
		case r == '.':
			if next, _ := utf8.DecodeRuneInString(text[i+n:]); unicode.IsLetter(next) && seg == 1 {
				i += n
				seg = 0
				dotted = true
				continue
			}
			if dotted && seg == 1 {
				return i + n, letters, uppers // the final dot of "U.S."
			}
		}
		break
	}
	return i, letters, uppers
}

// clitic reports whether s starts with an English clitic that follows an
// apostrophe: a possessive "s" or a contraction ("ve", "ll", "re", "d", "t", "m").
func clitic(s string) bool {
	for _, c := range [...]string{"s", "S", "ve", "ll", "re", "d", "t", "m"} {
		if rest, ok := strings.CutPrefix(s, c); ok {
			r, _ := utf8.DecodeRuneInString(rest)
			return rest == "" || !unicode.IsLetter(r)
		}
	}
	return false
}

// classify sets capital and upper of the token of word w, given the
// counts of its letters and capital letters.
func classify(t *token, w string, letters, uppers int) {
	t.upper = letters >= 2 && uppers == letters
	switch c := w[0]; {
	case 'A' <= c && c <= 'Z':
		t.capital = true
	case c >= utf8.RuneSelf:
		first, _ := utf8.DecodeRuneInString(w)
		t.capital = unicode.IsUpper(first) || unicode.IsTitle(first)
	}
	// Every article prefix is two or three letters and a hyphen.
	if !t.capital && (w[0] == 'a' || w[0] == 'e') && len(w) > 3 && (w[2] == '-' || w[3] == '-') {
		for _, p := range articlePrefixes {
			if rest, ok := strings.CutPrefix(w, p); ok {
				r, _ := utf8.DecodeRuneInString(rest)
				t.capital = unicode.IsUpper(r)
				break
			}
		}
	}
}

// maxConnector is the length of the longest connector in bytes.
const maxConnector = 5

// connectors are the lower-case words a multiword name may hold inside
// ("Bosnia and Herzegovina", "Isle of Man", "Sant Julià de Lòria").
var connectors = map[string]bool{
	"of": true, "the": true, "and": true, "de": true, "del": true, "della": true, "di": true,
	"da": true, "do": true, "dos": true, "das": true, "du": true, "des": true, "la": true,
	"le": true, "les": true, "los": true, "el": true, "al": true, "en": true, "on": true,
	"upon": true, "sur": true, "am": true, "im": true, "an": true, "der": true, "y": true,
	"e": true, "bin": true, "ibn": true, "van": true, "von": true, "aan": true, "op": true,
	"au": true, "aux": true, "sul": true, "sull": true, "in": true, "och": true, "i": true,
}
