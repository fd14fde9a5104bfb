import { describe, expect, it } from 'vitest';
import { FeedParseError } from '../../src/lib/ingest/feedErrors.ts';
import { errorFromData, errorToData } from '../../scripts/aggregator/workerErrors.ts';

// postMessage clones plain data only; structuredClone is the same algorithm.
const roundTrip = (error: unknown) => errorFromData(structuredClone(errorToData(error)));

describe('errors across the worker boundary', () => {
  it('keeps a FeedParseError with its code, url and cause', () => {
    const back = roundTrip(new FeedParseError('invalid-xml', 'invalid XML: unclosed tag', 'https://abc.example/feed.xml', { cause: new SyntaxError('line 3') }));
    expect(back).toBeInstanceOf(FeedParseError);
    expect(back).toMatchObject({ name: 'FeedParseError', message: 'invalid XML: unclosed tag', code: 'invalid-xml', url: 'https://abc.example/feed.xml' });
    expect(back.cause).toBeInstanceOf(Error);
    expect((back.cause as Error).message).toBe('line 3');
    expect((back.cause as Error).name).toBe('SyntaxError');
  });

  it('keeps a system error’s code, path and syscall, and a non-error cause as text', () => {
    const disk = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write', path: '/c/articles/abc/x.json', errno: -28 });
    const back = roundTrip(new Error('could not write', { cause: disk })) as Error & { cause: Error & { code: string; path: string; syscall: string; errno: number } };
    expect(back.message).toBe('could not write');
    expect(back.cause).toMatchObject({ code: 'ENOSPC', path: '/c/articles/abc/x.json', syscall: 'write', errno: -28 });
    expect(roundTrip(new Error('x', { cause: 42 })).cause).toBe('42');
    expect(roundTrip('a string').message).toBe('a string');
  });

  it('cuts a cause cycle', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect(() => roundTrip(a)).not.toThrow();
  });
});
