// Copy detection benchmark: findCopies (shingles, MinHash, LSH, threshold) over a generated network
// of 10,000 and 20,000 articles with article-length texts, plus injected near-copies across contingents.
import type { Database } from '../src/lib/config/database.ts';
import { findCopies, type CopyStats } from '../src/lib/transparency/findCopies.ts';
import type { Article } from '../src/lib/config/schema.ts';
import { generateDatabase, mulberry32 } from './generateDatabase.ts';

const SIZES = [10_000, 20_000];
/** One original in this many gets a near-copy by another contingent. */
const COPY_EVERY = 100;

/** How an injected copy differs from its original, and the 5-gram Jaccard it lands near. */
const KINDS = [
  { name: 'verbatim, new intro', editEvery: 0, intro: true }, // J ≈ 0.85
  { name: 'light edits', editEvery: 25, intro: false }, // J ≈ 0.65
  { name: 'heavy edits', editEvery: 9, intro: false }, // J ≈ 0.3
] as const;

export interface CopiesFigures {
  articles: number;
  ms: number;
  /** Texts long enough to compare. */
  compared: number;
  candidates: number;
  pairs: number;
  injected: number;
  /** Injected copies found, per kind. */
  found: Record<string, string>;
  /** Pairs found that were not injected. */
  unexpected: number;
}

/**
 * Times findCopies at 10,000 and 20,000 articles, prints the figures, and returns them: the pairs it
 * finds against those injected, per kind of copy.
 *
 * @example const [ten] = await benchCopies(); ten.ms // 480
 */
export async function benchCopies(sizes: readonly number[] = SIZES): Promise<CopiesFigures[]> {
  const figures: CopiesFigures[] = [];
  for (const size of sizes) {
    const { db, injected } = networkWithCopies(size);
    const stats: CopyStats = { compared: 0, candidates: 0 };
    const start = performance.now();
    const pairs = findCopies(db.articles, { stats });
    const ms = performance.now() - start;
    const key = (original: string, copy: string) => `${original} ${copy}`;
    const found = new Set(pairs.map((p) => key(p.original, p.copy)));
    const expected = new Set(injected.map((i) => key(i.original, i.copy)));
    figures.push({
      articles: db.articles.length,
      ms: Math.round(ms),
      compared: stats.compared,
      candidates: stats.candidates,
      pairs: pairs.length,
      injected: injected.length,
      found: Object.fromEntries(
        KINDS.map((k) => {
          const ofKind = injected.filter((i) => i.kind === k.name);
          return [k.name, `${ofKind.filter((i) => found.has(key(i.original, i.copy))).length}/${ofKind.length}`];
        }),
      ),
      unexpected: pairs.filter((p) => !expected.has(key(p.original, p.copy))).length,
    });
    printFigures(figures[figures.length - 1]!);
  }
  return figures;
}

/** A generated network whose texts are article-length (150–450 words), with near-copies injected. */
function networkWithCopies(articles: number): { db: Database; injected: { original: string; copy: string; kind: string }[] } {
  const copies = Math.floor(articles / (COPY_EVERY + 1));
  const db = generateDatabase({ articles: articles - copies, contingents: 50, raters: 20, ratings: 0, seed: 7 });
  const random = mulberry32(11);
  const vocabulary = makeVocabulary(random, 8_000);
  // Zipf-like word choice: common words recur across texts, as function words do.
  const word = () => vocabulary[Math.floor(vocabulary.length * random() ** 3)]!;
  const paragraphs = (words: string[]) => words.join(' ').replace(/((?:\S+ ){60})/g, '$1\n\n');
  const texts = new Map<string, string[]>();
  for (const article of db.articles) {
    const words = Array.from({ length: 150 + Math.floor(random() * 300) }, word);
    texts.set(article.id, words);
    article.html = toHtml(paragraphs(words));
  }

  const injected: { original: string; copy: string; kind: string }[] = [];
  const originals = db.articles.filter((_, i) => i % COPY_EVERY === 0).slice(0, copies);
  originals.forEach((original, n) => {
    const kind = KINDS[n % KINDS.length]!;
    let words = [...texts.get(original.id)!];
    if (kind.editEvery) words = words.map((w, i) => (i % kind.editEvery === kind.editEvery >> 1 ? word() : w));
    if (kind.intro) words = [...Array.from({ length: 30 }, word), ...words];
    const contingent = db.contingents.find((c) => c.id !== original.contingent)!;
    const seen = new Date(Date.parse(original.firstSeen) + 3_600_000).toISOString();
    const copy: Article = {
      ...original,
      id: `${contingent.id}-copy-${n}`,
      contingent: contingent.id,
      url: `https://${contingent.id}.example/copy-${n}`,
      guid: `https://${contingent.id}.example/copy-${n}`,
      firstSeen: seen,
      published: seen,
      html: toHtml(paragraphs(words)),
      inReplyTo: undefined,
      via: undefined,
      alsoIn: undefined,
    };
    db.articles.push(copy);
    injected.push({ original: original.id, copy: copy.id, kind: kind.name });
  });
  return { db, injected };
}

function toHtml(text: string): string {
  return text
    .split('\n\n')
    .map((p) => `<p>${p.trim()}.</p>`)
    .join('');
}

function makeVocabulary(random: () => number, size: number): string[] {
  const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'to', 'vi', 'der', 'gan', 'bor', 'tel', 'pri', 'os', 'un', 'ath'];
  const words = new Set<string>();
  while (words.size < size) {
    const n = 2 + Math.floor(random() * 3);
    words.add(Array.from({ length: n }, () => syllables[Math.floor(random() * syllables.length)]).join(''));
  }
  return [...words];
}

if (import.meta.main) await benchCopies();

function printFigures(f: CopiesFigures): void {
  console.log(
    `copies: ${f.articles.toLocaleString('en-US')} articles in ${f.ms.toLocaleString('en-US')} ms · ${f.compared.toLocaleString('en-US')} compared, ${f.candidates.toLocaleString('en-US')} candidates · ${f.pairs} pairs found (${f.injected} injected; ${Object.entries(f.found).map(([k, v]) => `${k} ${v}`).join(', ')}; ${f.unexpected} others)`,
  );
}
