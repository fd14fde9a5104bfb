// Whether a link can reach anything: the demo's publishers live at reserved example addresses
// (RFC 2606, RFC 6761), and its feeds on this computer, so pages can say why such a link goes
// nowhere instead of showing a dead link.

/** `public`: an ordinary address; `placeholder`: a reserved example domain that no site can have; `local`: this computer. */
export type UrlReach = 'public' | 'placeholder' | 'local';

/** Top-level domains reserved for examples and tests, which never resolve. */
const PLACEHOLDER_TLDS = new Set(['example', 'test', 'invalid']);
/** Second-level domains reserved for documentation (RFC 2606). */
const PLACEHOLDER_DOMAINS = ['example.com', 'example.net', 'example.org'];

/**
 * Where a URL leads: a placeholder address, this computer, or the public web (also for anything
 * that is not an absolute http(s) URL, which is left as it is).
 *
 * @example urlReach('https://abc-bulletin.example/2026/11/strike') // 'placeholder'
 * @example urlReach('http://127.0.0.1:4319/feeds/harbor.atom') // 'local'
 * @example urlReach('https://news.example.org.uk/') // 'public'
 */
export function urlReach(url: string): UrlReach {
  let host: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'public';
    host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return 'public';
  }
  if (host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || host === '0.0.0.0' || /^127(\.\d{1,3}){3}$/.test(host)) return 'local';
  const tld = host.slice(host.lastIndexOf('.') + 1);
  if (PLACEHOLDER_TLDS.has(tld) || PLACEHOLDER_DOMAINS.some((d) => host === d || host.endsWith(`.${d}`))) return 'placeholder';
  return 'public';
}
