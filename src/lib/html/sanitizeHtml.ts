// Feed HTML is untrusted: it is sanitized once, at aggregation, with a strict allowlist.
import type { Element, Root, RootContent } from 'hast';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { parseHtmlFragment, type HtmlParseStats } from './parseHtmlFragment.ts';
import { hasXmlForbidden, stripXmlForbidden } from './textCharacters.ts';

/** The link relation every sanitized `<a>` carries: publisher content is user-generated to us. */
export const LINK_REL = ['noopener', 'noreferrer', 'ugc'];

// Only these raster formats are kept as inline images; SVG can carry script.
const SAFE_DATA_IMAGE = /^data:image\/(?:png|gif|jpeg|webp)[;,]/i;
const SAFE_PROTOCOLS = new Set(['http:', 'https:']);
const HREF_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
// URL-valued hast properties we keep; every other URL-valued property is dropped by the schema.
const URL_PROPERTIES = ['href', 'src', 'cite', 'poster'] as const;
const DIMENSION = /^\d{1,5}$/;

/**
 * The allowlist, built from GitHub's `defaultSchema` but narrower: no ids or names (no clobbering,
 * no duplicate ids when articles share a page), no classes, no forms, no inputs.
 */
export const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  tagNames: [
    'a', 'abbr', 'audio', 'b', 'bdi', 'bdo', 'blockquote', 'br', 'caption', 'cite', 'code', 'col', 'colgroup',
    'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure',
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'picture',
    'pre', 'q', 'rp', 'rt', 'ruby', 's', 'samp', 'small', 'source', 'span', 'strike', 'strong', 'sub', 'summary',
    'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'time', 'tr', 'tt', 'u', 'ul', 'var', 'video', 'wbr',
  ],
  // Removed with their content; other disallowed elements are unwrapped and keep their text.
  // <noscript> is unwrapped: parsed with scripting off its children are ordinary (sanitized)
  // elements, often the real image behind a lazy-loading placeholder.
  strip: [
    'script', 'style', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet',
    'noembed', 'noframes', 'svg', 'math', 'title', 'textarea', 'select', 'button',
  ],
  ancestors: {
    ...defaultSchema.ancestors,
    caption: ['table'],
    col: ['table'],
    colgroup: ['table'],
    figcaption: ['figure'],
    source: ['picture', 'audio', 'video'],
    summary: ['details'],
  },
  attributes: {
    '*': ['title', 'lang', ['dir', 'ltr', 'rtl', 'auto']],
    a: ['href', 'hrefLang'],
    audio: ['src', 'controls'],
    blockquote: ['cite'],
    code: [['className', /^language-[\w+#-]+$/]],
    col: ['span'],
    colgroup: ['span'],
    del: ['cite', 'dateTime'],
    details: ['open'],
    img: ['src', 'alt', ['width', DIMENSION], ['height', DIMENSION], ['loading', 'lazy', 'eager']],
    ins: ['cite', 'dateTime'],
    li: ['value'],
    ol: ['start', 'reversed', ['type', '1', 'a', 'A', 'i', 'I']],
    q: ['cite'],
    source: ['src', 'type', 'media'],
    td: ['colSpan', 'rowSpan'],
    th: ['colSpan', 'rowSpan', ['scope', 'row', 'col', 'rowgroup', 'colgroup']],
    time: ['dateTime'],
    video: ['src', 'poster', 'controls', ['width', DIMENSION], ['height', DIMENSION]],
  },
  // Media without controls would be a dead frame (or autoplay); force them on.
  required: { audio: { controls: true }, video: { controls: true } },
  // Second line of defence: resolveUrls() below has already normalized or removed every URL.
  protocols: {
    href: ['http', 'https', 'mailto'],
    src: ['http', 'https', 'data'],
    cite: ['http', 'https'],
    poster: ['http', 'https'],
  },
  clobber: [],
  clobberPrefix: '',
  allowComments: false,
  allowDoctypes: false,
};

/**
 * Resolves `ref` against `base` and returns the absolute URL if its protocol is allowed.
 * The WHATWG URL parser strips tabs and newlines and lower-cases the scheme, exactly as browsers do,
 * so `jav&#x09;ascript:` and `JaVaScRiPt:` are recognized here.
 *
 * @example resolveUrl('../img/a.png', 'https://abc.example/2026/11/post') // => 'https://abc.example/2026/img/a.png'
 * @example resolveUrl('javascript:alert(1)', 'https://abc.example/') // => undefined
 */
export function resolveUrl(ref: string, base: string | undefined, protocols: ReadonlySet<string> = SAFE_PROTOCOLS): string | undefined {
  let url: URL;
  try {
    url = base === undefined ? new URL(ref.trim()) : new URL(ref.trim(), base);
  } catch {
    return undefined;
  }
  return protocols.has(url.protocol) ? url.href : undefined;
}

/** Makes every kept URL absolute and drops unsafe ones, before the allowlist runs. */
function resolveUrls(node: Root | Element, base: string | undefined): void {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    const props = child.properties;
    for (const key of URL_PROPERTIES) {
      const value = props[key];
      if (value === undefined || value === null) continue;
      const raw = String(value).trim();
      const safe =
        key === 'src' && child.tagName === 'img' && SAFE_DATA_IMAGE.test(raw)
          ? `data:${raw.slice(5)}`
          : resolveUrl(raw, base, key === 'href' ? HREF_PROTOCOLS : SAFE_PROTOCOLS);
      if (safe === undefined) delete props[key];
      else props[key] = safe;
    }
    resolveUrls(child, base);
    // <template> keeps its children in `content`; the schema strips it, but never leave it unvisited.
    if (child.content) resolveUrls(child.content, base);
  }
}

// Wrappers left with nothing inside once embeds are removed (WordPress wraps every iframe in two).
const PRUNE_WHEN_EMPTY = new Set(['a', 'b', 'blockquote', 'div', 'em', 'figcaption', 'figure', 'i', 'p', 'picture', 'span', 'strong']);

/**
 * Runs after the allowlist: links get a fixed rel, no `data:` survives outside `<img src>`, no
 * character XML forbids survives (`&#1;` parses to U+0001), and wrappers that ended up empty are
 * removed. Returns whether `node` itself is now empty.
 */
function finishElements(node: Root | Element, inPre = false): boolean {
  const kept: RootContent[] = [];
  let empty = true;
  for (const child of node.children) {
    if (child.type === 'element') {
      const childEmpty = finishElements(child, inPre || child.tagName === 'pre');
      if (childEmpty && PRUNE_WHEN_EMPTY.has(child.tagName)) continue;
      if (child.tagName === 'a') child.properties.rel = [...LINK_REL];
      const src = child.properties.src;
      if (typeof src === 'string' && src.startsWith('data:') && child.tagName !== 'img') delete child.properties.src;
      for (const [key, value] of Object.entries(child.properties)) {
        if (typeof value === 'string' && hasXmlForbidden(value)) child.properties[key] = stripXmlForbidden(value);
      }
      empty = false;
    } else if (child.type === 'text') {
      if (hasXmlForbidden(child.value)) child.value = stripXmlForbidden(child.value);
      if (child.value.trim() !== '') empty = false;
      // Indentation between blocks is noise in the stored article; inside <pre> it is content.
      else if (!inPre) {
        const collapsed = child.value.includes('\n') ? '\n' : ' ';
        const previous = kept[kept.length - 1];
        if (previous?.type === 'text' && previous.value.trim() === '') {
          if (collapsed === '\n') previous.value = '\n';
          continue;
        }
        child.value = collapsed;
      }
    }
    kept.push(child);
  }
  node.children = kept as typeof node.children;
  return empty;
}

// Built once: creating a unified processor per call costs more than sanitizing a small item.
const sanitizer = unified().use(rehypeSanitize, sanitizeSchema).freeze();
const stringifier = unified().use(rehypeStringify, { characterReferences: { useNamedReferences: true } }).freeze();

/**
 * Sanitizes untrusted HTML into a tree: unsafe elements, attributes and URLs removed,
 * relative URLs resolved against `baseUrl`, and `rel="noopener noreferrer ugc"` on every link.
 * Nesting deeper than MAX_HTML_DEPTH is flattened; `stats` counts what was.
 */
export function sanitizeHtmlToTree(html: string, baseUrl: string | undefined, stats?: HtmlParseStats): Root {
  const base = baseUrl === undefined ? undefined : resolveUrl(baseUrl, undefined);
  const tree = parseHtmlFragment(html, stats);
  resolveUrls(tree, base);
  const clean = sanitizer.runSync(tree) as Root;
  finishElements(clean);
  return clean;
}

/** Serializes a (sanitized) tree to HTML. */
export function treeToHtml(tree: Root): string {
  return stringifier.stringify(tree);
}

/**
 * Sanitizes untrusted feed HTML with a strict allowlist. Relative `href`/`src`/`cite`/`poster`
 * are resolved against `baseUrl`; `javascript:`, `vbscript:` and `data:` URLs are removed,
 * except raster `data:image/*` on `<img src>`.
 *
 * @example sanitizeHtml('<a href="/x" onclick="steal()">x</a><script>1</script>', 'https://abc.example/post')
 * // '<a href="https://abc.example/x" rel="noopener noreferrer ugc">x</a>'
 */
export function sanitizeHtml(html: string, baseUrl: string | undefined): string {
  return treeToHtml(sanitizeHtmlToTree(html, baseUrl));
}
