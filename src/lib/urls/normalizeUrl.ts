/**
 * Normalizes an article URL so that ratings and copies can be matched to it:
 * lower-case host, no default port, no fragment, no `utm_*` parameters.
 * Returns the input unchanged when it is not an absolute http(s) URL (such as a Wide Net id).
 *
 * @example normalizeUrl('https://ABC.example:443/a?utm_source=x&b=1#top') // => 'https://abc.example/a?b=1'
 */
export function normalizeUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return input.trim();
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return input.trim();
  url.hash = '';
  for (const key of [...url.searchParams.keys()]) {
    if (key.toLowerCase().startsWith('utm_')) url.searchParams.delete(key);
  }
  // URL already lower-cases the host and drops default ports; an emptied query leaves a bare "?".
  return url.href.replace(/\?$/, '');
}
