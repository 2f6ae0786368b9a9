package gazfile

import (
	"encoding/binary"
	"hash/maphash"
	"math/bits"
	"strings"
)

// index is an open-addressing hash table over the keys and their word
// prefixes ("new" and "new york" for the key "new york city"), so that the
// recogniser extends a name a word at a time with one probe per word
// instead of two binary searches.
type index struct {
	seed  maphash.Seed
	slots []uint64 // hash>>32<<32 | id+1; 0 is an empty slot
	mask  uint64
	// ids below nKey are keys; id nKey+j is extra[j], a word prefix that is
	// no key itself.
	extra     []span
	keyPrefix []uint64 // bit set: key i is a word prefix of a longer key
	// filter has a bit set for the hash of every entry: a word that is no
	// name is most often turned away by it, a small table that stays in
	// cache, before the slots are read.
	filter []uint64
}

// filterBits is the size of the filter, as a power of two: 1 MB.
const filterBits = 23

func (x *index) filterBit(h uint64) (word int, bit uint64) {
	b := h >> (64 - filterBits)
	return int(b / 64), 1 << (b % 64)
}

// span is a prefix of a key string in the blob.
type span struct {
	off uint32
	n   uint8
}

// index returns the hash index, building it on first use.
func (t *Table) index() *index {
	t.idxOnce.Do(t.buildIndex)
	return &t.idx
}

// buildIndex indexes every key and every word prefix of a key. Keys are
// sorted, so the keys that go on from a prefix P ("P ...") follow each
// other, right after P itself when P is a key: a prefix is new exactly when
// the key before does not start with it and a space.
func (t *Table) buildIndex() {
	words := 0
	for i := range t.nKey {
		words += strings.Count(t.key(i), " ")
	}
	x := &t.idx
	x.seed = maphash.MakeSeed()
	x.keyPrefix = make([]uint64, (t.nKey+63)/64)
	ents := make([]slot, 0, t.nKey+words)
	x.extra = make([]span, 0, words)
	prev := ""
	for i := range t.nKey {
		k := t.key(i)
		ents = append(ents, slot{maphash.String(x.seed, k), uint32(i)})
		off := binary.LittleEndian.Uint32(t.keys[i*keySize:])
		for p := 0; ; p++ {
			q := strings.IndexByte(k[p:], ' ')
			if q < 0 {
				break
			}
			p += q
			switch {
			case strings.HasPrefix(prev, k[:p+1]):
				// indexed with an earlier key
			case prev == k[:p]:
				x.keyPrefix[(i-1)/64] |= 1 << ((i - 1) % 64)
			default:
				x.extra = append(x.extra, span{off: off, n: uint8(p)})
				ents = append(ents, slot{maphash.String(x.seed, k[:p]), uint32(t.nKey + len(x.extra) - 1)})
			}
		}
		prev = k
	}
	x.fill(ents)
}

// slot is an id with its hash, waiting to be inserted.
type slot struct {
	h  uint64
	id uint32
}

// fill sizes the table for ents and inserts them in the order of their
// home slots, so that the writes sweep the table once instead of missing
// the cache at every insertion.
func (x *index) fill(ents []slot) {
	shift := bits.Len64(uint64(len(ents)) * 3 / 2)
	size := uint64(1) << shift
	x.slots = make([]uint64, size)
	x.mask = size - 1
	x.filter = make([]uint64, 1<<filterBits/64)
	for _, e := range ents {
		w, b := x.filterBit(e.h)
		x.filter[w] |= b
	}
	const partBits = 10
	if shift < partBits {
		for _, e := range ents {
			x.insert(e.h, e.id)
		}
		return
	}
	// Partition ents in place by the top bits of their home slots (one
	// pass of an American flag sort), then insert them in that order.
	part := func(h uint64) int { return int((h & x.mask) >> (shift - partBits)) }
	var bound, next [1<<partBits + 1]int
	for _, e := range ents {
		bound[part(e.h)+1]++
	}
	for i := 1; i < len(bound); i++ {
		bound[i] += bound[i-1]
	}
	next = bound
	for p := range 1 << partBits {
		for next[p] < bound[p+1] {
			e := ents[next[p]]
			for q := part(e.h); q != p; q = part(e.h) {
				ents[next[q]], e = e, ents[next[q]]
				next[q]++
			}
			ents[next[p]] = e
			next[p]++
		}
	}
	for _, e := range ents {
		x.insert(e.h, e.id)
	}
}

func (x *index) insert(h uint64, id uint32) {
	for pos := h & x.mask; ; pos = (pos + 1) & x.mask {
		if x.slots[pos] == 0 {
			x.slots[pos] = h>>32<<32 | uint64(id+1)
			return
		}
	}
}

// entry returns the string of an index id.
func (t *Table) entry(id int) string {
	if id < t.nKey {
		return t.key(id)
	}
	s := t.idx.extra[id-t.nKey]
	return t.blob[s.off : s.off+uint32(s.n)]
}

// probe returns the id of s, whose hash is h, or -1.
func (t *Table) probe(x *index, h uint64, s string) int {
	for pos := h & x.mask; ; pos = (pos + 1) & x.mask {
		v := x.slots[pos]
		if v == 0 {
			return -1
		}
		if v>>32 == h>>32 {
			if id := int(uint32(v)) - 1; t.entry(id) == s {
				return id
			}
		}
	}
}

// probeBytes is probe for a key held in a byte slice.
func (t *Table) probeBytes(x *index, h uint64, b []byte) int {
	if w, bit := x.filterBit(h); x.filter[w]&bit == 0 {
		return -1
	}
	for pos := h & x.mask; ; pos = (pos + 1) & x.mask {
		v := x.slots[pos]
		if v == 0 {
			return -1
		}
		if v>>32 == h>>32 {
			if id := int(uint32(v)) - 1; t.entry(id) == string(b) {
				return id
			}
		}
	}
}

// Key returns the index of key, or -1, and whether some longer key starts
// with key and a space: whether a name can go on past it by another word.
func (t *Table) Key(key []byte) (i int, more bool) {
	x := t.index()
	id := t.probeBytes(x, maphash.Bytes(x.seed, key), key)
	switch {
	case id < 0:
		return -1, false
	case id >= t.nKey:
		return -1, true
	}
	return id, x.keyPrefix[id/64]&(1<<(id%64)) != 0
}

// KeyString returns key i.
func (t *Table) KeyString(i int) string { return t.key(i) }

// KeyFlags returns the flags of key i.
func (t *Table) KeyFlags(i int) uint8 {
	_, _, flags := t.postings(i)
	return flags
}

// NumPostings returns how many features key i names.
func (t *Table) NumPostings(i int) int {
	start, end, _ := t.postings(i)
	return end - start
}

// Posting returns the j-th posting of key i, most populous first.
func (t *Table) Posting(i, j int) Posting {
	start, _, _ := t.postings(i)
	v := binary.LittleEndian.Uint32(t.posts[(start+j)*4:])
	return Posting{Feature: int(v & indexMask), Flags: v &^ indexMask}
}

// Population returns the population of feature i without decoding the rest.
func (t *Table) Population(i int) int {
	return int(binary.LittleEndian.Uint32(t.feats[i*featureSize+12:]))
}

// CountryOf returns the country index of feature i without decoding the rest.
func (t *Table) CountryOf(i int) int { return int(t.feats[i*featureSize+22]) }
