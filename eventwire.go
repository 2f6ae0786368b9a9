package eventwire

import (
	"time"
)

// Span is a half-open byte range [Start, End) into an article's text.
// Every piece of evidence eventwire keeps points back into the text by a Span.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len returns the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether o lies wholly inside s.
func (s Span) Contains(o Span) bool { return s.Start <= o.Start && o.End <= s.End }

// Overlaps reports whether s and o share at least one byte.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// Article is one news story as it enters the pipeline.
type Article struct {
	ID    string // caller's identifier, or derived from the file name or URL
	URL   string
	Title string
	Text  string // the text every Span points into

	// Published is the publication date given by the caller (a flag, a JSONL
	// field, a feed entry). Zero when unknown; the dates stage may then infer it.
	Published time.Time
}

// Precision says how exactly a date or place is known.
type Precision string

// Date precisions, from coarse to fine.
const (
	PrecisionNone   Precision = ""
	PrecisionYear   Precision = "year"
	PrecisionMonth  Precision = "month"
	PrecisionWeek   Precision = "week"
	PrecisionDay    Precision = "day"
	PrecisionMinute Precision = "minute"
)

// PubDate is an article's publication date together with where it came from.
type PubDate struct {
	Time      time.Time `json:"time"`
	Source    string    `json:"source"` // "caller", "dateline", "inferred", "" when unknown
	Precision Precision `json:"precision"`
}

// Dateline is the place-and-source prefix of a wire story:
// "ANKARA, February 21. /TASS/." or "MOSCOW (Reuters) -".
type Dateline struct {
	Span     Span   `json:"span"`      // the whole dateline, including trailing punctuation
	City     string `json:"city"`      // as written, e.g. "ANKARA"
	CitySpan Span   `json:"city_span"` // where the city name is
	Agency   string `json:"agency"`    // "TASS", "Reuters", ... or ""
	Date     string `json:"date"`      // the date as resolved (YYYY-MM-DD, or --MM-DD without a year), "" if none
}

// Sentence is a sentence of an article. Index counts from 0 in text order;
// Paragraph counts blank-line separated blocks from 0.
type Sentence struct {
	Index     int    `json:"index"`
	Paragraph int    `json:"paragraph"`
	Span      Span   `json:"span"`
	Text      string `json:"text"` // the article text at Span
}

// TokenKind classifies a token.
type TokenKind uint8

// Token kinds.
const (
	Word   TokenKind = iota // letters, possibly with inner hyphens, apostrophes or dots ("al-Assad", "U.S.")
	Number                  // digits, possibly with inner separators ("12", "1,000", "3.5")
	Punct                   // punctuation, one rune per token
	Symbol                  // anything else
)

// Token is a unit of text with its byte span into the article.
type Token struct {
	Span Span
	Text string // the article text at Span
	Kind TokenKind
}

// Actor is a coded actor: a CAMEO actor code and its parts.
type Actor struct {
	Code    string `json:"code"`              // full code, e.g. "RUSGOV", "SYRREB", "IGOUNO"
	Country string `json:"country,omitempty"` // ISO/CAMEO alpha-3 country, e.g. "RUS"
	Sector  string `json:"sector,omitempty"`  // primary role, e.g. "GOV", "MIL"
	Name    string `json:"name,omitempty"`    // canonical name of a known person or body
}

// Mention is an actor found in the text.
type Mention struct {
	Span     Span   `json:"span"`
	Text     string `json:"text"`
	Sentence int    `json:"sentence"`
	Actor    Actor  `json:"actor"`
	// Kind is what named the actor: "person", "organisation", "group",
	// "country", "seat" or "agent".
	Kind string `json:"kind"`
	// Entries names the lexicon entries that produced the mention, as file:line.
	Entries []string `json:"entries,omitempty"`
	// Resolved says how the actor was found when not named outright:
	// "" (named), "coref", "context-country".
	Resolved string `json:"resolved,omitempty"`
}

