import { describe, expect, it } from 'vitest';
import { parseRatings, RatingFileError } from '../../src/lib/ratings/parseRatings.ts';
import { generateRaterKeys, signDetached, verifyDetached } from '../../src/lib/ratings/signature.ts';
import type { Scale } from '../../src/lib/config/schema.ts';

const scales: Scale[] = [
  { id: 'newsworthy', name: 'Newsworthy', min: 0, max: 5, neutral: 2, description: 'x' },
  { id: 'endorse', name: 'Endorse', min: 0, max: 1, neutral: 0, description: 'x' },
];
const opts = { rater: 'alice', contingent: undefined, url: 'https://alice.example/r.json', scales, sha256: 'abc' };

describe('parseRatings (JSON)', () => {
  const json = JSON.stringify({
    format: 'widenet-ratings/1',
    issued: '2026-11-20T10:00:00Z',
    ratings: [
      { article: 'https://ABC.example:443/a?utm_source=x#top', scale: 'newsworthy', value: 4, at: '2026-11-19T09:00:00Z', note: 'Good\u0007  one\n' },
      { article: 'https://abc.example/b', scale: 'newsworthy', retract: true, at: '2026-11-20T09:00:00Z' },
      { article: 'https://abc.example/c', scale: 'spam', value: 1, at: '2026-11-19T09:00:00Z' },
      { article: 'https://abc.example/d', scale: 'newsworthy', value: 9, at: '2026-11-19T09:00:00Z' },
      { article: 'https://abc.example/e', scale: 'newsworthy', value: 3, at: 'yesterday' },
      { article: 'https://abc.example/f', scale: 'newsworthy', at: '2026-11-19T09:00:00Z' },
    ],
    challenges: [{ article: 'https://xyz.example/claim', by: 'abc', at: '2026-11-18T00:00:00Z', note: 'Source?' }],
  });

  it('normalizes good rows and reports each bad one by row', () => {
    // As the rater of contingent abc, the file may raise a challenge by abc.
    const { stored, problems } = parseRatings(json, { ...opts, contingent: 'abc', format: 'json' });
    expect(stored.ratings).toEqual([
      { article: 'https://abc.example/a', scale: 'newsworthy', value: 4, at: '2026-11-19T09:00:00Z', note: 'Good one' },
      { article: 'https://abc.example/b', scale: 'newsworthy', retract: true, at: '2026-11-20T09:00:00Z' },
    ]);
    expect(stored.issued).toBe('2026-11-20T10:00:00Z');
    expect(stored.challenges).toEqual([{ article: 'https://xyz.example/claim', by: 'abc', at: '2026-11-18T00:00:00Z', note: 'Source?' }]);
    expect(problems.map((p) => p.row)).toEqual(['ratings[2]', 'ratings[3]', 'ratings[4]', 'ratings[5]']);
    expect(problems[1]!.message).toBe('value 9 is outside scale newsworthy (0 to 5)');
    expect(problems[0]!.message).toBe('unknown scale "spam"; known scales: endorse, newsworthy');
  });

  it.each([
    ['not json', /not valid JSON/],
    ['{"format":"other","ratings":[]}', /not a widenet-ratings\/1 file: format/],
    ['{"format":"widenet-ratings/1"}', /ratings/],
  ])('rejects a whole file that is %s', (text, message) => {
    expect(() => parseRatings(text, { ...opts, format: 'json' })).toThrow(RatingFileError);
    expect(() => parseRatings(text, { ...opts, format: 'json' })).toThrow(message);
  });
});

describe('parseRatings (CSV)', () => {
  it('reads the header columns by name, quotes and retractions, with line numbers', () => {
    const csv = [
      'article,scale,value,at,note,retract',
      'https://abc.example/a,newsworthy,4,2026-11-19T09:00:00Z,"Names it, plainly",',
      'https://abc.example/b,newsworthy,,2026-11-20T09:00:00Z,,true',
      'https://abc.example/c,newsworthy,x,2026-11-20T09:00:00Z,,',
      'abc-1234,endorse,1,2026-11-20T09:00:00Z,,',
    ].join('\n');
    const { stored, problems } = parseRatings(csv, { ...opts, format: 'csv' });
    expect(stored.ratings).toEqual([
      { article: 'https://abc.example/a', scale: 'newsworthy', value: 4, at: '2026-11-19T09:00:00Z', note: 'Names it, plainly' },
      { article: 'https://abc.example/b', scale: 'newsworthy', retract: true, at: '2026-11-20T09:00:00Z' },
      { article: 'abc-1234', scale: 'endorse', value: 1, at: '2026-11-20T09:00:00Z' },
    ]);
    expect(problems).toEqual([{ row: 'line 4', message: 'value: Invalid input: expected number, received NaN' }]);
  });

  it('rejects a file without the header', () => {
    expect(() => parseRatings('a,b,c\n1,2,3', { ...opts, format: 'csv' })).toThrow(/CSV header must start with/);
  });
});

describe('detached ed25519 signatures', () => {
  it('verifies a signed body and rejects a tampered one or another key', () => {
    const keys = generateRaterKeys();
    const other = generateRaterKeys();
    const body = Buffer.from('{"format":"widenet-ratings/1","ratings":[]}');
    const sig = Buffer.from(signDetached(body, keys.privateKeyPem));
    expect(keys.publicKey).toMatch(/^ed25519:[A-Za-z0-9+/]{43}=$/);
    expect(verifyDetached(body, sig, keys.publicKey)).toBe(true);
    expect(verifyDetached(Buffer.from(body.toString().replace('[]', '[ ]')), sig, keys.publicKey)).toBe(false);
    expect(verifyDetached(body, sig, other.publicKey)).toBe(false);
    expect(verifyDetached(body, Buffer.from('garbage'), keys.publicKey)).toBe(false);
  });
});
