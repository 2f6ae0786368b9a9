package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"

	"github.com/eventwire/eventwire/lexicon"
)

func runLexicon(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return usageErr("want check or stats")
	}
	fs := flag.NewFlagSet("lexicon "+args[0], flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	asJSON := fs.Bool("json", false, "print JSON")
	rest, err := parseFlags(fs, args[1:])
	if err != nil {
		return err
	}
	load := func() (*lexicon.Lexicon, error) {
		if len(rest) > 0 {
			return lexicon.LoadDir(rest[0])
		}
		return lexicon.Default()
	}
	switch args[0] {
	case "check":
		lex, err := load()
		if lex == nil {
			return err
		}
		n := 0
		if list, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e2 := range list.Unwrap() {
				fmt.Fprintln(e.stdout, e2)
				n++
			}
		}
		for _, p := range lexicon.Check(lex) {
			fmt.Fprintln(e.stdout, p)
			n++
		}
		st := lex.Stats()
		fmt.Fprintf(e.stderr, "checked %d countries, %d actors, %d agents, %d patterns: %s\n",
			st.Countries, st.People+st.Organisations+st.Groups, st.Agents, st.VerbPatterns, plural(n, "problem"))
		if n > 0 {
			return errFailed
		}
		return nil
	case "stats":
		lex, err := load()
		if lex == nil {
			return err
		}
		st := lex.Stats()
		if *asJSON {
			enc := json.NewEncoder(e.stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(st)
		}
		fmt.Fprintf(e.stdout, "countries        %d\npeople           %d\ndated roles      %d\norganisations    %d\ngroups           %d\nagents           %d\nseats            %d\nevent patterns   %d (%d nominal)\nCAMEO coverage   %d of %d codes\n",
			st.Countries, st.People, st.DatedRoles, st.Organisations, st.Groups, st.Agents, st.Seats,
			st.VerbPatterns, st.NounPatterns, st.CameoCodesCovered, st.CameoCodesTotal)
		return nil
	}
	return usageErr("unknown lexicon command %q: want check or stats", args[0])
}
