// Aggregator benchmark: 500 feeds × 50 items of ~3 KB HTML on loopback, cold run then warm run (all 304).
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { makeContentDir } from '../test/helpers/contentDir.ts';
import { fmt, measureNode } from './lib/measure.ts';

const FEEDS = 500;
const ITEMS = 50;
const HOSTS = 20; // feeds spread over 127.0.0.1–127.0.0.20, so the per-host limit applies as on the web

const WORDS = 'strike union wage rent tenant council transit port worker contract picket vote housing march budget clinic school shift overtime safety'.split(' ');

function paragraph(seed: number): string {
  let s = seed;
  const words: string[] = [];
  for (let i = 0; i < 70; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    words.push(WORDS[s % WORDS.length]!);
  }
  return `<p>${words.join(' ')}. <a href="/story/${seed}">More</a> and <em>emphasis</em>.</p>`;
}

function feedXml(f: number): string {
  const items = Array.from({ length: ITEMS }, (_, i) => {
    const html = Array.from({ length: 6 }, (_, p) => paragraph(f * 1000 + i * 10 + p)).join('\n');
    const date = new Date(Date.UTC(2026, 10, 1) + (f * ITEMS + i) * 60_000).toUTCString();
    return `<item><title>Item ${i} of feed ${f}</title><link>https://c${f}.example/${i}</link><guid>https://c${f}.example/${i}</guid><pubDate>${date}</pubDate><category>bench</category><description><![CDATA[${html.slice(0, 200)}]]></description><content:encoded><![CDATA[${html}]]></content:encoded></item>`;
  }).join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Feed ${f}</title><link>https://c${f}.example/</link>${items}</channel></rss>`;
}

/** The 500 feeds on 20 loopback hosts, with ETags and 304s: what `benchAggregate` and `benchShards` fetch. */
export async function serveBenchFeeds(): Promise<{ urls: string[]; close: () => Promise<void> }> {
  const bodies = Array.from({ length: FEEDS }, (_, f) => feedXml(f));
  const etags = bodies.map((b) => `"${createHash('sha1').update(b).digest('hex')}"`);
  const servers: Server[] = [];
  const origins: string[] = [];
  for (let h = 0; h < HOSTS; h++) {
    const server = createServer((req, res) => {
      const f = Number(/\/feed-(\d+)\.xml/.exec(req.url ?? '')?.[1]);
      if (!(f >= 0 && f < FEEDS)) return void res.writeHead(404).end();
      if (req.headers['if-none-match'] === etags[f]) return void res.writeHead(304, { etag: etags[f] }).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: etags[f] }).end(bodies[f]);
    });
    const host = `127.0.0.${h + 1}`;
    await new Promise<void>((resolve) => server.listen(0, host, resolve));
    servers.push(server);
    origins.push(`http://${host}:${(server.address() as AddressInfo).port}`);
  }
  return {
    urls: Array.from({ length: FEEDS }, (_, f) => `${origins[f % HOSTS]}/feed-${f}.xml`),
    close: async () => void (await Promise.all(servers.map((s) => new Promise((r) => s.close(r))))),
  };
}

export async function benchAggregate(): Promise<Record<string, number>> {
  const { urls, close } = await serveBenchFeeds();
  try {
    const dir = await makeContentDir({
      site: { aggregator: { concurrency: 16, perHost: 2, timeoutSeconds: 60, retries: 0 } },
      contingents: urls.map((url, f) => ({ id: `c${f}`, feeds: [url] })),
    });
    const script = fileURLToPath(new URL('../scripts/aggregate.ts', import.meta.url));
    const cold = await measureNode([script, '--content', dir, '--json']);
    if (cold.code !== 0) throw new Error(`cold run failed: ${cold.stderr}`);
    const report = JSON.parse(cold.stdout) as { totals: { articles: { new: number } } };
    const warm = await measureNode([script, '--content', dir, '--json']);
    if (warm.code !== 0) throw new Error(`warm run failed: ${warm.stderr}`);
    const items = report.totals.articles.new;
    const figures = {
      items,
      coldSeconds: cold.wallMs / 1000,
      itemsPerSecond: items / (cold.wallMs / 1000),
      coldPeakRssMb: cold.peakRssMb,
      warmSeconds: warm.wallMs / 1000,
      warmPeakRssMb: warm.peakRssMb,
    };
    console.log(`aggregate: ${FEEDS} feeds × ${ITEMS} items (~3 KB HTML each) over ${HOSTS} loopback hosts`);
    console.log(`  cold run   ${fmt(figures.coldSeconds, 2)} s · ${fmt(figures.itemsPerSecond)} items/s (target ≥ 1,500) · peak RSS ${fmt(figures.coldPeakRssMb)} MB (target ≤ 1,024)`);
    console.log(`  warm run   ${fmt(figures.warmSeconds, 2)} s, all 304 (target ≤ 3 s) · peak RSS ${fmt(figures.warmPeakRssMb)} MB`);
    return figures;
  } finally {
    await close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchAggregate();