// Timex is a temporal expression found in the text, normalised in TIMEX3 style.
type Timex struct {
	Span      Span      `json:"span"`
	Text      string    `json:"text"`
	Sentence  int       `json:"sentence"`
	Type      string    `json:"type"`  // DATE, TIME, DURATION or SET
	Value     string    `json:"value"` // 2020-02-19, 2020-01, 2017, P3D, 2020-02-21T14:00
	Precision Precision `json:"precision"`
}

// Place is a place name found in the text and resolved to a gazetteer feature.
type Place struct {
	Span      Span    `json:"span"`
	Text      string  `json:"text"`
	Sentence  int     `json:"sentence"`
	Name      string  `json:"name"`
	Country   string  `json:"country"` // alpha-3
	ADM1      string  `json:"adm1"`    // GeoNames-style "SY10"
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	GeonameID int     `json:"geonameid"`
	Feature   string  `json:"feature"` // GeoNames feature code, e.g. PPLA
	Type      string  `json:"type"`    // "country", "adm1" or "city"
}

// Location is where an event happened.
type Location struct {
	Name      string  `json:"name"`
	Country   string  `json:"country"`
	ADM1      string  `json:"adm1,omitempty"`
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	GeonameID int     `json:"geonameid,omitempty"`
	Precision string  `json:"precision"` // "city", "adm1" or "country"
	Span      *Span   `json:"span,omitempty"`
	Basis     string  `json:"basis,omitempty"` // "clause", "sentence", "article", "actor-country"
}

// Plover is an event's PLOVER classification.
type Plover struct {
	Type    string   `json:"type"`
	Mode    string   `json:"mode,omitempty"`
	Context []string `json:"context,omitempty"`
}

// Participant is an event's source or target as found in the text.
type Participant struct {
	Code     string `json:"code"`
	Country  string `json:"country,omitempty"`
	Sector   string `json:"sector,omitempty"`
	Text     string `json:"text"`
	Name     string `json:"name,omitempty"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Resolved string `json:"resolved,omitempty"`
}

// Evidence is the sentence an event was coded from.
type Evidence struct {
	Sentence string `json:"sentence"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	// Trigger is the span of the verb or event phrase.
	Trigger Span `json:"trigger"`
}

// Explanation records how an event was produced, for --explain.
type Explanation struct {
	Rule     string   `json:"rule"`               // e.g. "active", "passive", "reciprocal", "reported-speech"
	Pattern  string   `json:"pattern"`            // the verb pattern as written in the lexicon
	Entry    string   `json:"entry"`              // file:line of the verb pattern
	Source   []string `json:"source,omitempty"`   // lexicon entries of the source actor
	Target   []string `json:"target,omitempty"`   // lexicon entries of the target actor
	Date     string   `json:"date,omitempty"`     // how the date was chosen
	Location string   `json:"location,omitempty"` // how the place was chosen
	Speaker  string   `json:"speaker,omitempty"`  // who made the claim, for reported speech
}

// Event is a coded event: who did what to whom, where and when, with its evidence.
type Event struct {
	Article       string       `json:"article"`
	ID            string       `json:"id"`
	Date          string       `json:"date"`
	DatePrecision Precision    `json:"date_precision"`
	Source        *Participant `json:"source,omitempty"`
	Target        *Participant `json:"target,omitempty"`
	CAMEO         string       `json:"cameo"`
	Name          string       `json:"name"`
	Root          string       `json:"root"`
	Quad          int          `json:"quad"`
	Goldstein     float64      `json:"goldstein"`
	Plover        Plover       `json:"plover"`
	Location      *Location    `json:"location,omitempty"`
	Evidence      Evidence     `json:"evidence"`
	Sentence      int          `json:"sentence_index"`
	Confidence    float64      `json:"confidence"`
	Explain       *Explanation `json:"explain,omitempty"`
}
