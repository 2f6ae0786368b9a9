// Package gazfile is the compact binary form of the embedded gazetteer:
// fixed-size feature records, a sorted table of folded name keys with their
// postings, and one string blob, all gzip-compressed. Reading it is a
// decompression and a few slice operations; nothing is parsed per feature
// until it is asked for. A hash index over the keys and their word
// prefixes, built on the side after reading, answers the recogniser's
// lookups (see Table.Key).
package gazfile

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"sort"
	"strings"
	"sync"
)

// magic opens every file; the last byte is the format version.
const magic = "EWGAZ\x02"

// Record sizes in bytes. The header is not compressed; it gives the sizes
// of the two gzip members that follow (tables, then the string blob), which
// are decompressed in parallel.
const (
	featureSize = 25
	keySize     = 9
	headerSize  = len(magic) + 7*4
	maxPostings = 1 << 24
)

// Posting flags, kept in the high bits of a posting's feature index.
const (
	// Abbrev marks a name that counts only when written in capitals ("US").
	Abbrev uint32 = 1 << 31
	// Demonym marks an adjective of nationality ("Syrian"): evidence of the
	// country, never a place mention.
	Demonym uint32 = 1 << 30
)

// indexMask keeps a posting's feature index.
const indexMask = Demonym - 1

// maxADM1 bounds the number of distinct admin1 codes.
const maxADM1 = 1 << 16

// Key flags.
const (
	// Common marks a key that is also a common English word ("nice",
	// "reading"): the recogniser asks for more evidence before taking it.
	Common uint8 = 1 << iota
)

// Feature is one gazetteer entry as the generator writes it.
type Feature struct {
	ID         uint32
	Name       string
	Lat, Lon   float64
	Population uint32
	Code       string // GeoNames feature code: PPLA, ADM1, PCLI, CONT, RGN ...
	Country    int    // index into Countries, 0 for none
	ADM1       string // GeoNames admin1 code within the country, "" for none
}

// Country is a row of the country table.
type Country struct {
	Alpha2, Alpha3 string
}

// Posting ties a key to a feature.
type Posting struct {
	Feature int
	Flags   uint32 // Abbrev, Demonym
}

// Data is the whole gazetteer as the generator assembles it.
type Data struct {
	Countries []Country // index 0 is the empty country
	Features  []Feature
	Keys      map[string][]Posting
	KeyFlags  map[string]uint8
}

