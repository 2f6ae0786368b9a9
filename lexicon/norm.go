package lexicon

import (
	"strings"

	"unicode"
	"unicode/utf8"

	"github.com/eventwire/eventwire"
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
	if !normChanges(s) {
		return s // "“", "—": nothing to fold
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r < utf8.RuneSelf {
			c := byte(r)
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
			continue
		}
		if f, ok := foldRune(r); ok {
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

// normChanges reports whether Norm would write s other than as it is.
func normChanges(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 'A' && c <= 'Z' {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return true // written as U+FFFD
		}
		if _, ok := foldRune(r); ok {
			return true
		}
		switch r {
		case '’', '‘', 'ʼ', '‐', '‑', '–':
			return true
		}
		if unicode.Is(unicode.Mn, r) || unicode.ToLower(r) != r {
			return true
		}
		i += size
	}
	return false
}

// foldRune looks r up in fold; the letters there all lie in Latin-1 and
// Latin Extended-A and -B, so other runes skip the map.
func foldRune(r rune) (string, bool) {
	if r < 0xC0 || r > 0x24F {
		return "", false
	}
	f, ok := fold[r]
	return f, ok
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

// NormTokens appends the Norm of each token's text to dst. ASCII words
// with capitals, the common case that allocates, share one allocation per
// call: their lower-case forms are cut from one string.
func NormTokens(dst []string, toks []eventwire.Token) []string {
	base := len(dst)
	total := 0
	for _, tk := range toks {
		s := tk.Text
		switch asciiCase(s) {
		case asciiLower:
			dst = append(dst, s)
		case asciiMixed:
			dst = append(dst, "") // filled below
			total += len(s)
		default:
			dst = append(dst, Norm(s))
		}
	}
	if total == 0 {
		return dst
	}
	var b strings.Builder
	b.Grow(total)
	// A slot left empty for a non-empty word whose first byte is ASCII is
	// one to fill: Norm gives "" only for words of combining marks alone.
	for i, tk := range toks {
		if dst[base+i] == "" && tk.Text != "" && tk.Text[0] < utf8.RuneSelf {
			s := tk.Text
			for j := 0; j < len(s); j++ {
				c := s[j]
				if c >= 'A' && c <= 'Z' {
					c += 'a' - 'A'
				}
				b.WriteByte(c)
			}
		}
	}
	all := b.String()
	off := 0
	for i, tk := range toks {
		if dst[base+i] == "" && tk.Text != "" && tk.Text[0] < utf8.RuneSelf {
			dst[base+i] = all[off : off+len(tk.Text)]
			off += len(tk.Text)
		}
	}
	return dst
}

const (
	asciiLower = iota // ASCII, no capitals: Norm returns the word itself
	asciiMixed        // ASCII with capitals
	notASCII
)

func asciiCase(s string) int {
	c := asciiLower
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return notASCII
		}
		if s[i] >= 'A' && s[i] <= 'Z' {
			c = asciiMixed
		}
	}
	return c
}
