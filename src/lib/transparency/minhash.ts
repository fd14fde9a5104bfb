// Near-duplicate texts: word shingles, MinHash signatures and their Jaccard estimate.

/** Words per shingle: 5-grams survive light edits but rarely repeat by chance between two stories. */
export const SHINGLE_WORDS = 5;
/** Signature length: 128 slots give a Jaccard estimate within about ±0.035 (one standard deviation). */
export const SIGNATURE_SIZE = 128;

const EMPTY = 0xffffffff;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const ENTITY_AT = /&(#x[0-9a-f]+|#\d+|[a-z]+);/giy;
const BIN_BITS = Math.log2(SIGNATURE_SIZE);
const ENTITY = /&(#x[0-9a-f]+|#\d+|[a-z]+);/gi;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/**
 * The words of a text or of sanitized HTML, lower-cased, without tags, punctuation or markup:
 * what a reader would compare. Entities are decoded so `&amp;` and `&` give the same words.
 *
 * @example textWords('<p>Ferry crews <b>stopped</b> work&nbsp;at six.</p>') // => ['ferry', 'crews', 'stopped', 'work', 'at', 'six']
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
 * The hashes of the words of a text or of sanitized HTML, exactly `textWords(input).map(hashWord)`,
 * but in one pass over the characters without making a string per word: copy detection reads every
 * article of the database on each build, and allocating words was most of its cost.
 *
 * @example wordHashes('<p>Ferry <b>crews</b></p>') // => Uint32Array.of(hashWord('ferry'), hashWord('crews'))
 */
export function wordHashes(input: string): Uint32Array {
  // Non-ASCII text is lower-cased up front, as textWords does; ASCII is lower-cased per character.
  const text = /[^\x00-\x7f]/.test(input) ? input.toLowerCase() : input;
  const out = new Uint32Array((text.length >> 1) + 1);
  let count = 0;
  let h = FNV_OFFSET;
  let inWord = false;
  const end = () => {
    if (inWord) out[count++] = h >>> 0;
    inWord = false;
    h = FNV_OFFSET;
  };
  const feed = (unit: number) => {
    h = Math.imul(h ^ unit, FNV_PRIME);
    inWord = true;
  };
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c === 60) {
      // A tag is a word break; a "<" with no ">" after it is just a character.
      const close = text.indexOf('>', i + 1);
      if (close >= 0) {
        end();
        i = close;
        continue;
      }
    }
    let decoded: string | undefined;
    if (c === 38) {
      ENTITY_AT.lastIndex = i;
      const m = ENTITY_AT.exec(text);
      if (m) {
        const value = decodeEntity(m[1]!);
        if (value !== undefined) {
          decoded = value.toLowerCase();
          i += m[0].length - 1;
        }
      }
    }
    if (decoded !== undefined) {
      // A decoded entity is one character (rarely two code units); it joins a word or breaks one.
      const cp = decoded.codePointAt(0) ?? 32;
      if (decoded !== '' && isWordCodePoint(cp)) for (let k = 0; k < decoded.length; k++) feed(decoded.charCodeAt(k));
      else if ((cp === 39 || cp === 0x2019) && inWord && isLetterAt(text, i + 1)) feed(cp);
      else end();
      continue;
    }
    if (c < 128) {
      if (c >= 65 && c <= 90) c += 32;
      if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) feed(c);
      else if (c === 39 && inWord && isLetterAt(text, i + 1)) feed(c);
      else end();
      continue;
    }
    const cp = text.codePointAt(i)!;
    const units = cp > 0xffff ? 2 : 1;
    if (isWordCodePoint(cp)) {
      for (let k = 0; k < units; k++) feed(text.charCodeAt(i + k));
    } else if (c === 0x2019 && inWord && isLetterAt(text, i + 1)) feed(c);
    else end();
    i += units - 1;
  }
  end();
  return out.subarray(0, count);
}

/** FNV-1a of a word's UTF-16 code units: the word hash shingles are built from. */
export function hashWord(word: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/**
 * The distinct word 5-grams of a text, each as a 32-bit hash, sorted. Takes words, or their hashes
 * from wordHashes. A text shorter than five words has no shingle.
 *
 * @example shingleHashes(['a', 'b', 'c', 'd', 'e', 'f']).length // => 2
 * @example shingleHashes(wordHashes(article.html)) // the article's shingles
 */
export function shingleHashes(words: readonly string[] | Uint32Array, size = SHINGLE_WORDS): Uint32Array {
  const hashes = words instanceof Uint32Array ? words : Uint32Array.from(words, hashWord);
  const count = hashes.length - size + 1;
  if (count <= 0) return new Uint32Array(0);
  const shingles = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    let h = FNV_OFFSET;
    for (let j = 0; j < size; j++) h = Math.imul(h ^ hashes[i + j]!, FNV_PRIME);
    shingles[i] = fmix32(h);
  }
  // Sorting then dropping repeats is faster than a Set for a few hundred numbers.
  shingles.sort();
  let distinct = 0;
  for (let i = 0; i < count; i++) if (i === 0 || shingles[i] !== shingles[i - 1]) shingles[distinct++] = shingles[i]!;
  return shingles.slice(0, distinct);
}

/**
 * The shingles of an article's text: `shingleHashes(wordHashes(html))`.
 *
 * @example textShingles('<p>Ferry crews on the harbour line stopped work.</p>').length // => 4
 */
export function textShingles(htmlOrText: string): Uint32Array {
  return shingleHashes(wordHashes(htmlOrText));
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
 * @example jaccard(Uint32Array.of(1, 2, 3), Uint32Array.of(2, 3, 4)) // => 0.5
 */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 0;
  const set = new Set(a);
  let shared = 0;
  for (const x of b) if (set.has(x)) shared++;
  return shared / (a.length + b.length - shared);
}

function decodeEntity(name: string): string | undefined {
  if (name[0] !== '#') return NAMED[name.toLowerCase()];
  const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
}

const wordCodePoints = new Map<number, boolean>();
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
const LETTER = /^\p{L}$/u;

function isWordCodePoint(cp: number): boolean {
  if (cp < 128) return (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) || (cp >= 48 && cp <= 57);
  let known = wordCodePoints.get(cp);
  if (known === undefined) wordCodePoints.set(cp, (known = WORD_CHAR.test(String.fromCodePoint(cp))));
  return known;
}

/** An apostrophe continues a word only before a letter, as in "don't" (textWords' rule); the letter may be an entity. */
function isLetterAt(text: string, i: number): boolean {
  if (i >= text.length) return false;
  let cp = text.codePointAt(i)!;
  if (cp === 38) {
    ENTITY_AT.lastIndex = i;
    const m = ENTITY_AT.exec(text);
    const value = m ? decodeEntity(m[1]!) : undefined;
    if (value !== undefined) cp = value.toLowerCase().codePointAt(0) ?? 32;
  }
  if (cp < 128) return (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90);
  return LETTER.test(String.fromCodePoint(cp));
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
