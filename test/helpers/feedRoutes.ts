// Feeds for aggregator tests: n items of a given body size, served by a fault server route.
import type { FaultServer } from './faultServer.ts';

/** An RSS 2.0 document with `items` items, each with `bodyBytes` of paragraph text. */
export function rssWithItems(prefix: string, items: number, bodyBytes = 200): string {
  const body = 'Body text. '.repeat(Math.max(1, Math.round(bodyBytes / 11)));
  const entries = Array.from({ length: items }, (_, i) => `<item><guid>${prefix}-${i}</guid><title>Item ${i} of ${prefix}</title><link>https://${prefix}.example/${i}</link><pubDate>Mon, 16 Nov 2026 09:00:00 GMT</pubDate><description><![CDATA[<p>${body}</p>]]></description></item>`).join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${prefix}</title><link>https://${prefix}.example/</link>${entries}</channel></rss>`;
}

/** Serves `xml` at `path`, after `delayMs` when given (to keep a run busy). */
export function serveRss(server: FaultServer, path: string, xml: string, delayMs = 0): void {
  server.setRoute(path, (_req, res) => void setTimeout(() => res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(xml), delayMs));
}
