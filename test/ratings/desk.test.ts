// The rating desk's pure parts: the draft, the files it exports (read back by the aggregator's own
// parser), continuing a published file, and keys and signatures compatible with `npm run rater`.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkRatingFile } from '../../src/lib/check/checkRatingFile.ts';
import {
  addRating,
  continueFile,
  draftToFile,
  editRating,
  emptyDraft,
  lineOf,
  loadRatingFile,
  nextIssued,
  readDraft,
  removeRating,
  retractRating,
  setTrust,
  type Draft,
} from '../../src/lib/ratings/draft.ts';
import { pemFromPkcs8, pkcs8FromPem, publicKeyText, signatureText } from '../../src/lib/ratings/keyText.ts';
import { parseRatings } from '../../src/lib/ratings/parseRatings.ts';
import { ratingFileCsv, ratingFileJson } from '../../src/lib/ratings/ratingFileText.ts';
import { signDetached, verifyDetached } from '../../src/lib/ratings/signature.ts';
import { DEFAULT_SCALES } from '../helpers/makeDb.ts';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 10, minute, 0));
const A = 'https://abc.example/2026/11/strike';
const B = 'https://xyz.example/rent,board?q="vote"';

function rated(): Draft {
  let d: Draft = { ...emptyDraft(), rater: { name: 'Jane Doe', home: 'https://jane.example' } };
  d = addRating(d, { article: A, scale: 'newsworthy', value: 4, note: '  Names the deal  ', title: 'Strike' }, at(1));
  d = addRating(d, { article: A, scale: 'anti-reformist', value: 1 }, at(2));
  d = addRating(d, { article: B, scale: 'newsworthy', value: 2, title: 'Rent board' }, at(3));
  return d;
}

describe('the draft', () => {
  it('adds ratings, replacing a new one of the same article and scale', () => {
    const d = addRating(rated(), { article: A, scale: 'newsworthy', value: 5 }, at(4));
    expect(d.ratings.map((r) => lineOf(r))).toEqual([
      { article: A, scale: 'newsworthy', value: 5, at: '2026-11-20T10:04:00Z', published: false },
      { article: A, scale: 'anti-reformist', value: 1, at: '2026-11-20T10:02:00Z', published: false },
      { article: B, scale: 'newsworthy', value: 2, at: '2026-11-20T10:03:00Z', published: false, title: 'Rent board' },
    ]);
  });

  it('edits a new line in place, retracts with a retract row, and removes new lines only', () => {
    let d = editRating(rated(), 0, { value: 5, note: '' }, at(5));
    expect(lineOf(d.ratings[0]!)).toEqual({ article: A, scale: 'newsworthy', value: 5, at: '2026-11-20T10:05:00Z', published: false, title: 'Strike' });
    d = retractRating(d, 2, at(6));
    expect(lineOf(d.ratings[3]!)).toEqual({ article: B, scale: 'newsworthy', retract: true, at: '2026-11-20T10:06:00Z', published: false, title: 'Rent board' });
    d = removeRating(d, 1);
    expect(d.ratings.map((r) => lineOf(r).scale)).toEqual(['newsworthy', 'newsworthy', 'newsworthy']);
  });

  it('sets, changes and withdraws trust by URL', () => {
    let d = setTrust(emptyDraft(), { rater: 'https://carol.example/r.json', w: 1, note: ' careful ' });
    d = setTrust(d, { rater: 'https://dave.example/r.json', w: 0.5 });
    d = setTrust(d, { rater: 'https://carol.example/r.json', w: 0 });
    expect(d.trust).toEqual([
      { rater: 'https://carol.example/r.json', w: 0 },
      { rater: 'https://dave.example/r.json', w: 0.5 },
    ]);
  });

  it('survives a round trip through localStorage text, and a damaged one reads as empty', () => {
    const d = retractRating(rated(), 0, at(7));
    expect(readDraft(JSON.stringify(d))).toEqual(d);
    expect(readDraft('{"not": "a draft"')).toEqual(emptyDraft());
    expect(readDraft(null)).toEqual(emptyDraft());
  });
});

