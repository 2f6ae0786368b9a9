package text

import (
	"unicode"
	"unicode/utf8"

	"github.com/eventwire/eventwire"
)

// Tokenize splits text[span.Start:span.End] into tokens whose spans are
// offsets into text. Words keep inner hyphens and apostrophes ("al-Assad",
// "O'Brien"), initialisms keep their dots ("U.S."), a possessive or negative
// clitic is split off ("leader", "’s"; "did", "n't"), numbers keep inner
// separators ("1,000", "3.5"); every other non-space rune is a token of its own.
func Tokenize(text string, span eventwire.Span) []eventwire.Token {
	return AppendTokens(nil, text, span)
}

// AppendTokens is Tokenize appending to dst, for callers that reuse a buffer.
func AppendTokens(dst []eventwire.Token, text string, span eventwire.Span) []eventwire.Token {
	if span.Start < 0 {
		span.Start = 0
	}
	if span.End > len(text) {
		span.End = len(text)
	}
	i := span.Start
	end := span.End
	for i < end {
		r, n := decode(text, i, end)
		switch {
		case isSpace(r):
			i += n
		case isLetter(r):
			j := scanWord(text, i, end)
			// Split a trailing clitic: "leader’s", "didn't".
			if k, ok := cliticStart(text, i, j); ok {
				dst = append(dst, tok(text, i, k, eventwire.Word))
				dst = append(dst, tok(text, k, j, eventwire.Word))
			} else {
				dst = append(dst, tok(text, i, j, eventwire.Word))
			}
			i = j
		case r >= '0' && r <= '9':
			j := scanNumber(text, i, end)
			dst = append(dst, tok(text, i, j, eventwire.Number))
			i = j
		case unicode.IsPunct(r):
			dst = append(dst, tok(text, i, i+n, eventwire.Punct))
			i += n
		default:
			dst = append(dst, tok(text, i, i+n, eventwire.Symbol))
			i += n
		}
	}
	return dst
}

func tok(text string, s, e int, k eventwire.TokenKind) eventwire.Token {
	return eventwire.Token{Span: eventwire.Span{Start: s, End: e}, Text: text[s:e], Kind: k}
}

// decode returns the rune at i, treating invalid UTF-8 as a one-byte symbol.
func decode(text string, i, end int) (rune, int) {
	c := text[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	r, n := utf8.DecodeRuneInString(text[i:end])
	return r, n
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\v', '\f':
		return true
	}
	return r > 127 && unicode.IsSpace(r)
}

func isLetter(r rune) bool {
	if r < 128 {
		return r|0x20 >= 'a' && r|0x20 <= 'z'
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// scanWord returns the end of the word starting at i. Hyphens and
// apostrophes join letters or digits on both sides; dots join the single
// letters of an initialism, which keeps its final dot ("U.S.", "J.").
func scanWord(text string, i, end int) int {
	j := i
	for j < end {
		r, n := decode(text, j, end)
		if isLetter(r) || isDigit(r) {
			j += n
			continue
		}
		if r == '-' || isApostrophe(r) {
			if j+n < end {
				if r2, _ := decode(text, j+n, end); isLetter(r2) || isDigit(r2) {
					j += n
					continue
				}
			}
			break
		}
		if r == '.' && initialism(text, i, j) {
			j += n
			if j < end {
				if r2, n2 := decode(text, j, end); isLetter(r2) && j+n2 < end && text[j+n2] == '.' {
					continue // "U.S": go on to the next letter
				}
			}
		}
		break
	}
	return j
}

// initialism reports whether text[i:j] is single letters separated by dots
// ("U", "U.S"), the inside of an initialism.
func initialism(text string, i, j int) bool {
	prevLetter := false
	for k := i; k < j; {
		r, n := decode(text, k, j)
		switch {
		case isLetter(r) && !prevLetter:
			prevLetter = true
		case r == '.' && prevLetter:
			prevLetter = false
		default:
			return false
		}
		k += n
	}
	return prevLetter
}

// cliticStart finds a trailing "’s", "'s", "n't" or "s’" clitic in text[i:j].
func cliticStart(text string, i, j int) (int, bool) {
	w := text[i:j]
	for _, c := range [...]string{"’s", "'s", "’S", "'S"} {
		if len(w) > len(c) && w[len(w)-len(c):] == c {
			return j - len(c), true
		}
	}
	for _, c := range [...]string{"n't", "n’t", "N'T", "N’T"} {
		if len(w) > len(c) && w[len(w)-len(c):] == c {
			return j - len(c), true
		}
	}
	return 0, false
}

// scanNumber returns the end of the number starting at i: digits with inner
// ",", "." or ":" between digits, and a letter suffix ("21st", "5km").
func scanNumber(text string, i, end int) int {
	j := i
	for j < end {
		c := text[j]
		if c >= '0' && c <= '9' {
			j++
			continue
		}
		if (c == ',' || c == '.' || c == ':') && j+1 < end && text[j+1] >= '0' && text[j+1] <= '9' {
			j++
			continue
		}
		break
	}
	for j < end {
		c := text[j]
		if c|0x20 >= 'a' && c|0x20 <= 'z' {
			j++
			continue
		}
		break
	}
	return j
}
