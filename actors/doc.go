// Package actors finds the actors an article names: people, organisations,
// armed groups, countries and their seats of power, and sector nouns with
// the countries that modify them ("Syrian government forces" is SYRMIL).
// It reads the lexicon's phrase index and writes doc.Mentions; working out
// who did what to whom is the coder's job.
package actors
