// Reads the links out of built HTML, and checks that internal ones land on files of the build.

const ATTRIBUTE = /\s(href|src|srcset|poster|action)="([^"]*)"/g;

/**
 * Every URL in `href`, `src`, `srcset`, `poster` and `action` attributes, with entities decoded.
 *
 * @example htmlLinks('<a href="/a/?x=1&amp;y=2">') // ['/a/?x=1&y=2']
 */
export function htmlLinks(html: string): string[] {
  const links: string[] = [];
  for (const [, name, value] of html.matchAll(ATTRIBUTE)) {
    const decoded = value!.replace(/&amp;/g, '&').replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&quot;/g, '"');
    if (name === 'srcset') links.push(...decoded.split(',').map((s) => s.trim().split(/\s+/)[0]!).filter(Boolean));
    else links.push(decoded);
  }
  return links;
}

/**
 * The output file an internal link lands on, or undefined for links that leave the site (another
 * origin, `data:`, `mailto:`, a bare `#fragment`). `pageUrl` is the page's own URL, for relative links.
 * A link that points inside the origin but outside `base` maps to a path starting with "../".
 *
 * @example linkTarget('/my-edition/articles/a/', 'https://x.org/my-edition/', 'https://x.org/my-edition/') // 'articles/a/index.html'
 */
export function linkTarget(link: string, pageUrl: string, siteBase: string): string | undefined {
  if (link === '' || link.startsWith('#') || /^(data|mailto|tel|javascript):/i.test(link)) return undefined;
  const url = new URL(link, pageUrl);
  const base = new URL(siteBase);
  if (url.origin !== base.origin) return undefined;
  const path = decodeURIComponent(url.pathname);
  if (!path.startsWith(base.pathname)) return `../${path}`;
  const inside = path.slice(base.pathname.length);
  return inside === '' || inside.endsWith('/') ? `${inside}index.html` : inside;
}
