// node scripts/websubPing.ts: after a deploy, tells the WebSub hub of site.yaml that every feed
// may have changed, so subscribers hear at once. A failed ping warns; it never fails the deploy.
import pLimit from 'p-limit';
import { createPaths } from '../src/lib/site/paths.ts';
import { publishedFeedUrls } from '../src/lib/site/views/feedLinks.ts';
import { USER_AGENT } from './aggregator/userAgent.ts';
import { githubAnnotationsOn } from './cli/annotations.ts';
import { contentDirFrom, parseCli, runMain } from './cli/cli.ts';
import { loadConfig } from './cli/loadConfig.ts';

const HELP = `
Usage: node scripts/websubPing.ts [--content <dir>] [--timeout <seconds>]

Notifies the WebSub hub named by \`websub.hub\` in content/site.yaml that every feed of the site
changed: one POST of hub.mode=publish&hub.url=<feed URL> per feed (RSS, Atom and JSON Feed of every
edition and contingent), with the feed URLs the build gave them (site.yaml's url, and WIDENET_BASE
and WIDENET_EDITION as for the build). Without websub.hub it does nothing. A hub that refuses or
does not answer is reported as a warning, and the command still exits 0: the site is deployed.
`;

runMain('websub', async () => {
  const { values } = parseCli({ content: { type: 'string' }, timeout: { type: 'string' } }, HELP);
  const config = await loadConfig(contentDirFrom(values.content));
  const hub = config.site.websub?.hub;
  if (!hub) {
    console.log('[websub] no websub.hub in content/site.yaml: no hub to notify.');
    return 0;
  }
  const edition = process.env.WIDENET_EDITION?.trim() || undefined;
  const paths = createPaths({ base: process.env.WIDENET_BASE || config.site.base, site: config.site.url, ...(edition && { edition }) });
  const urls = publishedFeedUrls(paths, edition ? [edition] : config.editions.map((e) => e.id), config.contingents.map((c) => c.id));
  const timeoutMs = Number(values.timeout ?? 10) * 1000;

  const limit = pLimit(4);
  const failures = (await Promise.all(urls.map((url) => limit(() => ping(hub, url, timeoutMs))))).filter((f) => f !== undefined);
  const warn = githubAnnotationsOn(undefined) ? (m: string) => console.log(`::warning title=WebSub::${m}`) : (m: string) => console.warn(m);
  for (const f of failures) warn(`[websub] ${hub}: ${f}`);
  const ok = urls.length - failures.length;
  console.log(`[websub] ${hub}: notified of ${ok} of ${urls.length} feeds${failures.length ? `; ${failures.length} not notified (subscribers will see the change when they next poll)` : ''}.`);
  return 0;
});

/** One publish notification; undefined when the hub accepted it, else what went wrong. */
async function ping(hub: string, feed: string, timeoutMs: number): Promise<string | undefined> {
  try {
    const response = await fetch(hub, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': USER_AGENT },
      body: new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': feed }).toString(),
      redirect: 'follow',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer().catch(() => undefined);
    return response.ok ? undefined : `${feed}: ${response.status} ${response.statusText}`.trim();
  } catch (error) {
    const cause = (error as Error).name === 'TimeoutError' ? `no answer in ${timeoutMs / 1000} s` : ((error as { cause?: Error }).cause?.message ?? (error as Error).message);
    return `${feed}: ${cause}`;
  }
}
