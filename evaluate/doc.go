// Package evaluate scores eventwire's output against gold annotations:
// precision, recall and F1 for coded events at several levels of
// strictness. It knows nothing of how the output was made; cmd/eventwire
// runs the pipeline and hands both sides over.
package evaluate
