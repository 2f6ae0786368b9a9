package geo

// The word lists below are the recogniser's knowledge of English around
// place names. Keys are lower-case.

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// stopwords are capitalised words that the gazetteer knows as some small
// place but that in news are almost never one.
var stopwords = set(
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"january", "february", "march", "may", "august", "april", "june", "july", "september", "october", "november", "december",
	"god", "allah", "christ", "jesus", "islam", "christian", "muslim", "internet", "twitter",
	"facebook", "google", "reuters", "tass", "afp", "bbc", "cnn", "ap", "xinhua", "interfax",
	"i", "we", "he", "she", "they", "it", "you", "a", "an", "the", "this", "that", "these",
	"those", "there", "here", "some", "all", "many", "most", "both", "each", "every", "no",
	"de", "la", "le", "du", "von", "van", "mr", "mrs", "ms", "dr", "st", "mt",
	"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
	"government", "police", "army", "parliament", "congress", "senate", "court", "ministry",
	"university", "hospital", "airport", "station", "centre", "center", "union", "party",
	"street", "road", "bridge", "river", "lake", "mount", "island", "islands", "bay", "city",
	"county", "district", "province", "region", "state", "town", "village", "republic",
	"kingdom", "empire", "federation", "council", "committee", "commission", "agency",
	"office", "department", "national", "international", "federal", "royal", "imperial",
	"democratic", "liberal", "labour", "labor", "conservative", "green", "socialist",
	"communist", "christmas", "easter", "ramadan", "eid", "covid", "ebola", "sars", "aids",
	"hiv", "mers", "corona", "coronavirus", "president", "minister", "secretary", "chairman",
	"spokesman", "spokeswoman", "spokesperson", "king", "queen", "prince", "princess",
	"general", "colonel", "captain", "major", "sergeant", "officer", "doctor", "professor",
	"bishop", "pope", "cardinal", "father", "mother", "brother", "sister", "saint", "sheikh",
	"emir", "sultan", "imam", "ayatollah", "mullah", "rabbi", "reverend", "lord", "lady", "sir",
	"dame", "chief", "deputy", "senior", "junior", "mayor", "governor", "ambassador",
	"according", "however", "meanwhile", "also", "after", "before", "during", "since",
	"while", "when", "where", "what", "which", "who", "why", "how", "if", "but", "and", "or",
	"nor", "yet", "so", "because", "although", "though", "despite", "as", "at", "by", "for",
	"from", "in", "into", "of", "on", "onto", "to", "with", "without", "over", "under",
	"between", "among", "against", "about", "above", "below", "near", "across", "through",
	"said", "assad", "putin", "erdogan", "trump", "biden", "obama", "xi", "kim",
	"nusra", "jabhat", "hezbollah", "hamas", "taliban", "isis", "isil", "daesh", "qaeda",
	"kurd", "kurds", "sunni", "shia", "shiite", "alawite", "druze", "arab", "arabs", "jews",
	"jewish", "persian", "western", "oriental", "latin", "anglo", "euro", "olympic", "olympics",
	"premier", "league", "cup", "world", "games", "championship", "open", "grand", "prix",
	"global", "globe", "times", "post", "news", "press", "daily", "weekly", "journal", "herald",
	"tribune", "guardian", "telegraph", "mirror", "sun", "star", "standard", "express", "mail",
	"reporter", "reporters", "media", "radio", "television", "tv", "online", "web",
	"red cross", "red crescent", "holy see", "white house", "pentagon", "kremlin",
	"mercury", "venus", "mars", "jupiter", "saturn", "uranus", "neptune", "pluto", "moon",
)

// timeWords may follow a place name in a sentence: "in Hama Friday".
var timeWords = set(
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"january", "february", "march", "april", "may", "june", "july", "august", "september",
	"october", "november", "december",
)

// diseaseWords after a name make it the name of a disease or virus:
// "Marburg virus", "Reston ebolavirus", "Spanish flu".
var diseaseWords = set("virus", "viruses", "ebolavirus", "fever", "disease", "flu",
	"influenza", "syndrome", "strain", "variant")

// firstNames are given names that also name some place; before another
// name they make a person ("Michael Jordan", "George Washington").
var firstNames = set(
	"mary", "john", "james", "david", "michael", "paul", "peter", "mark", "george", "thomas",
	"william", "richard", "robert", "joseph", "charles", "daniel", "anna", "maria", "elizabeth",
	"muhammad", "mohammed", "mohammad", "ali", "ahmed", "ahmad", "hassan", "hussein", "omar",
	"abdullah", "ibrahim", "khalid", "mahmoud", "mustafa", "youssef", "yusuf", "bashar",
	"vladimir", "recep", "tayyip", "donald", "barack", "joe", "boris", "angela", "emmanuel",
	"jose", "juan", "carlos", "luis", "pedro", "antonio", "francisco", "manuel", "jorge",
	"henry", "edward", "arthur", "albert", "frank", "jack", "harry", "martin", "simon",
	"victor", "alexander", "nicholas", "andrew", "stephen", "steven", "kevin", "brian",
	"sarah", "susan", "linda", "barbara", "margaret", "helen", "laura", "julia", "diana",
)

