// What an incremental `astro build` rendered and what it reused, read from its log.

/**
 * Output files (as Astro names them, "/articles/abc-01/index.html") rendered, and skipped with their
 * last output. Astro logs a reused file whole ("├─ /a/index.html (restored)"), but a rendered one in
 * two writes, its path before rendering and its time after; with `build.concurrency` above 1 other
 * lines come between ("├─ /commons/explain.json19:11:06   ├─ /sitemap-1.xml (restored)"), so a
 * file without "(restored)" or "(cached)" right after its path is one that was rendered.
 *
 * @example renderLog('  ├─ /a/index.html (+3ms)\n  └─ /b/index.html (cached)') // { rendered: Set {'/a/index.html'}, reused: Set {'/b/index.html'} }
 */
export function renderLog(log: string): { rendered: Set<string>; reused: Set<string> } {
  const rendered = new Set<string>();
  const reused = new Set<string>();
  // eslint-disable-next-line no-control-regex
  const text = log.replace(/\x1b\[[0-9;]*m/g, '');
  for (const [, file, skipped] of text.matchAll(/[├└]─ (\/\S*?)(?=\d\d:\d\d:\d\d|\s|$)( \((?:restored|cached)\))?/g)) {
    // An endpoint's file is logged with a trailing slash ("/commons/rss.xml/").
    (skipped ? reused : rendered).add(file!.replace(/(\.\w+)\/$/, '$1'));
  }
  return { rendered, reused };
}
