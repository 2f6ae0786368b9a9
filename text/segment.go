package text

import (
	"strings"

	"github.com/eventwire/eventwire"
)

// Segmenter splits text into sentences. The zero value is not usable; call
// NewSegmenter.
type Segmenter struct {
	// Abbreviations are words (lower case, without the final dot) after which
	// a dot does not end a sentence: "feb", "gen", "mr".
	Abbreviations map[string]bool
}

// NewSegmenter returns a Segmenter with the abbreviations of English news copy.
func NewSegmenter() *Segmenter {
	abbr := make(map[string]bool, len(defaultAbbreviations))
	for _, a := range defaultAbbreviations {
		abbr[a] = true
	}
	return &Segmenter{Abbreviations: abbr}
}

// Titles, months, and other short forms that are followed by a dot in news
// copy without ending the sentence.
var defaultAbbreviations = []string{
	"mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "ft", "rev", "hon", "sen", "rep",
	"gov", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "pvt", "adm", "cmdr", "brig",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
	"no", "nos", "vol", "pp", "fig", "approx", "est", "vs", "etc", "inc", "ltd", "co", "corp",
	"dept", "univ", "assn", "bros", "ave", "blvd", "rd",
}

// sentenceStarters are words that, after an initialism such as "U.S.", show
// that a new sentence began.
var sentenceStarters = map[string]bool{
	"The": true, "A": true, "An": true, "He": true, "She": true, "It": true, "They": true,
	"We": true, "I": true, "In": true, "On": true, "But": true, "And": true, "This": true,
	"That": true, "These": true, "Those": true, "His": true, "Her": true, "Their": true,
	"Its": true, "There": true, "Meanwhile": true, "However": true, "Earlier": true, "Later": true,
}

// Segment returns the sentences of text in order. Paragraphs are separated by
// blank lines; a paragraph always ends a sentence, so headlines and
// captions without a final stop stand alone. Inside a paragraph a sentence
// ends at ".", "!" or "?" (with any closing quotes or brackets) followed by
// space and a word that can start a sentence, unless the dot belongs to an
// abbreviation.
func (s *Segmenter) Segment(text string) []eventwire.Sentence {
	var out []eventwire.Sentence
	para := 0
	pos := 0
	for pos < len(text) {
		pstart, pend, next := nextParagraph(text, pos)
		if pstart < pend {
			out = s.appendSentences(out, text, pstart, pend, para)
			para++
		}
		pos = next
	}
	return out
}

// nextParagraph finds the paragraph starting at or after pos: its trimmed
// bounds and where the next search starts.
func nextParagraph(text string, pos int) (start, end, next int) {
	// Skip leading space.
	for pos < len(text) && isSpaceByte(text[pos]) {
		pos++
	}
	start = pos
	i := pos
	for i < len(text) {
		nl := strings.IndexByte(text[i:], '\n')
		if nl < 0 {
			break // the last paragraph runs to the end
		}
		i += nl + 1
		// A line holding only space ends the paragraph.
		j := i
		for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
			j++
		}
		if j >= len(text) || text[j] == '\n' {
			end = trimRight(text, start, i)
			return start, end, j
		}
	}
	return start, trimRight(text, start, len(text)), len(text)
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

func trimRight(text string, start, end int) int {
	for end > start && isSpaceByte(text[end-1]) {
		end--
	}
	return end
}

func (s *Segmenter) appendSentences(out []eventwire.Sentence, text string, start, end, para int) []eventwire.Sentence {
	sentStart := start
	emit := func(e int) {
		e = trimRight(text, sentStart, e)
		if e > sentStart {
			out = append(out, eventwire.Sentence{
				Index:     len(out),
				Paragraph: para,
				Span:      eventwire.Span{Start: sentStart, End: e},
				Text:      text[sentStart:e],
			})
		}
	}
	i := start
	for i < end {
		c := text[i]
		if c != '.' && c != '!' && c != '?' {
			i++
			continue
		}
		// Take a run of terminators and closing quotes or brackets.
		j := i + 1
		for j < end {
			if text[j] == '.' || text[j] == '!' || text[j] == '?' || text[j] == '"' || text[j] == '\'' || text[j] == ')' || text[j] == ']' {
				j++
				continue
			}
			if strings.HasPrefix(text[j:end], "”") || strings.HasPrefix(text[j:end], "’") {
				j += len("”")
				continue
			}
			break
		}
		if j >= end {
			break
		}
		if !isSpaceByte(text[j]) {
			i = j
			continue
		}
		k := j
		for k < end && isSpaceByte(text[k]) {
			k++
		}
		if k < end && c == '.' && !s.endsSentence(text, start, i, k, end) {
			i = k
			continue
		}
		if k < end && !canStart(text, k, end) {
			i = k
			continue
		}
		emit(j)
		sentStart = k
		i = k
	}
	emit(end)
	return out
}

// endsSentence decides whether the dot at text[dot] ends a sentence, given
// the next word starts at next.
func (s *Segmenter) endsSentence(text string, pstart, dot, next, end int) bool {
	// The word before the dot.
	w := dot
	for w > pstart && !isSpaceByte(text[w-1]) && text[w-1] != '(' && text[w-1] != '"' {
		w--
	}
	word := text[w:dot]
	if word == "" {
		return true
	}
	if s.Abbreviations[strings.ToLower(strings.TrimSuffix(word, "."))] {
		return false
	}
	if strings.Contains(word, ".") || len(word) == 1 && word[0] >= 'A' && word[0] <= 'Z' {
		// An initialism ("U.S.") or an initial ("J."): only a word that
		// typically opens a sentence shows that one ended here.
		if isInitialism(word) {
			n := next
			for n < end && !isSpaceByte(text[n]) && text[n] != ',' {
				n++
			}
			return sentenceStarters[text[next:n]]
		}
	}
	return true
}

func isInitialism(w string) bool {
	w = strings.TrimSuffix(w, ".")
	for i := 0; i < len(w); i++ {
		c := w[i]
		if i%2 == 0 {
			if c|0x20 < 'a' || c|0x20 > 'z' {
				return false
			}
		} else if c != '.' {
			return false
		}
	}
	return len(w) > 0
}

// canStart reports whether a sentence can begin at text[k]: a capital
// letter, a digit, an opening quote or bracket, or any non-ASCII letter
// (scripts without case).
func canStart(text string, k, end int) bool {
	c := text[k]
	switch {
	case c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '"', c == '\'', c == '(', c == '[', c == '/':
		return true
	case c >= 0x80:
		r, _ := decode(text, k, end)
		return !isLower(r)
	}
	return false
}

func isLower(r rune) bool {
	return r >= 'a' && r <= 'z' || r > 127 && strings.ToUpper(string(r)) != string(r)
}
