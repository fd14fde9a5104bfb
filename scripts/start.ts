// npm start: the offline demo. Serves the embedded demo sources on loopback, aggregates them
// into content/, builds the site and previews it. Needs no network.
import { build, preview } from 'astro';
import { contentDirFrom, parseCli, runMain } from './cli/cli.ts';
import { createFeedIngester } from './aggregator/ingestPool.ts';
import { loadConfig } from './cli/loadConfig.ts';
import { runAggregate } from './aggregator/runAggregate.ts';
import { summaryLine } from './aggregator/summaryLine.ts';
import { startDemoServer } from './cli/demoServer.ts';
import { createContentStore } from './aggregator/contentStore.ts';
import type { Config } from '../src/lib/check/validateConfig.ts';
import type { SourceState } from '../src/lib/config/schema.ts';

const HELP = `
Usage: npm start [-- --no-preview]

Runs the offline demo: serves demo/sources/ on http://127.0.0.1:4319, aggregates it into
content/, builds the site into dist/ and previews it on http://localhost:4321, serving the demo
sources as long as the preview runs (the pages link them).

Options:
  --no-preview   stop after the build (used by tests and CI)
`;

runMain('start', async () => {
  const { values } = parseCli({ 'no-preview': { type: 'boolean' } }, HELP);
  const contentDir = contentDirFrom(undefined);
  const config = await loadConfig(contentDir);
  const server = await startDemoServer({});
  console.log(`[start] demo sources on ${server.origin}`);
  const now = demoNow(config, await createContentStore(contentDir).readSources(), server.origin);
  if (now) console.log(`[start] only demo sources: aggregating as of the demo's own time (${now.toISOString()}), so content/ changes only where demo/sources/ did`);
  const pool = createFeedIngester();
  // The demo's pages link its feeds and rating files on this server: it stays up while the preview
  // runs (the wait below never ends; Ctrl-C stops both), so those links work.
  try {
    try {
      const report = await runAggregate({ contentDir, config, ingestFeed: pool.ingest, now });
      console.log(`[start] aggregated: ${summaryLine(report)}`);
    } finally {
      await pool.close();
    }
    await build({ root: process.cwd(), logLevel: 'warn' });
    console.log('[start] built the site into dist/');
    if (values['no-preview']) return;
    const previewServer = await preview({ root: process.cwd() });
    console.log(`[start] previewing on http://localhost:${previewServer.port}${config.site.base}, the demo sources still on ${server.origin} (Ctrl-C to stop both)`);
    await new Promise(() => {});
  } finally {
    await server.close();
  }
});

/**
 * The demo's own time, when every source is a demo source: the latest attempt in its sources state.
 * Aggregating as of then, an unchanged demo writes no file on the next `npm start` (main ignores those files anyway).
 */
function demoNow(config: Config, states: Record<string, SourceState>, origin: string): Date | undefined {
  const urls = [...config.contingents.flatMap((c) => c.feeds), ...config.raters.map((r) => r.url)];
  if (urls.length === 0 || !urls.every((url) => url.startsWith(`${origin}/`))) return undefined;
  const latest = Math.max(...Object.values(states).map((s) => Date.parse(s.lastAttempt ?? '')).filter(Number.isFinite));
  return Number.isFinite(latest) ? new Date(latest) : undefined;
}