// Write encodes d to w. Keys are written sorted, so the same data always
// gives the same bytes.
func Write(w io.Writer, d *Data) error {
	le := binary.LittleEndian
	var blob bytes.Buffer
	strOff := map[string]uint32{}
	str := func(s string) (uint32, error) {
		if len(s) > 255 {
			return 0, fmt.Errorf("string %q longer than 255 bytes", s[:40])
		}
		if off, ok := strOff[s]; ok {
			return off, nil
		}
		off := uint32(blob.Len())
		blob.WriteString(s)
		strOff[s] = off
		return off, nil
	}
	codes, codeIdx := []string{}, map[string]int{}
	adm1s, adm1Idx := []string{""}, map[string]int{"": 0}
	for _, f := range d.Features {
		if _, ok := codeIdx[f.Code]; !ok {
			codeIdx[f.Code] = len(codes)
			codes = append(codes, f.Code)
		}
		if _, ok := adm1Idx[f.ADM1]; !ok {
			adm1Idx[f.ADM1] = len(adm1s)
			adm1s = append(adm1s, f.ADM1)
		}
	}
	if len(codes) > 255 || len(d.Countries) > 255 || len(adm1s) > maxADM1 {
		return fmt.Errorf("write gazetteer: %d feature codes, %d countries, %d admin1 codes: too many",
			len(codes), len(d.Countries), len(adm1s))
	}

	var tabs bytes.Buffer
	rec := make([]byte, featureSize)
	for _, f := range d.Features {
		nameOff, err := str(f.Name)
		if err != nil {
			return fmt.Errorf("write gazetteer feature %d: %w", f.ID, err)
		}
		le.PutUint32(rec[0:], f.ID)
		le.PutUint32(rec[4:], uint32(int32(round(f.Lat*1e5))))
		le.PutUint32(rec[8:], uint32(int32(round(f.Lon*1e5))))
		le.PutUint32(rec[12:], f.Population)
		le.PutUint32(rec[16:], nameOff)
		rec[20] = byte(len(f.Name))
		rec[21] = byte(codeIdx[f.Code])
		rec[22] = byte(f.Country)
		le.PutUint16(rec[23:], uint16(adm1Idx[f.ADM1]))
		tabs.Write(rec)
	}

	keys := make([]string, 0, len(d.Keys))
	for k := range d.Keys {
		if k != "" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	krec := make([]byte, keySize)
	nPost := 0
	for _, k := range keys {
		off, err := str(k)
		if err != nil {
			return fmt.Errorf("write gazetteer key: %w", err)
		}
		le.PutUint32(krec[0:], off)
		krec[4] = byte(len(k))
		le.PutUint32(krec[5:], uint32(nPost)|uint32(d.KeyFlags[k])<<24)
		tabs.Write(krec)
		nPost += len(d.Keys[k])
	}
	if nPost >= maxPostings {
		return fmt.Errorf("write gazetteer: %d postings, at most %d", nPost, maxPostings-1)
	}
	for _, k := range keys {
		for _, p := range d.Keys[k] {
			if p.Feature < 0 || p.Feature >= len(d.Features) || uint32(p.Feature)&^indexMask != 0 {
				return fmt.Errorf("write gazetteer key %q: posting to feature %d out of range", k, p.Feature)
			}
			var b [4]byte
			le.PutUint32(b[:], uint32(p.Feature)|p.Flags)
			tabs.Write(b[:])
		}
	}
	nTabs := tabs.Len()
	tabs.WriteByte(byte(len(codes)))
	for _, c := range codes {
		tabs.WriteByte(byte(len(c)))
		tabs.WriteString(c)
	}
	tabs.WriteByte(byte(len(d.Countries)))
	for _, c := range d.Countries {
		tabs.WriteString(pad(c.Alpha2, 2))
		tabs.WriteString(pad(c.Alpha3, 3))
	}
	var n [2]byte
	le.PutUint16(n[:], uint16(len(adm1s)))
	tabs.Write(n[:])
	for _, a := range adm1s {
		if len(a) > 255 {
			return fmt.Errorf("write gazetteer: admin1 code %q too long", a[:40])
		}
		tabs.WriteByte(byte(len(a)))
		tabs.WriteString(a)
	}
	small := tabs.Len() - nTabs

	var zTabs, zBlob bytes.Buffer
	for _, part := range []struct {
		dst *bytes.Buffer
		src []byte
	}{{&zTabs, tabs.Bytes()}, {&zBlob, blob.Bytes()}} {
		zw, err := gzip.NewWriterLevel(part.dst, gzip.BestCompression)
		if err != nil {
			return fmt.Errorf("write gazetteer: %w", err)
		}
		if _, err := zw.Write(part.src); err != nil {
			return fmt.Errorf("write gazetteer: %w", err)
		}
		if err := zw.Close(); err != nil {
			return fmt.Errorf("write gazetteer: %w", err)
		}
	}
	hdr := make([]byte, headerSize)
	copy(hdr, magic)
	for i, v := range []int{len(d.Features), len(keys), nPost, small, blob.Len(), zTabs.Len(), zBlob.Len()} {
		le.PutUint32(hdr[len(magic)+4*i:], uint32(v))
	}
	for _, part := range [][]byte{hdr, zTabs.Bytes(), zBlob.Bytes()} {
		if _, err := w.Write(part); err != nil {
			return fmt.Errorf("write gazetteer: %w", err)
		}
	}
	return nil
}

func round(x float64) float64 {
	if x < 0 {
		return -round(-x)
	}
	return float64(int64(x + 0.5))
}

func pad(s string, n int) string {
	if len(s) >= n {
		return s[:n]
	}
	return s + strings.Repeat(" ", n-len(s))
}

// Table is a decoded gazetteer file. Its methods read records in place.
type Table struct {
	feats, keys, posts []byte
	blob               string
	codes, adm1s       []string
	countries          []Country
	nFeat, nKey, nPost int
	idx                index
	idxOnce            sync.Once
}

// ErrFormat reports a file that is not a gazetteer of this version.
var ErrFormat = errors.New("not an eventwire gazetteer file")

// maxSize bounds the declared sizes, so a corrupt header cannot ask for
// gigabytes.
const maxSize = 1 << 28

// Read decodes a gazetteer file, decompressing its two parts in parallel.
func Read(file []byte) (*Table, error) {
	if len(file) < headerSize || string(file[:len(magic)]) != magic {
		return nil, ErrFormat
	}
	le := binary.LittleEndian
	var h [7]int
	for i := range h {
		h[i] = int(le.Uint32(file[len(magic)+4*i:]))
		if h[i] > maxSize {
			return nil, fmt.Errorf("%w: size %d too large", ErrFormat, h[i])
		}
	}
	nFeat, nKey, nPost, nSmall, nBlob, zTabs, zBlob := h[0], h[1], h[2], h[3], h[4], h[5], h[6]
	body := file[headerSize:]
	if zTabs+zBlob != len(body) {
		return nil, fmt.Errorf("%w: truncated", ErrFormat)
	}
	nTabs := nFeat*featureSize + nKey*keySize + nPost*4 + nSmall
	// Deflate expands at most about 1032 times; a header asking for more
	// is corrupt, and is refused before anything is allocated.
	if nTabs > 1100*zTabs+64 || nBlob > 1100*zBlob+64 {
		return nil, fmt.Errorf("%w: sizes do not match the data", ErrFormat)
	}
	var blob []byte
	var blobErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		blob, blobErr = inflate(body[zTabs:], nBlob)
	}()
	tabs, err := inflate(body[:zTabs], nTabs)
	<-done
	if err = errors.Join(err, blobErr); err != nil {
		return nil, err
	}
	t := &Table{nFeat: nFeat, nKey: nKey, nPost: nPost, blob: string(blob)}
	t.feats, tabs = tabs[:nFeat*featureSize], tabs[nFeat*featureSize:]
	t.keys, tabs = tabs[:nKey*keySize], tabs[nKey*keySize:]
	t.posts, tabs = tabs[:nPost*4], tabs[nPost*4:]
	if err := t.decodeSmall(tabs); err != nil {
		return nil, err
	}
	if err := t.check(); err != nil {
		return nil, err
	}
	// The hash index takes a few tens of milliseconds: build it on the
	// side while the caller loads its other data, or on first use.
	go t.index()
	return t, nil
}

