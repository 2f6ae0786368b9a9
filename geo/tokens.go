package geo

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/eventwire/eventwire/geo/internal/names"
)

// token is a word of the text as the recogniser sees it.
type token struct {
	start, end int
	text       string
	capital    bool // starts with a capital, or is "al-Bab"-like: a lower-case article, then a capital
	upper      bool // two or more letters, all capitals ("US", "ANKARA")
	initial    bool // first word of a sentence, line or quotation
	spaced     bool // separated from the previous token by spaces or tabs only
	comma      bool // separated from the previous token by ", " (a comma and spaces)
	lineStart  bool // first word of its line
}

// articlePrefixes are the lower-case transliterated Arabic articles that may
// open a name ("al-Bab", "ar-Raqqa").
var articlePrefixes = []string{"al-", "el-", "ar-", "as-", "ash-", "ad-", "at-", "az-", "an-", "adh-", "ath-"}

// tokenize splits text into words with byte offsets. A word is a run of
// letters and digits with inner hyphens or apostrophes ("Ras al-Ain",
// "Ra’s"), or single letters joined by dots ("U.S.").
func tokenize(text string) []token {
	var toks []token
	initial, lineStart := true, true
	gapStart := 0
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) {
			switch r {
			case '.', '!', '?', ':', '•', '|':
				initial = true
			case '\n':
				initial, lineStart = true, true
			}
			i += n
			continue
		}
		start := i
		end := scanWord(text, i)
		w := text[start:end]
		gap := text[gapStart:start]
		t := token{
			start: start, end: end, text: w,
			initial: initial, lineStart: lineStart,
			spaced: len(toks) > 0 && spacing(gap),
			comma:  len(toks) > 0 && strings.HasPrefix(gap, ",") && strings.Trim(gap[1:], " \t\u00a0") == "" && len(gap) > 1,
		}
		classify(&t)
		toks = append(toks, t)
		initial, lineStart = false, false
		gapStart = end
		i = end
	}
	return toks
}

// spacing reports whether gap joins two words of one name: spaces only, or
// a possessive and spaces ("People's Republic of China").
func spacing(gap string) bool {
	if r, n := utf8.DecodeRuneInString(gap); names.Quote(r) && strings.HasPrefix(gap[n:], "s") {
		gap = gap[n+1:]
	}
	return gap != "" && strings.Trim(gap, " \t\u00a0") == ""
}

// scanWord returns the end of the word starting at i.
func scanWord(text string, i int) int {
	seg := 0 // letters in the current dot-separated segment
	dotted := false
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			i += n
			seg++
			continue
		case r == '-' || r == '‑' || names.Quote(r):
			if names.Quote(r) && clitic(text[i+n:]) {
				return i // "Syria's", "I've": the word ends before the apostrophe
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
				return i + n // the final dot of "U.S."
			}
		}
		break
	}
	return i
}

// clitic reports whether s starts with an English clitic that follows an
// apostrophe: a possessive "s" or a contraction ("ve", "ll", "re", "d", "t", "m").
func clitic(s string) bool {
	for _, c := range []string{"s", "S", "ve", "ll", "re", "d", "t", "m"} {
		if rest, ok := strings.CutPrefix(s, c); ok {
			r, _ := utf8.DecodeRuneInString(rest)
			return rest == "" || !unicode.IsLetter(r)
		}
	}
	return false
}

// classify sets capital and upper.
func classify(t *token) {
	letters, uppers := 0, 0
	for _, r := range t.text {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				uppers++
			}
		}
	}
	t.upper = letters >= 2 && uppers == letters
	first, _ := utf8.DecodeRuneInString(t.text)
	t.capital = unicode.IsUpper(first) || unicode.IsTitle(first)
	if !t.capital {
		for _, p := range articlePrefixes {
			if rest, ok := strings.CutPrefix(t.text, p); ok {
				r, _ := utf8.DecodeRuneInString(rest)
				t.capital = unicode.IsUpper(r)
				break
			}
		}
	}
}

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
