// The publish workflow's commit message and job summary, from an aggregate report; and the
// GitHub annotations of `npm run check`.
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { annotation, githubAnnotationsOn } from '../../scripts/cli/annotations.ts';
import { commitMessage, commitSubject, jobSummary } from '../../scripts/cli/publishReport.ts';
import type { AggregateReport, SourceReport } from '../../scripts/aggregator/aggregateReport.ts';
import { copyConfig, runCli } from '../helpers/runCli.ts';

const none = { new: 0, revised: 0, updated: 0, unchanged: 0 };
function source(owner: string, status: SourceReport['status'], extra: Partial<SourceReport> = {}): SourceReport {
  return { kind: 'feed', owner, url: `https://${owner}.example/feed.xml`, status, articles: none, ...extra };
}
function report(sources: SourceReport[], totals: Partial<AggregateReport['totals']> = {}): AggregateReport {
  const failed = sources.filter((s) => s.status === 'failed' || s.status === 'rejected').length;
  return {
    sources,
    totals: { sources: sources.length, ok: sources.length - failed, failed, articles: none, ratingFiles: 0, ratingsAccepted: 0, ratingsRejected: 0, filesWritten: 0, ...totals },
  };
}

const busy = report(
  [
    source('abc', 'ok', { articles: { new: 17, revised: 2, updated: 0, unchanged: 40 } }),
    source('xyz', 'failed', { http: 404, message: '404 Not Found' }),
    source('pipe|co', 'failed', { message: 'not a feed: got an HTML page (<html>)' }),
    source('alice', 'rejected', { kind: 'ratings', url: 'https://alice.example/r.json', http: 200, message: 'signature does not match; keeping the last good copy', problems: ['ratings[3]: unknown scale "x"'] }),
    source('gone', 'gone', { http: 410, message: '410 Gone: polling stopped, articles kept' }),
  ],
  { articles: { new: 17, revised: 2, updated: 0, unchanged: 40 }, filesWritten: 20 },
);

describe('commitSubject', () => {
  it.each([
    ['new and revised articles, failing sources', busy, 'aggregate: +17 articles, 2 revised, 3 sources failing'],
    ['nothing new', report([source('abc', 'unchanged')]), 'aggregate: no new articles'],
    ['one of each', report([source('abc', 'ok'), source('x', 'failed')], { articles: { new: 1, revised: 0, updated: 1, unchanged: 0 }, ratingFiles: 1 }), 'aggregate: +1 article, 1 updated, 1 rating file updated, 1 source failing'],
  ])('%s', (_, r, expected) => expect(commitSubject(r)).toBe(expected));
});

