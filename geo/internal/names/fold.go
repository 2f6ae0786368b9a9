// Package names folds place names to the keys the gazetteer is indexed by,
// so that "Sarāqib", "SARAQIB" and "Saraqib" meet, and "Ras al-Ain" meets
// GeoNames' "Ras el Ain". The generator and the recogniser share it; a key
// written by one must be the key the other looks up.
package names

import (
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
	var b [8]byte
	return string(appendBase(b[:0], r))
}

// appendBase appends Base(r) to dst.
func appendBase(dst []byte, r rune) []byte {
	switch {
	case r < 0x80:
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(dst, byte(r))
	case r >= 0xC0 && r <= 0xFF:
		switch r {
		case 'Æ', 'æ':
			return append(dst, "ae"...)
		case 'Þ', 'þ':
			return append(dst, "th"...)
		case 'ß':
			return append(dst, "ss"...)
		}
		if c := latin1[r-0xC0]; c != '-' && c != '*' {
			return append(dst, c)
		}
	case r >= 0x100 && r <= 0x17F:
		switch r {
		case 'Ĳ', 'ĳ':
			return append(dst, "ij"...)
		case 'Œ', 'œ':
			return append(dst, "oe"...)
		}
		return append(dst, latinA[r-0x100])
	case r >= 0x1E00 && r <= 0x1E95:
		return append(dst, latinAdditional[(r-0x1E00)/2])
	case r >= 0x1E96 && r <= 0x1E9B:
		return append(dst, "htwyas"[r-0x1E96])
	case r == 0x1E9E:
		return append(dst, "ss"...)
	case r >= 0x1EA0 && r <= 0x1EF9:
		return append(dst, vietnamese[(r-0x1EA0)/2])
	}
	switch r {
	case 'Ș', 'ș', 'ſ':
		return append(dst, 's')
	case 'Ț', 'ț':
		return append(dst, 't')
	case 'ǎ', 'Ǎ', 'ǻ', 'Ǻ':
		return append(dst, 'a')
	case 'ǐ', 'Ǐ':
		return append(dst, 'i')
	case 'ǒ', 'Ǒ', 'ơ', 'Ơ', 'ǫ', 'Ǫ':
		return append(dst, 'o')
	case 'ǔ', 'Ǔ', 'ư', 'Ư', 'ǖ', 'ǘ', 'ǚ', 'ǜ':
		return append(dst, 'u')
	case 'ǧ', 'Ǧ':
		return append(dst, 'g')
	case 'ə', 'Ə':
		return append(dst, 'e')
	}
	if l := unicode.ToLower(r); l != r {
		return appendBase(dst, l) // a capital the tables above know only in small form
	}
	return utf8.AppendRune(dst, r)
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
	return string(AppendFold(make([]byte, 0, len(s)), s))
}

// AppendFold appends Fold(s) to dst, for callers that fold many names
// into one buffer. It allocates only when dst must grow.
func AppendFold(dst []byte, s string) []byte {
	base := len(dst)
	word := -1 // where the current word starts in dst, -1 between words
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		i += n
		switch {
		case r < utf8.RuneSelf && ('a' <= r && r <= 'z' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z'):
			if word < 0 {
				dst, word = startWord(dst, base)
			}
			if r <= 'Z' && r >= 'A' {
				r += 'a' - 'A'
			}
			dst = append(dst, byte(r))
		case r == utf8.RuneError && n == 1:
			dst, word = endWord(dst, word, false)
		case Quote(r):
			// dropped: "Ra’s" → "ras"
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if word < 0 {
				dst, word = startWord(dst, base)
			}
			dst = appendBase(dst, r)
		case r >= utf8.RuneSelf && unicode.Is(unicode.Mn, r):
			// a combining mark of a decomposed letter
		default:
			dst, word = endWord(dst, word, r == '-' || r == '‐' || r == '‑')
		}
	}
	dst, _ = endWord(dst, word, false)
	return dst
}

// startWord opens a word, after a space if the key already has one.
func startWord(dst []byte, base int) ([]byte, int) {
	if len(dst) > base {
		dst = append(dst, ' ')
	}
	return dst, len(dst)
}

// endWord closes the word starting at dst[word:], if any, writing the
// Arabic article "al" for "el", and for its sun-letter forms when a hyphen
// attaches them.
func endWord(dst []byte, word int, hyphen bool) ([]byte, int) {
	if word < 0 {
		return dst, -1
	}
	w := dst[word:]
	if string(w) == "el" || (hyphen && sunArticles[string(w)]) {
		dst = append(dst[:word], "al"...)
	}
	return dst, -1
}
