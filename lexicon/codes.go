package lexicon

import "github.com/eventwire/eventwire"

// Role codes: the sectors an actor code can name after its country.
var roleCodes = map[string]string{
	"GOV": "government", "MIL": "military", "REB": "rebels", "OPP": "opposition",
	"INS": "insurgents", "COP": "police", "JUD": "judiciary", "LEG": "legislature",
	"ELI": "elites", "BUS": "business", "MED": "media", "EDU": "education", "HLH": "health",
	"CVL": "civilians", "REF": "refugees", "LAB": "labour", "NGO": "non-governmental organisation",
	"IGO": "intergovernmental organisation", "SPY": "intelligence", "UAF": "unidentified armed forces",
	"CRM": "criminals", "AGR": "agriculture", "ENV": "environment", "HRI": "human rights",
	"REL": "religion", "SEP": "separatists", "MOD": "moderates", "RAD": "radicals", "PTY": "party",
	"IMG": "international militarised group", "MNC": "multinational corporation", "SET": "settlers",
	"DEV": "development", "ATH": "athletes", "MUS": "muslim", "CHR": "christian", "JEW": "jewish",
	"SUN": "sunni", "SHI": "shia", "PRO": "protesters",
}

// Prefixes that stand where a country would in a transnational actor code,
// and CAMEO's regions.
var transnational = map[string]bool{
	"IGO": true, "NGO": true, "IMG": true, "MNC": true, "UNK": true,
	"AFR": true, "ASA": true, "BLK": true, "CAS": true, "CAU": true, "CFR": true, "CRB": true,
	"EAF": true, "EEU": true, "EUR": true, "LAM": true, "MEA": true, "MDT": true, "NAF": true,
	"NMR": true, "PGS": true, "SAF": true, "SAM": true, "SAS": true, "SEA": true, "SCN": true,
	"WAF": true, "WST": true, "BAL": true, "BLT": true,
}

func isUpper3(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

func isCountryCode(s string) bool { return isUpper3(s) && !transnational[s] }

func isRoleCode(s string) bool { _, ok := roleCodes[s]; return ok }

// isActorCode checks the shape of an actor code: groups of three capitals.
// Whether its country exists is the checker's business.
func isActorCode(s string) bool {
	if len(s) == 0 || len(s)%3 != 0 {
		return false
	}
	for i := 0; i < len(s); i += 3 {
		if !isUpper3(s[i : i+3]) {
			return false
		}
	}
	return true
}

// SplitCode splits an actor code into the eventwire.Actor fields: a country
// (empty for transnational codes) and the first role found after it.
func SplitCode(code string) eventwire.Actor {
	a := eventwire.Actor{Code: code}
	if len(code) < 3 {
		return a
	}
	first := code[:3]
	rest := code[3:]
	if transnational[first] {
		if roleCodes[first] != "" {
			a.Sector = first
		}
	} else {
		a.Country = first
	}
	for i := 0; i+3 <= len(rest); i += 3 {
		if isRoleCode(rest[i : i+3]) {
			if a.Sector == "" {
				a.Sector = rest[i : i+3]
			}
			break
		}
	}
	return a
}
