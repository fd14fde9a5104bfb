// Near-duplicate texts: word shingles, MinHash signatures and their Jaccard estimate.

/** Words per shingle: 5-grams survive light edits but rarely repeat by chance between two stories. */
export const SHINGLE_WORDS = 5;
/** Signature length: 128 slots give a Jaccard estimate within about ±0.035 (one standard deviation). */
export const SIGNATURE_SIZE = 128;

const EMPTY = 0xffffffff;
const BIN_BITS = Math.log2(SIGNATURE_SIZE);
const ENTITY = /&(#x[0-9a-f]+|#\d+|[a-z]+);/gi;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/**
 * The words of a text or of sanitized HTML, lower-cased, without tags, punctuation or markup:
 * what a reader would compare. Entities are decoded so `&amp;` and `&` give the same words.
 *
 * @example textWords('<p>Ferry crews <b>stopped</b> work&nbsp;at six.</p>') // ['ferry', 'crews', 'stopped', 'work', 'at', 'six']
 */
export function textWords(htmlOrText: string): string[] {
  const text = htmlOrText
    .replace(/<[^>]*>/g, ' ')
    .replace(ENTITY, (whole, name: string) => {
      if (name[0] !== '#') return NAMED[name.toLowerCase()] ?? whole;
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
    })
    .toLowerCase();
  return text.match(WORD) ?? [];
}

/**
 * The distinct word 5-grams of a list of words, each as a 32-bit hash. A text shorter than five
 * words has no shingle.
 *
 * @example shingleHashes(['a', 'b', 'c', 'd', 'e', 'f']).length // 2
 */
export function shingleHashes(words: readonly string[], size = SHINGLE_WORDS): Uint32Array {
  const count = words.length - size + 1;
  if (count <= 0) return new Uint32Array(0);
  const wordHashes = new Uint32Array(words.length);
  for (let i = 0; i < words.length; i++) wordHashes[i] = fnv1a(words[i]!);
  const seen = new Set<number>();
  for (let i = 0; i < count; i++) {
    let h = 0x811c9dc5;
    for (let j = 0; j < size; j++) h = Math.imul(h ^ wordHashes[i + j]!, 0x01000193);
    seen.add(fmix32(h));
  }
  return Uint32Array.from(seen);
}

/**
 * A MinHash signature of a set of shingle hashes, by one-permutation hashing with optimal
 * densification (Shrivastava 2017): each hash falls into one of 128 bins by its low bits and each
 * bin keeps its smallest value; an empty bin borrows the value of a bin chosen by a fixed probe
 * sequence. Two signatures agree in a slot with probability equal to the sets' Jaccard similarity,
 * as with 128 independent hash functions, but in one pass over the shingles instead of 128.
 * An empty set gives an all-empty signature, which matches nothing (see estimateJaccard).
 *
 * @example estimateJaccard(minhashSignature(a), minhashSignature(a)) // 1
 */
export function minhashSignature(shingles: Uint32Array): Uint32Array {
  const bins = new Uint32Array(SIGNATURE_SIZE).fill(EMPTY);
  for (let i = 0; i < shingles.length; i++) {
    const x = shingles[i]!;
    const bin = x & (SIGNATURE_SIZE - 1);
    const value = x >>> BIN_BITS;
    if (value < bins[bin]!) bins[bin] = value;
  }
  let filled = 0;
  for (let b = 0; b < SIGNATURE_SIZE; b++) if (bins[b] !== EMPTY) filled++;
  if (filled === 0 || filled === SIGNATURE_SIZE) return bins;
  const signature = bins.slice();
  for (let b = 0; b < SIGNATURE_SIZE; b++) {
    if (bins[b] !== EMPTY) continue;
    // The probe sequence depends only on the bin and the attempt, so every document borrows alike.
    for (let attempt = 1; ; attempt++) {
      const from = fmix32(Math.imul(b + 1, 0x9e3779b1) ^ Math.imul(attempt, 0x85ebca77)) & (SIGNATURE_SIZE - 1);
      if (bins[from] !== EMPTY) {
        signature[b] = bins[from]!;
        break;
      }
    }
  }
  return signature;
}

/**
 * The Jaccard similarity estimated from two signatures: the fraction of slots that agree.
 * Empty signatures (texts with no shingle) agree with nothing.
 *
 * @example estimateJaccard(sigOfOriginal, sigOfVerbatimCopy) // 1
 */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a[0] === EMPTY && b[0] === EMPTY) return 0;
  let same = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a[i] === b[i]) same++;
  return same / SIGNATURE_SIZE;
}

/**
 * The exact Jaccard similarity of two shingle sets: shared shingles over all shingles.
 *
 * @example jaccard(Uint32Array.of(1, 2, 3), Uint32Array.of(2, 3, 4)) // 0.5
 */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 0;
  const set = new Set(a);
  let shared = 0;
  for (const x of b) if (set.has(x)) shared++;
  return shared / (a.length + b.length - shared);
}

/** FNV-1a over UTF-16 code units: a fast, stable 32-bit word hash. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** MurmurHash3's finalizer: spreads every input bit over every output bit. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
