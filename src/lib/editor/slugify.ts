/**
 * A lower-case id from a title, for contingents and raters: ASCII letters, digits and dashes,
 * at most 48 characters, cut at a word boundary. Empty when the title has no letter or digit.
 *
 * @example slugify('Café Ouvrier — Nouvelles!') // => 'cafe-ouvrier-nouvelles'
 */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= 48) return slug;
  const cut = slug.slice(0, 49);
  return (cut.lastIndexOf('-') > 16 ? cut.slice(0, cut.lastIndexOf('-')) : cut.slice(0, 48)).replace(/-+$/, '');
}

/**
 * `base` if it is free, else `base-2`, `base-3`…
 *
 * @example uniqueId('abc', new Set(['abc', 'abc-2'])) // => 'abc-3'
 */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const id = `${base.slice(0, 60)}-${n}`;
    if (!taken.has(id)) return id;
  }
}

/**
 * An id for a source: from its title, else from its host name without "www." and the TLD.
 *
 * @example idFor('', 'https://www.harbor-notes.org/feed.xml') // => 'harbor-notes'
 */
export function idFor(title: string | undefined, url: string): string {
  const fromTitle = slugify(title ?? '');
  if (fromTitle) return fromTitle;
  let host = '';
  try {
    host = new URL(url).hostname.replace(/^www\./, '');
  } catch {
    // not a URL: fall through to the generic id
  }
  const parts = host.split('.');
  return slugify(parts.length > 1 ? parts.slice(0, -1).join('-') : host) || 'source';
}