describe('the exported files', () => {
  const d = setTrust(retractRating(rated(), 2, at(8)), { rater: 'https://carol.example/ratings.json', w: 0.8, note: 'Checks her sources' });

  it('JSON: the exact bytes, in the README\'s field order', () => {
    expect(ratingFileJson(draftToFile(d, at(9)))).toBe(`{
  "format": "widenet-ratings/1",
  "rater": {
    "name": "Jane Doe",
    "home": "https://jane.example"
  },
  "issued": "2026-11-20T10:09:00Z",
  "ratings": [
    {
      "article": "${A}",
      "scale": "newsworthy",
      "value": 4,
      "at": "2026-11-20T10:01:00Z",
      "note": "Names the deal"
    },
    {
      "article": "${A}",
      "scale": "anti-reformist",
      "value": 1,
      "at": "2026-11-20T10:02:00Z"
    },
    {
      "article": "${B.replace(/"/g, '\\"')}",
      "scale": "newsworthy",
      "value": 2,
      "at": "2026-11-20T10:03:00Z"
    },
    {
      "article": "${B.replace(/"/g, '\\"')}",
      "scale": "newsworthy",
      "retract": true,
      "at": "2026-11-20T10:08:00Z"
    }
  ],
  "trust": [
    {
      "rater": "https://carol.example/ratings.json",
      "w": 0.8,
      "note": "Checks her sources"
    }
  ]
}
`);
  });

  it('CSV: the exact bytes, quoting what needs it', () => {
    expect(ratingFileCsv(draftToFile(d, at(9)))).toBe(
      [
        'article,scale,value,at,note,retract',
        `${A},newsworthy,4,2026-11-20T10:01:00Z,Names the deal,`,
        `${A},anti-reformist,1,2026-11-20T10:02:00Z,,`,
        `"https://xyz.example/rent,board?q=""vote""",newsworthy,2,2026-11-20T10:03:00Z,,`,
        `"https://xyz.example/rent,board?q=""vote""",newsworthy,,2026-11-20T10:08:00Z,,true`,
        '',
      ].join('\n'),
    );
  });

  it.each(['json', 'csv'] as const)('%s: the aggregator\'s parser reads every row back, and npm run check\'s rules find nothing', (format) => {
    const text = format === 'json' ? ratingFileJson(draftToFile(d, at(9))) : ratingFileCsv(draftToFile(d, at(9)));
    const { stored, problems } = parseRatings(text, { rater: 'jane', contingent: undefined, url: 'https://jane.example/r', format, scales: DEFAULT_SCALES, sha256: 'x' });
    expect(problems).toEqual([]);
    expect(stored.ratings.map((r) => [r.scale, r.value ?? 'retract', r.at, r.note ?? ''])).toEqual([
      ['newsworthy', 4, '2026-11-20T10:01:00Z', 'Names the deal'],
      ['anti-reformist', 1, '2026-11-20T10:02:00Z', ''],
      ['newsworthy', 2, '2026-11-20T10:03:00Z', ''],
      ['newsworthy', 'retract', '2026-11-20T10:08:00Z', ''],
    ]);
    expect(checkRatingFile(text, { file: `ratings.${format}`, format, scales: DEFAULT_SCALES }).summary).toBe(
      format === 'json' ? 'ratings.json: 4 ratings, 0 challenges, 1 trusted raters, all valid' : 'ratings.csv: 4 ratings, 0 challenges, all valid',
    );
  });

  it('the desk shows npm run check\'s messages for a bad row', () => {
    const bad = addRating(emptyDraft(), { article: A, scale: 'newsworthy', value: 9 }, at(1));
    expect(checkRatingFile(ratingFileJson(draftToFile(bad, at(2))), { file: 'ratings.json', format: 'json', scales: DEFAULT_SCALES }).problems).toEqual([
      { file: 'ratings.json', field: 'ratings[0]', message: 'value 9 is outside scale newsworthy (1 to 5)' },
    ]);
  });
});