// titles precede a person's name.
var titles = set(
	"mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "dame", "president", "prime",
	"minister", "king", "queen", "prince", "princess", "gen", "general", "col", "colonel",
	"capt", "captain", "lt", "lieutenant", "sgt", "sergeant", "maj", "major", "adm", "admiral",
	"sen", "senator", "rep", "representative", "gov", "governor", "mayor", "judge", "justice",
	"pope", "sheikh", "emir", "sultan", "pastor", "father", "rev", "reverend", "rabbi", "imam",
	"ayatollah", "chancellor", "secretary", "ambassador", "commander", "chief", "officer",
	"spokesman", "spokeswoman", "spokesperson", "chairman", "chairwoman", "director", "coach",
	"professor", "prof", "bishop", "archbishop", "cardinal", "patriarch", "saint", "leader",
	"premier", "deputy", "vice", "foreign", "defence", "defense", "interior", "mp", "mep",
	"mr.", "mrs.", "dr.", "st.", "jr", "sr",
)

// placeModifiers may stand before a place name without making it part of
// another name: "Northern Syria", "Greater Idlib", "Rural Damascus".
var placeModifiers = set(
	"north", "south", "east", "west", "northern", "southern", "eastern", "western",
	"central", "northeast", "northwest", "southeast", "southwest", "northeastern",
	"northwestern", "southeastern", "southwestern", "greater", "upper", "lower", "inner",
	"outer", "old", "downtown", "rural", "occupied", "metropolitan", "metro", "suburban",
	"coastal", "the", "in", "at", "near", "from", "to", "of", "and", "or", "across", "outside",
	"inside", "around", "throughout", "within", "via", "between", "into", "toward", "towards",
)

// generics may follow a place name within a longer name of the same place
// or of something in it: "Idlib Governorate", "Aleppo International Airport".
var generics = set(
	"province", "governorate", "region", "state", "oblast", "county", "district", "prefecture",
	"municipality", "city", "town", "village", "valley", "river", "mountains", "mountain", "lake",
	"bay", "island", "islands", "airport", "international", "port", "harbour", "harbor", "border",
	"area", "zone", "countryside", "suburbs", "metropolitan", "metro", "gulf", "sea", "coast",
	"peninsula", "basin", "desert", "plain", "plains", "heights", "strait", "straits", "canal",
	"central", "north", "south", "east", "west", "downtown", "old", "new", "de-escalation",
)

// orgWords after a place name make the whole an organisation or a title:
// "Washington Post", "Moscow Times", "Manchester United".
var orgWords = set(
	"post", "times", "journal", "herald", "tribune", "daily", "today", "telegraph", "chronicle",
	"gazette", "observer", "express", "star", "news", "press", "review", "university",
	"college", "school", "institute", "club", "united", "rovers", "wanderers", "athletic",
	"fc", "symphony", "orchestra", "stock", "exchange", "declaration", "accord", "accords",
	"agreement", "protocol", "treaty", "convention", "memorandum", "process", "format",
	"summit", "conference", "talks", "group", "consensus", "statement", "syndrome", "virus",
)

// givenNames are place names that are also common first names or surnames.
var givenNames = set(
	"jordan", "washington", "austin", "lincoln", "victoria", "florence", "sydney", "charlotte",
	"houston", "tyler", "eugene", "chester", "douglas", "marion", "orlando", "troy", "hamilton",
	"jackson", "madison", "warren", "clinton", "chelsea", "regina", "adelaide", "elizabeth",
	"beverly", "shelby", "paris", "israel", "kent", "dallas", "denver", "raleigh", "milton",
	"preston", "stanley", "wellington", "nelson", "darwin", "perth", "georgia", "carolina",
	"virginia", "kingston", "santiago", "salvador", "sofia", "lourdes", "mercedes", "dolores",
	"pilar", "bristol", "cleveland", "columbus", "lafayette", "monroe", "franklin", "jefferson",
)

// speechVerbs after a given name make it a person: "Jordan said".
var speechVerbs = set(
	"said", "says", "told", "tells", "added", "adds", "wrote", "writes", "stated", "states",
	"tweeted", "posted", "explained", "argued", "insisted", "claimed", "noted", "recalled",
	"replied", "asked", "answered", "admitted", "announced", "declared",
)

// locatives before a name of a common word make it a place: "in Reading".
var locatives = set(
	"in", "at", "near", "from", "to", "outside", "inside", "around", "across", "into",
	"toward", "towards", "via", "of", "between", "throughout", "within",
)

// functionWords are frequent words a sentence may open with.
var functionWords = set(
	"the", "a", "an", "this", "that", "these", "those", "in", "on", "at", "by", "for", "from",
	"with", "as", "after", "before", "when", "while", "if", "but", "and", "or", "so", "yet",
	"since", "during", "although", "though", "despite", "according", "however", "meanwhile",
	"last", "next", "earlier", "later", "today", "yesterday", "tomorrow", "on", "his", "her",
	"its", "their", "our", "my", "your", "some", "many", "most", "all", "both", "several",
)