// inflate decompresses one gzip member that must hold exactly n bytes.
func inflate(z []byte, n int) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(z))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	out := make([]byte, n)
	if _, err := io.ReadFull(zr, out); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	if k, _ := zr.Read(make([]byte, 1)); k != 0 {
		return nil, fmt.Errorf("%w: trailing data", ErrFormat)
	}
	return out, nil
}

// decodeSmall reads the code, country and admin1 tables.
func (t *Table) decodeSmall(tab []byte) error {
	next := func(n int) ([]byte, bool) {
		if n > len(tab) {
			return nil, false
		}
		b := tab[:n]
		tab = tab[n:]
		return b, true
	}
	short := func(what string) error { return fmt.Errorf("%w: bad %s table", ErrFormat, what) }
	nb, ok := next(1)
	if !ok {
		return short("code")
	}
	for range int(nb[0]) {
		l, ok := next(1)
		if !ok {
			return short("code")
		}
		c, ok := next(int(l[0]))
		if !ok {
			return short("code")
		}
		t.codes = append(t.codes, string(c))
	}
	if nb, ok = next(1); !ok {
		return short("country")
	}
	for range int(nb[0]) {
		c, ok := next(5)
		if !ok {
			return short("country")
		}
		t.countries = append(t.countries, Country{Alpha2: strings.TrimSpace(string(c[:2])), Alpha3: strings.TrimSpace(string(c[2:]))})
	}
	if nb, ok = next(2); !ok {
		return short("admin1")
	}
	for range int(binary.LittleEndian.Uint16(nb)) {
		l, ok := next(1)
		if !ok {
			return short("admin1")
		}
		c, ok := next(int(l[0]))
		if !ok {
			return short("admin1")
		}
		t.adm1s = append(t.adm1s, string(c))
	}
	if len(tab) != 0 {
		return fmt.Errorf("%w: trailing table data", ErrFormat)
	}
	return nil
}