describe('continuing a published file', () => {
  const published = `{
  "format": "widenet-ratings/1",
  "rater": { "name": "Jane Doe" },
  "issued": "2026-11-25T00:00:00Z",
  "ratings": [
    { "article": "${A}", "scale": "newsworthy", "value": 3, "at": "2026-11-01T00:00:00Z", "note": "first" },
    { "article": "https://old.example/x", "scale": "unknown-scale", "value": 1, "at": "2026-11-02T00:00:00Z" }
  ],
  "challenges": [{ "article": "https://xyz.example/claim", "at": "2026-11-03T00:00:00Z" }],
  "trust": [{ "rater": "https://carol.example/ratings.json", "w": 1 }]
}`;

  it('keeps every earlier rating as published (even one the checker skips), adds the new ones, and issues later', () => {
    const loaded = loadRatingFile(published, 'json');
    let d = continueFile(emptyDraft(), loaded, (url) => (url === A ? 'Strike' : undefined));
    d = addRating(d, { article: B, scale: 'spam', value: 0 }, at(1));
    d = editRating(d, 0, { value: 4 }, at(2));
    expect(removeRating(d, 0)).toEqual(d); // published lines cannot be removed
    const file = JSON.parse(ratingFileJson(draftToFile(d, at(3))));
    // The clock (20 Nov) is behind the published file (25 Nov): issued moves one second past it.
    expect(file.issued).toBe('2026-11-25T00:00:01Z');
    expect(file.rater).toEqual({ name: 'Jane Doe' });
    expect(file.ratings).toEqual([
      { article: A, scale: 'newsworthy', value: 3, at: '2026-11-01T00:00:00Z', note: 'first' },
      { article: 'https://old.example/x', scale: 'unknown-scale', value: 1, at: '2026-11-02T00:00:00Z' },
      { article: B, scale: 'spam', value: 0, at: '2026-11-20T10:01:00Z' },
      { article: A, scale: 'newsworthy', value: 4, at: '2026-11-20T10:02:00Z', note: 'first' },
    ]);
    expect(file.challenges).toEqual([{ article: 'https://xyz.example/claim', at: '2026-11-03T00:00:00Z' }]);
    expect(file.trust).toEqual([{ rater: 'https://carol.example/ratings.json', w: 1 }]);
    expect(lineOf(d.ratings[0]!)).toMatchObject({ published: true, title: 'Strike' });
  });

  it('loading the file again replaces what was published, never the new lines', () => {
    const loaded = loadRatingFile(published, 'json');
    const d = addRating(continueFile(emptyDraft(), loaded), { article: B, scale: 'spam', value: 0 }, at(1));
    expect(continueFile(d, loaded).ratings).toEqual(d.ratings);
  });

  it('reads a CSV file, every row kept', () => {
    const loaded = loadRatingFile('article,scale,value,at,note,retract\nhttps://a.example/x,newsworthy,4,2026-11-01T00:00:00Z,"a, note",\nhttps://a.example/x,newsworthy,,2026-11-02T00:00:00Z,,true\n', 'csv');
    expect(loaded.ratings).toEqual([
      { article: 'https://a.example/x', scale: 'newsworthy', value: 4, at: '2026-11-01T00:00:00Z', note: 'a, note' },
      { article: 'https://a.example/x', scale: 'newsworthy', retract: true, at: '2026-11-02T00:00:00Z' },
    ]);
  });

  it.each([
    ['not JSON', '{', 'json', /^not valid JSON/],
    ['another format', '{"format": "other"}', 'json', /^not a widenet-ratings\/1 file/],
    ['a CSV without the header', 'a,b\n', 'csv', /^CSV header must start with/],
  ] as const)('refuses %s', (_name, text, format, message) => {
    expect(() => loadRatingFile(text, format)).toThrow(message);
  });

  it.each<[string | undefined, string, string]>([
    [undefined, '2026-11-20T10:00:00.500Z', '2026-11-20T10:00:00Z'],
    ['2026-11-19T00:00:00Z', '2026-11-20T10:00:00Z', '2026-11-20T10:00:00Z'],
    ['2026-11-20T10:00:00Z', '2026-11-20T10:00:00Z', '2026-11-20T10:00:01Z'],
    ['2026-12-01T00:00:00Z', '2026-11-20T10:00:00Z', '2026-12-01T00:00:01Z'],
    ['not a date', '2026-11-20T10:00:00Z', '2026-11-20T10:00:00Z'],
  ])('nextIssued(%s) at %s is %s', (previous, now, expected) => {
    expect(nextIssued(previous, new Date(now))).toBe(expected);
  });
});

describe('keys and signatures, as npm run rater writes and reads them', () => {
  it('a WebCrypto key saved as PEM signs with npm run rater\'s code, and its public key verifies', async () => {
    const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const pem = pemFromPkcs8(new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey)));
    const publicKey = publicKeyText(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)));
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=]{64}\n-----END PRIVATE KEY-----\n$/);
    // Node reads the PEM as the same key: its public half is the one the desk shows.
    expect(`ed25519:${createPublicKey(createPrivateKey(pem)).export({ format: 'der', type: 'spki' }).subarray(12).toString('base64')}`).toBe(publicKey);

    const body = new TextEncoder().encode(ratingFileJson(draftToFile(rated(), at(9))));
    expect(verifyDetached(body, Buffer.from(signDetached(body, pem)), publicKey)).toBe(true);
    const signed = signatureText(new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, pair.privateKey, body)));
    expect(signed).toMatch(/^[A-Za-z0-9+/]{86}==\n$/);
    expect(verifyDetached(body, new TextEncoder().encode(signed), publicKey)).toBe(true);
    const changed = body.slice();
    changed[10]! ^= 1;
    expect(verifyDetached(changed, new TextEncoder().encode(signed), publicKey)).toBe(false);

    // And back: the PEM's bytes import into WebCrypto for signing.
    const again = await crypto.subtle.importKey('pkcs8', pkcs8FromPem(pem), { name: 'Ed25519' }, false, ['sign']);
    expect(verifyDetached(body, new TextEncoder().encode(signatureText(new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, again, body)))), publicKey)).toBe(true);
  });

  it('refuses a file that is no private key', () => {
    expect(() => pkcs8FromPem('ed25519:abc')).toThrow(/^not a private key file/);
  });
});
