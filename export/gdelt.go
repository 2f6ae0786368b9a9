package export

import (
	"bufio"
	"hash/fnv"
	"io"
	"strconv"
	"strings"

	"github.com/eventwire/eventwire"
)

// GDELTColumns are the 61 columns of a GDELT 2.0 event row, in order.
var GDELTColumns = []string{
	"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
	"Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
	"Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
	"Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
	"Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
	"IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
	"GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
	"Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
	"Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
	"Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
	"Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
	"ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
	"ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
	"DATEADDED", "SOURCEURL",
}

// rootSentences is how many sentences from the top of an article count as
// its lead for IsRootEvent: the headline and the first sentence or two.
// Events carry no paragraph number, so the lead paragraph is approximated.
const rootSentences = 3

// GDELT writes events as GDELT 2.0 event rows: tab-separated, no header,
// no quoting, one line an event, the columns of GDELTColumns.
type GDELT struct {
	w   *bufio.Writer
	o   Options
	row [61]string
}

// NewGDELT returns a GDELT writer on w.
func NewGDELT(w io.Writer, o Options) *GDELT { return &GDELT{w: bufio.NewWriter(w), o: o} }

// GlobalEventID is the stable GLOBALEVENTID of the event with this id: the
// 64-bit FNV-1a hash of the id with the top bit cleared, so that it fits a
// signed 64-bit integer column.
func GlobalEventID(id string) int64 {
	h := fnv.New64a()
	h.Write([]byte(id))
	return int64(h.Sum64() &^ (1 << 63))
}

// Write writes ev as one row. GDELT dates are days: an event dated to a
// month, week or year stands at its first day, as it does in the store.
// What eventwire does not know (ethnic and
// religious codes, ADM2, tone, where the actors were) is left empty, as
// GDELT leaves it; the actors' geography type is 0, GDELT's "none".
func (g *GDELT) Write(ev *eventwire.Event) error {
	r := &g.row
	for i := range r {
		r[i] = ""
	}
	r[0] = strconv.FormatInt(GlobalEventID(ev.ID), 10)
	if y, m, d, ok := firstDay(ev.Date); ok {
		r[1] = strconv.Itoa(y*10000 + m*100 + d)
		r[2] = strconv.Itoa(y*100 + m)
		r[3] = strconv.Itoa(y)
		// GDELT's approximation of the part of the year gone: its codebook
		// writes (MONTH*30 + DAY) / 365, but its data count the months
		// before this one, which keeps December 31 inside its year.
		r[4] = strconv.FormatFloat(float64(y)+float64((m-1)*30+d)/365, 'f', 4, 64)
	}
	actor(r[5:15], ev.Source)
	actor(r[15:25], ev.Target)
	if ev.Sentence < rootSentences {
		r[25] = "1"
	} else {
		r[25] = "0"
	}
	r[26] = ev.CAMEO
	r[27] = ev.CAMEO
	if len(ev.CAMEO) > 3 {
		r[27] = ev.CAMEO[:3]
	}
	r[28] = ev.Root
	if r[28] == "" && len(ev.CAMEO) >= 2 {
		r[28] = ev.CAMEO[:2]
	}
	if ev.Quad != 0 {
		r[29] = strconv.Itoa(ev.Quad)
	}
	r[30] = strconv.FormatFloat(ev.Goldstein, 'f', -1, 64)
	r[31], r[32], r[33] = "1", "1", "1"
	r[35], r[43] = "0", "0"
	geo(r[51:59], ev.Location)
	if !g.o.Added.IsZero() {
		r[59] = g.o.Added.UTC().Format("20060102150405")
	}
	r[60] = clean(g.o.sourceURL(ev.Article))
	for i, f := range r {
		if i > 0 {
			g.w.WriteByte('\t')
		}
		g.w.WriteString(f)
	}
	return g.w.WriteByte('\n')
}

// Close flushes the rows.
func (g *GDELT) Close() error { return g.w.Flush() }

// actor fills the ten actor columns from Code to Type3Code.
func actor(c []string, p *eventwire.Participant) {
	if p == nil {
		return
	}
	c[0] = clean(p.Code)
	name := p.Name
	if name == "" {
		name = p.Text
	}
	c[1] = strings.ToUpper(clean(name))
	c[2] = clean(p.Country)
	// An international or non-state actor's own code follows its three
	// letter class: IGOUNO is the known group UNO.
	if len(p.Code) >= 6 && (strings.HasPrefix(p.Code, "IGO") || strings.HasPrefix(p.Code, "NGO") || strings.HasPrefix(p.Code, "IMG")) {
		c[3] = clean(p.Code[3:6])
	}
	c[7] = clean(p.Sector)
}

// geo fills the eight geography columns from Type to FeatureID, by GDELT's
// convention: 1 country, 2 US state, 3 US city, 4 world city, 5 world state;
// ADM1 codes are FIPS country plus the GeoNames admin1 code, which is FIPS's
// for most countries; a city's FeatureID is its GeoNames id (GDELT's are
// GNS ids) and a country's or state's its code.
func geo(c []string, l *eventwire.Location) {
	if l == nil {
		c[0] = "0"
		return
	}
	k := countries[l.Country]
	us := l.Country == "USA"
	adm1 := ""
	if len(l.ADM1) > 2 && k.fips != "" {
		adm1 = k.fips + l.ADM1[2:]
	}
	full := func(parts ...string) string {
		var keep []string
		for _, p := range parts {
			if p != "" && (len(keep) == 0 || keep[len(keep)-1] != p) {
				keep = append(keep, p)
			}
		}
		return strings.Join(keep, ", ")
	}
	switch l.Precision {
	case "country":
		c[0] = "1"
		c[1] = full(k.name)
		if c[1] == "" {
			c[1] = l.Name
		}
		c[7] = k.fips
	case "adm1":
		c[0] = "5"
		if us {
			c[0] = "2"
		}
		c[1] = full(l.Name, k.name)
		c[7] = adm1
	default: // a city or landmark
		c[0] = "4"
		if us {
			c[0] = "3"
		}
		c[1] = full(l.Name, k.name)
		if l.GeonameID != 0 {
			c[7] = strconv.Itoa(l.GeonameID)
		}
	}
	c[1] = clean(c[1])
	c[2] = k.fips
	c[3] = adm1
	if c[0] == "1" {
		c[3] = k.fips
	}
	c[5] = strconv.FormatFloat(l.Lat, 'f', -1, 64)
	c[6] = strconv.FormatFloat(l.Lon, 'f', -1, 64)
}

// clean keeps a value on its line and in its column: tabs and line breaks
// become spaces, and double quotes, which readers of tab-separated files
// may take for quoting, become single quotes.
func clean(s string) string {
	if !strings.ContainsAny(s, "\t\r\n\"") {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case '\t', '\r', '\n':
			return ' '
		case '"':
			return '\''
		}
		return r
	}, s)
}
