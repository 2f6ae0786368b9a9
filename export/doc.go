// Package export writes coded events in the formats analysts take elsewhere:
// GDELT 2.0 event rows for GDELT scripts, PLOVER JSON records, flat CSV for
// R and pandas, and GeoJSON for QGIS. It only formats: every writer takes
// eventwire.Event values one at a time and streams bytes to an io.Writer.
package export
