package eventwire

// Document is an article on its way through the pipeline. Each stage reads
// what earlier stages left and adds its own layer; no stage removes another's.
type Document struct {
	Article   Article
	PubDate   PubDate
	Dateline  *Dateline
	Sentences []Sentence
	Tokens    [][]Token // Tokens[i] are the tokens of Sentences[i]
	// Words[i][k] is Tokens[i][k] normalised for matching (lower case,
	// diacritics folded), left by the actors stage for the stages after it.
	Words    [][]string
	Mentions []Mention
	Timexes  []Timex
	Places   []Place
	Events   []Event

	// Errors collects problems that did not stop the article, such as one
	// sentence that could not be coded. The rest of the article still codes.
	Errors ErrorList
}

// SentenceAt returns the index of the sentence holding byte offset off, or -1.
func (d *Document) SentenceAt(off int) int {
	lo, hi := 0, len(d.Sentences)
	for lo < hi {
		m := (lo + hi) / 2
		s := d.Sentences[m].Span
		switch {
		case off < s.Start:
			hi = m
		case off >= s.End:
			lo = m + 1
		default:
			return m
		}
	}
	return -1
}

// Stage is one step of the pipeline. Process adds the stage's layer to doc.
// An error means the stage could not run on this article at all; problems
// confined to part of it are appended to doc.Errors instead.
type Stage interface {
	Name() string
	Process(doc *Document) error
}
