package export

import (
	"encoding/csv"
	"io"

	"github.com/eventwire/eventwire"
)

// CSV writes events as RFC 4180 CSV: a header of CSVColumns, then one row
// an event. A missing participant or location leaves its columns empty.
type CSV struct {
	w      *csv.Writer
	header bool
	row    []string
}

// NewCSV returns a CSV writer on w.
func NewCSV(w io.Writer) *CSV {
	return &CSV{w: csv.NewWriter(w), row: make([]string, len(flat))}
}

// Write writes ev as one row, after the header if it is the first.
func (c *CSV) Write(ev *eventwire.Event) error {
	if err := c.writeHeader(); err != nil {
		return err
	}
	for i, col := range flat {
		c.row[i] = text(col.get(ev))
	}
	return c.w.Write(c.row)
}

func (c *CSV) writeHeader() error {
	if c.header {
		return nil
	}
	c.header = true
	return c.w.Write(CSVColumns)
}

// Close writes the header if no event came, and flushes.
func (c *CSV) Close() error {
	if err := c.writeHeader(); err != nil {
		return err
	}
	c.w.Flush()
	return c.w.Error()
}
