// Package names folds place names to the keys the gazetteer is indexed by,
// so that "Sarāqib", "SARAQIB" and "Saraqib" meet, and "Ras al-Ain" meets
// GeoNames' "Ras el Ain". The generator and the recogniser share it; a key
// written by one must be the key the other looks up.
package names

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// latinA maps U+0100..U+017F to base letters; '*' marks the ligatures
// handled separately.
const latinA = "aaaaaa" + "cccccccc" + "dddd" + "eeeeeeeeee" + "gggggggg" + "hhhh" +
	"iiiiiiiiii" + "**" + "jj" + "kkk" + "llllllllll" + "nnnnnnnnn" + "oooooo" + "**" +
	"rrrrrr" + "ssssssss" + "tttttt" + "uuuuuuuuuuuu" + "ww" + "yyy" + "zzzzzz" + "s"

// latin1 maps U+00C0..U+00FF; '*' marks ligatures and '-' non-letters.
const latin1 = "aaaaaa*ceeeeiiii" + "dnooooo-ouuuuy**" + "aaaaaa*ceeeeiiii" + "dnooooo-ouuuuy*y"

// latinAdditional maps U+1E00..U+1E95, two code points (capital and
// small) a letter; U+1E96..U+1E9B are handled one by one.
const latinAdditional = "abbbcdddddeeeeefghhhhhiikkkllllmmmnnnnoooopprrrrsssssttttuuuuuvvwwwwwxxyzzz"

// vietnamese maps U+1EA0..U+1EF9, two code points a letter.
const vietnamese = "aaaaaaaaaaaaeeeeeeeeiioooooooooooouuuuuuuyyyy"

// Base returns r without its diacritics, lower-cased, as a string: "ā" → "a",
// "ß" → "ss", "Æ" → "ae". Runes outside the Latin blocks are only lower-cased.
func Base(r rune) string {
	switch {
	case r < 0x80:
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return string(r)
	case r >= 0xC0 && r <= 0xFF:
		switch r {
		case 'Æ', 'æ':
			return "ae"
		case 'Þ', 'þ':
			return "th"
		case 'ß':
			return "ss"
		}
		if c := latin1[r-0xC0]; c != '-' && c != '*' {
			return string(c)
		}
	case r >= 0x100 && r <= 0x17F:
		switch r {
		case 'Ĳ', 'ĳ':
			return "ij"
		case 'Œ', 'œ':
			return "oe"
		}
		return string(latinA[r-0x100])
	case r >= 0x1E00 && r <= 0x1E95:
		return string(latinAdditional[(r-0x1E00)/2])
	case r >= 0x1E96 && r <= 0x1E9B:
		return string("htwyas"[r-0x1E96])
	case r == 0x1E9E:
		return "ss"
	case r >= 0x1EA0 && r <= 0x1EF9:
		return string(vietnamese[(r-0x1EA0)/2])
	}
	switch r {
	case 'Ș', 'ș', 'ſ':
		return "s"
	case 'Ț', 'ț':
		return "t"
	case 'ǎ', 'Ǎ', 'ǻ', 'Ǻ':
		return "a"
	case 'ǐ', 'Ǐ':
		return "i"
	case 'ǒ', 'Ǒ', 'ơ', 'Ơ', 'ǫ', 'Ǫ':
		return "o"
	case 'ǔ', 'Ǔ', 'ư', 'Ư', 'ǖ', 'ǘ', 'ǚ', 'ǜ':
		return "u"
	case 'ǧ', 'Ǧ':
		return "g"
	case 'ə', 'Ə':
		return "e"
	}
	if l := unicode.ToLower(r); l != r {
		return Base(l) // a capital the tables above know only in small form
	}
	return string(r)
}

// Quote reports whether r is an apostrophe-like mark that transliterations
// use for ayin, hamza or elision ("Ra’s", "Ta‘izz"). Fold drops them.
func Quote(r rune) bool {
	switch r {
	case '\'', '’', '‘', '`', '´', 'ʿ', 'ʾ', 'ʻ', 'ʼ', '‛', 'ʹ':
		return true
	}
	return false
}

// sunArticles are the forms the Arabic article takes before sun letters
// ("ash-Sham", "ar-Raqqa"); written hyphen-attached they fold to "al".
var sunArticles = map[string]bool{
	"ar": true, "as": true, "ad": true, "an": true, "at": true, "az": true,
	"ash": true, "ath": true, "adh": true, "al": true, "el": true, "ul": true,
}

// Fold returns the lookup key of a place name: lower case, diacritics and
// apostrophes removed, words separated by single spaces, and the Arabic
// article in its common spellings ("el", "al-", "ash-") written "al".
// Fold("Ra’s al-‘Ayn") == Fold("Ras el Ayn") == "ras al ayn".
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	var word strings.Builder
	flush := func(hyphen bool) {
		if word.Len() == 0 {
			return
		}
		w := word.String()
		word.Reset()
		if w == "el" || (hyphen && sunArticles[w]) {
			w = "al"
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == utf8.RuneError && n == 1:
			flush(false)
		case Quote(r):
			// dropped: "Ra’s" → "ras"
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			if unicode.Is(unicode.Mn, r) {
				continue // a combining mark of a decomposed letter
			}
			word.WriteString(Base(r))
		default:
			flush(r == '-' || r == '‐' || r == '‑')
		}
	}
	flush(false)
	return b.String()
}
