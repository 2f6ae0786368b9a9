// Command eventwire turns news into coded events: who did what to whom,
// where and when, each traced to the sentence it came from.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
)

// command is a subcommand: its name, one line of help, and its body.
type command struct {
	name, args, help string
	run              func(ctx context.Context, env *env, args []string) error
}

var commands []command

func init() {
	commands = []command{
		{"code", "[flags] INPUT...", "code articles into events (files, directories, - for stdin, URLs)", runCode},
		{"ingest", "[--db PATH] [--in text|jsonl|csv] [--published YYYY-MM-DD] [flags] INPUT...", "code articles and store them with their events (default database: eventwire.db)", runIngest},
		{"query", "[--db PATH] [--from D] [--to D] [--actor C] [--cameo C,...] [--place P] [--bbox B] [--text W] [--by GROUP] [--out table|jsonl|csv] [flags]", "list stored events that pass filters, or count them by day, week, month, dyad, root or country", runQuery},
		{"export", "--format gdelt|plover|csv|geojson [--db PATH] [--out FILE] [--from D] [--to D] [--actor C] [--cameo C,...] [--place P] [--bbox B] [--text W] [flags]", "write stored events that pass filters as GDELT 2.0 rows, PLOVER JSON, CSV or GeoJSON", runExport},
		{"lexicon", "check [DIR] | stats [--json]", "check the lexicon or count what it holds", runLexicon},
		{"dates", "[--in text|jsonl|csv] [--published YYYY-MM-DD] INPUT...", "list the temporal expressions of articles as JSON lines, resolved against the publication date", runDates},
		{"places", "[--in text|jsonl|csv] [--published YYYY-MM-DD] INPUT...", "list the places of articles as JSON lines, resolved to gazetteer entries", runPlaces},
		{"eval", "events [--json] [--failures] GOLD.jsonl... | dates [--json] [--failures] TIMEML.tml|DIR... | places [--json] [--failures] [--shift N] GOLD.xml...", "score the coder, the date tagger or the geoparser against gold files", runEval},
		{"bench", "[--cpus N] [--json] [CORPUS...]", "measure the speed of every stage and of the whole pipeline", runBench},
		{"version", "", "print the version", func(ctx context.Context, e *env, args []string) error {
			fmt.Fprintln(e.stdout, "eventwire", version)
			return nil
		}},
	}
}

var version = "0.1.0-dev"

// env is what a command may touch: its streams and whether they are terminals.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	stdoutTTY      bool
	stderrTTY      bool
}

// errFailed reports that some inputs failed after everything else was done;
// the command has already said which.
var errFailed = errors.New("some inputs failed")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr,
		stdoutTTY: isTerminal(os.Stdout), stderrTTY: isTerminal(os.Stderr)}
	os.Exit(run(ctx, e, os.Args[1:]))
}

func run(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(e.stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, e, args[1:])
		switch {
		case err == nil:
			return 0
		case errors.Is(err, errFailed):
			return 1
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.Is(err, errUsage):
			fmt.Fprintf(e.stderr, "eventwire %s: %v\nusage: eventwire %s %s\n", c.name, err, c.name, c.args)
			return 2
		}
		fmt.Fprintf(e.stderr, "eventwire %s: %v\n", c.name, err)
		return 1
	}
	fmt.Fprintf(e.stderr, "eventwire: unknown command %q\n\n", args[0])
	usage(e.stderr)
	return 2
}

var errUsage = errors.New("usage")

func usageErr(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errUsage, fmt.Sprintf(format, args...))
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "eventwire turns news into coded events: who did what to whom, where and when.")
	fmt.Fprintln(w, "\nusage: eventwire COMMAND [flags] [args]\n\ncommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.help)
	}
	fmt.Fprintln(w, "\nRun 'eventwire COMMAND -h' for a command's flags.")
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// parseFlags parses flags anywhere among the arguments, so that
// "eventwire code story.txt --published 2020-02-21" works as users type it.
// Everything after "--" is positional.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), nil
		}
		// A lone "-" (stdin) is positional too: flag.Parse stops there.
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// setUsage makes fs print a synopsis, a description and the flags; the
// flag package's own messages stay discarded (errors come back as usage
// errors, exit 2).
func setUsage(fs *flag.FlagSet, e *env, synopsis, about string) {
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: %s\n\n%s\n\nflags:\n", synopsis, about)
		fs.SetOutput(e.stderr)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
}

// parseFlagsOnly parses a command that takes no positional arguments.
func parseFlagsOnly(fs *flag.FlagSet, args []string) error {
	rest, err := parseFlags(fs, args)
	if err != nil {
		return flagErr(err)
	}
	if len(rest) > 0 {
		return usageErr("unexpected argument %q: %s takes flags only", rest[0], fs.Name())
	}
	return nil
}
