package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/eventwire/eventwire/export"
)

func runExport(ctx context.Context, e *env, args []string) (err error) {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	db := fs.String("db", defaultDB, dbUsage)
	filter := filterFlags(fs)
	format := fs.String("format", "", "output `FORMAT`: gdelt (GDELT 2.0 event rows), plover (PLOVER JSON lines), csv or geojson")
	out := fs.String("out", "", "write to `FILE` instead of standard output; the file is replaced only when the export succeeds")
	setUsage(fs, e, "eventwire export --format gdelt|plover|csv|geojson [--out FILE] [flags]",
		"Writes the stored events that pass every filter given, by date, in a format for other tools.")
	if err := parseFlagsOnly(fs, args); err != nil {
		return err
	}
	f, err := filter()
	if err != nil {
		return err
	}
	switch {
	case *format == "":
		return usageErr("--format is required: %s", strings.Join(export.Formats, ", "))
	case *format == "parquet":
		return usageErr("--format parquet is not supported yet; use csv")
	case !slices.Contains(export.Formats, *format):
		return usageErr("--format %q: want %s", *format, strings.Join(export.Formats, ", "))
	}

	st, err := openStore(ctx, *db, true)
	if err != nil {
		return err
	}
	defer st.Close()

	dst := e.stdout
	if *out != "" {
		// Write beside the target and rename at the end, so that a failed
		// export leaves no half file where the old one was.
		var tmp *os.File
		// err here is the named result, which the deferred rename reads.
		tmp, err = os.CreateTemp(filepath.Dir(*out), "."+filepath.Base(*out)+".*.tmp")
		if err != nil {
			return fmt.Errorf("--out %s: %w", *out, err)
		}
		defer func() {
			cerr := tmp.Close()
			if err == nil && cerr != nil {
				err = fmt.Errorf("--out %s: %w", *out, cerr)
			}
			if err == nil {
				// CreateTemp makes the file private; an export is for sharing.
				if cerr := os.Chmod(tmp.Name(), 0o644); cerr != nil {
					err = fmt.Errorf("--out %s: %w", *out, cerr)
				} else if rerr := os.Rename(tmp.Name(), *out); rerr != nil {
					err = fmt.Errorf("--out %s: %w", *out, rerr)
				}
			}
			if err != nil {
				os.Remove(tmp.Name())
			}
		}()
		dst = tmp
	}

	// DATEADDED: the store does not keep when each event came in where
	// this command can see it, so the export's own time stands for it.
	w, err := export.New(*format, dst, export.Options{Added: time.Now()})
	if err != nil {
		return usageErr("%v", err)
	}
	n, noPlace := 0, 0
	for ev, err := range st.Events(ctx, f) {
		if err != nil {
			return filterErr(err)
		}
		if err := w.Write(&ev); err != nil {
			return fmt.Errorf("write %s: %w", *format, err)
		}
		n++
		if ev.Location == nil {
			noPlace++
		}
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("write %s: %w", *format, err)
	}
	if *format == "geojson" {
		fmt.Fprintf(e.stderr, "exported %d events (%d without a location, left out)\n", n-noPlace, noPlace)
	} else {
		fmt.Fprintf(e.stderr, "exported %d events (%d without a location)\n", n, noPlace)
	}
	return nil
}
