import { describe, expect, it } from 'vitest';
import { durationInWords, parseDuration } from '../../src/lib/editions/duration.ts';

describe('parseDuration', () => {
  it.each<[string, number]>([
    ['90m', 90 * 60_000],
    ['36h', 36 * 3_600_000],
    ['30d', 30 * 86_400_000],
    ['2w', 14 * 86_400_000],
    ['1.5h', 90 * 60_000],
    ['0m', 0],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '30', 'd', '30s', '-1d', '1 d', '1e3d', '30D'])('rejects %j with a message that shows the fix', (text) => {
    expect(() => parseDuration(text)).toThrow(/expected a number and a unit m, h, d or w, such as "90m"/);
  });
});

describe('durationInWords', () => {
  it.each([
    ['36h', '36 hours'],
    ['1w', '1 week'],
    ['90m', '90 minutes'],
    ['1.5h', '1.5 hours'],
    ['30d', '30 days'],
    ['soon', 'soon'],
  ])('%s is %s', (text, words) => expect(durationInWords(text)).toBe(words));
});