// check validates every reference once, so that accessors cannot go out
// of range on a corrupt file.
func (t *Table) check() error {
	le := binary.LittleEndian
	for i := range t.nFeat {
		r := t.feats[i*featureSize:]
		if int(le.Uint32(r[16:]))+int(r[20]) > len(t.blob) || int(r[21]) >= len(t.codes) ||
			int(r[22]) >= len(t.countries) || int(le.Uint16(r[23:])) >= len(t.adm1s) {
			return fmt.Errorf("%w: feature %d out of range", ErrFormat, i)
		}
	}
	prev := 0
	for i := range t.nKey {
		r := t.keys[i*keySize:]
		start := int(le.Uint32(r[5:]) & (maxPostings - 1))
		if int(le.Uint32(r))+int(r[4]) > len(t.blob) || start < prev || start > t.nPost {
			return fmt.Errorf("%w: key %d out of range", ErrFormat, i)
		}
		prev = start
	}
	for i := range t.nPost {
		if int(le.Uint32(t.posts[i*4:])&indexMask) >= t.nFeat {
			return fmt.Errorf("%w: posting %d out of range", ErrFormat, i)
		}
	}
	return nil
}

// Len returns the number of features.
func (t *Table) Len() int { return t.nFeat }

// Countries returns the country table; index 0 is the empty country.
func (t *Table) Countries() []Country { return t.countries }

// Code returns the feature code of feature i without decoding the rest.
func (t *Table) Code(i int) string { return t.codes[t.feats[i*featureSize+21]] }

// Feature decodes feature i.
func (t *Table) Feature(i int) Feature {
	le := binary.LittleEndian
	r := t.feats[i*featureSize : (i+1)*featureSize]
	nameOff := int(le.Uint32(r[16:]))
	return Feature{
		ID:         le.Uint32(r),
		Lat:        float64(int32(le.Uint32(r[4:]))) / 1e5,
		Lon:        float64(int32(le.Uint32(r[8:]))) / 1e5,
		Population: le.Uint32(r[12:]),
		Name:       t.blob[nameOff : nameOff+int(r[20])],
		Code:       t.codes[r[21]],
		Country:    int(r[22]),
		ADM1:       t.adm1s[le.Uint16(r[23:])],
	}
}

func (t *Table) key(i int) string {
	r := t.keys[i*keySize:]
	off := int(binary.LittleEndian.Uint32(r))
	return t.blob[off : off+int(r[4])]
}

// postings returns the range of key i's postings and its flags.
func (t *Table) postings(i int) (start, end int, flags uint8) {
	v := binary.LittleEndian.Uint32(t.keys[i*keySize+5:])
	start, flags = int(v&(maxPostings-1)), uint8(v>>24)
	end = t.nPost
	if i+1 < t.nKey {
		end = int(binary.LittleEndian.Uint32(t.keys[(i+1)*keySize+5:]) & (maxPostings - 1))
	}
	return start, end, flags
}

// Find returns the postings and flags of key, and whether it is present.
func (t *Table) Find(key string) ([]Posting, uint8, bool) {
	x := t.index()
	i := t.probe(x, maphash.String(x.seed, key), key)
	if i < 0 || i >= t.nKey {
		return nil, 0, false
	}
	start, end, flags := t.postings(i)
	ps := make([]Posting, end-start)
	for j := range ps {
		v := binary.LittleEndian.Uint32(t.posts[(start+j)*4:])
		ps[j] = Posting{Feature: int(v & indexMask), Flags: v &^ indexMask}
	}
	return ps, flags, true
}

// HasPrefix reports whether some key starts with prefix; the recogniser
// uses it to stop extending a span early.
func (t *Table) HasPrefix(prefix string) bool {
	i := sort.Search(t.nKey, func(i int) bool { return t.key(i) >= prefix })
	return i < t.nKey && strings.HasPrefix(t.key(i), prefix)
}