describe('commitMessage', () => {
  it('has the subject, the summary line and the failing sources, and [skip ci] only when asked', () => {
    const message = commitMessage(busy, { skipCi: true });
    expect(message.split('\n\n')[0]).toBe('aggregate: +17 articles, 2 revised, 3 sources failing');
    expect(message).toContain('sources 2/5 ok, 3 failed · articles +17 new, 2 revised');
    expect(message).toContain('Failing sources:\n- [alice]');
    expect(message).toContain('- [xyz] https://xyz.example/feed.xml: 404 Not Found');
    expect(message).toContain('Not fetched this run:\n- [gone] https://gone.example/feed.xml: 410 Gone');
    expect(message.endsWith('\n\n[skip ci]\n')).toBe(true);
    expect(commitMessage(busy)).not.toContain('[skip ci]');
  });

  it('lists at most maxSources sources, then says how many more', () => {
    const many = report(Array.from({ length: 25 }, (_, i) => source(`s${String(i).padStart(2, '0')}`, 'failed', { message: 'timed out' })));
    const message = commitMessage(many);
    expect(message.match(/^- \[s/gm)).toHaveLength(20);
    expect(message).toContain('- … and 5 more');
  });
});

describe('jobSummary', () => {
  it('tabulates the totals and every failing source, escaping Markdown', () => {
    const md = jobSummary(busy);
    expect(md.split('\n')[0]).toBe('## Aggregate: +17 articles, 2 revised, 3 sources failing');
    expect(md).toContain('| sources | 5: 2 ok, 3 failing, 1 not fetched this run |');
    expect(md).toContain('### Failing sources (3)');
    expect(md).toContain('| `xyz` | feed | https://xyz.example/feed.xml | 404 | 404 Not Found |');
    expect(md).toContain('| `pipe\\|co` | feed |');
    expect(md).toContain('not a feed: got an HTML page (&lt;html&gt;)');
    expect(md).toContain('| `alice` | rating file |');
    expect(md).toContain('### Not fetched this run (1)');
    expect(md).toContain('### Rows skipped in rating files (1)\n\n- `alice` https://alice.example/r.json ratings[3]: unknown scale "x"');
  });

  it('says when every source was fetched', () => {
    expect(jobSummary(report([source('abc', 'ok')]))).toContain('Every source was fetched.');
  });
});

describe('scripts/commitMessage.ts and scripts/jobSummary.ts', () => {
  it('read the JSON report from a file or standard input', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'widenet-report-'));
    const path = join(dir, 'report.json');
    await writeFile(path, JSON.stringify(busy));
    const fromFile = await runCli('commitMessage.ts', ['--skip-ci', path]);
    expect(fromFile).toMatchObject({ code: 0, stdout: commitMessage(busy, { skipCi: true }) });
    const fromStdin = await runCli('commitMessage.ts', [], { input: JSON.stringify(busy) });
    expect(fromStdin.stdout).toBe(commitMessage(busy));
    expect(await runCli('jobSummary.ts', [path])).toMatchObject({ code: 0, stdout: jobSummary(busy) });
  });

  it('jobSummary says there is no report, without failing, when the aggregate step wrote none', async () => {
    const { code, stdout } = await runCli('jobSummary.ts', ['/nonexistent/report.json']);
    expect(code).toBe(0);
    expect(stdout).toContain('## Aggregate: no report');
    expect((await runCli('commitMessage.ts', ['/nonexistent/report.json'])).code).toBe(1);
  });
});

describe('GitHub annotations', () => {
  it.each([
    [{ file: 'content/raters.yaml', line: 4, field: '[0].url', message: 'expected an http:// or https:// URL' }, '::error file=content/raters.yaml,line=4,title=[0].url::[0].url: expected an http:// or https:// URL'],
    [{ file: 'content/site.yaml', message: '100% wrong\nsecond line' }, '::error file=content/site.yaml::100%25 wrong%0Asecond line'],
    [{ file: 'a,b:c.yaml', line: 1, message: 'x' }, '::error file=a%2Cb%3Ac.yaml,line=1::x'],
  ])('%o', (problem, expected) => expect(annotation(problem)).toBe(expected));

  it('are on with --github, or inside GitHub Actions', () => {
    expect(githubAnnotationsOn(undefined, { GITHUB_ACTIONS: 'true' })).toBe(true);
    expect(githubAnnotationsOn(undefined, {})).toBe(false);
    expect(githubAnnotationsOn(true, {})).toBe(true);
  });

  it('npm run check prints its usual lines and, with --github, one ::error per problem with file and line', async () => {
    const dir = await copyConfig();
    const raters = join(dir, 'raters.yaml');
    const { readFile } = await import('node:fs/promises');
    const text = (await readFile(raters, 'utf8')).replace('url: http://127.0.0.1:4319/ratings/alice.json', 'url: ftp://alice.example/r.json');
    await writeFile(raters, text);
    const line = text.split('\n').findIndex((l) => l.includes('ftp://')) + 1;
    const plain = await runCli('check.ts', ['--content', dir]);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toMatch(new RegExp(`\\[config\\] .*raters\\.yaml:${line} \\[0\\]\\.url: expected an http:// or https:// URL`));
    expect(plain.stdout).toBe('');
    const github = await runCli('check.ts', ['--content', dir], { env: { GITHUB_ACTIONS: 'true' } });
    expect(github.stderr).toBe(plain.stderr);
    expect(github.stdout).toMatch(new RegExp(`^::error file=.*raters\\.yaml,line=${line},title=\\[0\\]\\.url::\\[0\\]\\.url: expected an http`, 'm'));
  });
});
