package lexicon

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Norm returns the form under which words are matched: lower case, curly
// apostrophes made straight, and Latin diacritics folded ("Erdoğan" and
// "Erdogan" match alike). ASCII input costs one pass and no allocation when
// it is already lower case.
func Norm(s string) string {
	ascii := true
	lower := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if c >= 'A' && c <= 'Z' {
			lower = false
		}
	}
	if ascii {
		if lower {
			return s
		}
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if f, ok := fold[r]; ok {
			b.WriteString(f)
			continue
		}
		if r == '’' || r == '‘' || r == 'ʼ' {
			b.WriteByte('\'')
			continue
		}
		if r == '‐' || r == '‑' || r == '–' {
			b.WriteByte('-')
			continue
		}
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// fold maps Latin letters with diacritics to their base letters in lower case.
var fold = func() map[rune]string {
	groups := map[string]string{
		"a": "àáâãäåāăąÀÁÂÃÄÅĀĂĄ", "c": "çćĉċčÇĆĈĊČ", "d": "ďđĎĐ", "e": "èéêëēĕėęěÈÉÊËĒĔĖĘĚ",
		"g": "ĝğġģĜĞĠĢ", "h": "ĥħĤĦ", "i": "ìíîïĩīĭįıÌÍÎÏĨĪĬĮİ", "j": "ĵĴ", "k": "ķĶ",
		"l": "ĺļľŀłĹĻĽĿŁ", "n": "ñńņňÑŃŅŇ", "o": "òóôõöøōŏőÒÓÔÕÖØŌŎŐ", "r": "ŕŗřŔŖŘ",
		"s": "śŝşšșŚŜŞŠȘ", "t": "ţťŧțŢŤŦȚ", "u": "ùúûüũūŭůűųÙÚÛÜŨŪŬŮŰŲ", "w": "ŵŴ",
		"y": "ýÿŷÝŸŶ", "z": "źżžŹŻŽ", "ss": "ß", "ae": "æÆ", "oe": "œŒ",
	}
	m := map[rune]string{}
	for base, letters := range groups {
		for _, r := range letters {
			m[r] = base
		}
	}
	return m
}()

// Words splits a lexicon phrase into normalised words the way the text
// tokenizer splits running text: on spaces, with a possessive "'s" apart.
func Words(phrase string) []string {
	var out []string
	for _, w := range strings.Fields(phrase) {
		w = Norm(w)
		if len(w) > 2 && strings.HasSuffix(w, "'s") {
			out = append(out, w[:len(w)-2], "'s")
			continue
		}
		if len(w) > 1 && (strings.HasSuffix(w, ",")) {
			out = append(out, w[:len(w)-1], ",")
			continue
		}
		out = append(out, w)
	}
	return out
}
