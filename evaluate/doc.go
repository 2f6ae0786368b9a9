// Package evaluate scores eventwire's output against gold annotations:
// coded events (precision, recall and F1 at several levels of strictness),
// temporal expressions read from TimeML, and place names read from
// GeoVirus-style XML (recognition and distance errors). It knows nothing of how the output was made; cmd/eventwire
// runs the pipeline and hands both sides over.
package evaluate
