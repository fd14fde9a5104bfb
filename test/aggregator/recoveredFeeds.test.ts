// A broken feed is read, not failed: the run reports what it repaired, and one hostile item
// costs only itself. Runs the real command, so feeds are read on the worker pool.
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Article } from '../../src/lib/config/schema.ts';
import type { AggregateReport } from '../../scripts/aggregator/aggregateReport.ts';
import { makeContentDir } from '../helpers/contentDir.ts';
import { startFaultServer, type FaultServer } from '../helpers/faultServer.ts';

const fixture = (name: string) => readFile(new URL(`../fixtures/feeds/${name}`, import.meta.url));

async function aggregate(dir: string): Promise<{ code: unknown; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['scripts/aggregate.ts', '--content', dir, '--json']);
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout.on('data', (d: Buffer) => stdout.push(d.toString()));
  child.stderr.on('data', (d: Buffer) => stderr.push(d.toString()));
  const code = await new Promise((r) => child.on('exit', r));
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}

describe('aggregate: recovered feeds', () => {
  let server: FaultServer;
  beforeAll(async () => {
    server = await startFaultServer();
    const bare = await fixture('bare-ampersands-unescaped-urls.xml');
    server.setRoute('/bare.xml', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(bare));
    const depth = 100_000;
    const deep = `<?xml version="1.0"?><rss version="2.0"><channel><title>Deep</title>
<item><guid>d1</guid><title>Deep one</title><link>https://deep.example/1</link><description><![CDATA[${'<div>'.repeat(depth)}bottom${'</div>'.repeat(depth)}]]></description></item>
<item><guid>d2</guid><title>Plain one</title><link>https://deep.example/2</link><description>Fine.</description></item>
</channel></rss>`;
    server.setRoute('/deep.xml', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(deep));
  });
  afterAll(() => server.close());

  it('keeps every item, counts the source as ok and prints what was recovered', { timeout: 90_000 }, async () => {
    const dir = await makeContentDir({ contingents: [{ id: 'tel', feeds: [server.url('/bare.xml')] }, { id: 'deep', feeds: [server.url('/deep.xml')] }] });
    const { code, stdout, stderr } = await aggregate(dir);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as AggregateReport;
    const bySource = Object.fromEntries(report.sources.map((s) => [s.owner, s]));
    expect(bySource.tel).toMatchObject({ status: 'ok', articles: { new: 3 }, recovered: ['bare "&" read as text (line 5, 14 times)'] });
    expect(bySource.deep).toMatchObject({ status: 'ok', articles: { new: 2 }, recovered: ['HTML nested deeper than 256 elements flattened (99744 elements unwrapped, their text kept)'] });
    expect(stderr).toContain(`[aggregate] [tel] ${server.url('/bare.xml')}: recovered: bare "&" read as text (line 5, 14 times)`);
    expect(stderr).toContain(`[aggregate] [deep] ${server.url('/deep.xml')}: recovered: HTML nested deeper than 256 elements flattened`);
    expect(stderr).not.toMatch(/Maximum call stack|RangeError|\n\s+at /);

    const titles: string[] = [];
    for (const contingent of ['tel', 'deep']) {
      for (const file of await readdir(join(dir, 'articles', contingent))) {
        titles.push(Article.parse(JSON.parse(await readFile(join(dir, 'articles', contingent, file), 'utf8'))).title);
      }
    }
    expect(titles.sort()).toEqual(['AT&T call-center workers vote to strike', 'Bargaining update: wages & scheduling', 'Deep one', 'Plain one', "Tom & Jerry's diner joins the boycott &c."]);
  });
});
