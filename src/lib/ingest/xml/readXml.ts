// A lenient XML reader for feeds, in the spirit of the Universal Feed Parser's loose pass and
// Go's non-strict decoder (Miniflux): a well-formed document reads as any XML parser reads it;
// a broken one is repaired (bare '&', HTML entities, unclosed and stray tags, junk in tags) and
// every repair is noted, so that a feed is never lost to one mistake. Nothing is fetched: external
// entities stay unresolved, entity expansion is bounded and nesting is capped.
import { stripXmlForbidden, hasXmlForbidden } from '../../html/textCharacters.ts';
import { Recovery } from './recovery.ts';
import { createReferenceDecoder, noEntities, readDoctypeEntities } from './xmlEntities.ts';
import { canonicalName, isAtomNamespace, scopeWith, XML_SCOPE, type NamespaceScope } from './xmlNamespaces.ts';

/** Elements nested deeper than this are unwrapped: their text stays, their tags go. */
export const MAX_XML_DEPTH = 256;

/** An element: its name read by namespace (see canonicalName), attributes, and children in order. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: (XmlElement | string)[];
}

export interface XmlDocument {
  root: XmlElement | undefined;
  /** The root element's name as written, for messages. */
  rootName?: string;
  /** One note per kind of repair; empty when the document was well-formed. */
  recovered: string[];
}

interface Open {
  element: XmlElement;
  written: string;
  scope: NamespaceScope;
}

const NAME = /[^\s/>="'<&]+/y;
const ATTRIBUTE = /([^\s/>="'<]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"'`<]+)))?/y;
const SPACE = /\s*/y;
const ITEM_NAMES = /^(?:[\w.-]+:)?(?:item|entry)$/;

/**
 * Reads a feed's XML into a tree, repairing what it must.
 *
 * @example readXml('<rss><channel><title>AT&T</title></channel></rss>').recovered // => ['bare "&" read as text (line 1)']
 */
export function readXml(source: string): XmlDocument {
  const recovery = new Recovery();
  let text = source;
  if (hasXmlForbidden(text)) {
    recovery.note('forbidden-character', text.search(/[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/), 'characters XML forbids removed');
    text = stripXmlForbidden(text);
  }
  // End-of-line handling, as every XML processor does it.
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  let decode = createReferenceDecoder(noEntities(), recovery);
  const stack: Open[] = [];
  let root: XmlElement | undefined;
  let rootName: string | undefined;
  let atomDocument = false;
  let flattenedDepth = 0; // start tags ignored because of MAX_XML_DEPTH, still open

  const top = () => stack[stack.length - 1];
  const appendText = (value: string) => {
    const parent = top()?.element;
    if (!parent || value === '') return;
    const children = parent.children;
    const last = children.length - 1;
    if (last >= 0 && typeof children[last] === 'string') children[last] += value;
    else children.push(value);
  };
  const close = (depth: number) => {
    stack.length = depth;
  };

  let pos = 0;
  const length = text.length;
  while (pos < length) {
    const lt = text.indexOf('<', pos);
    const textEnd = lt < 0 ? length : lt;
    if (textEnd > pos) {
      const raw = text.slice(pos, textEnd);
      if (stack.length > 0) appendText(decode(raw, pos));
      else if (raw.trim() !== '') recovery.note(root ? 'after-root' : 'before-root', pos, `text ${root ? 'after' : 'before'} the root element ignored`);
    }
    if (lt < 0) break;
    pos = lt;
    const next = text[lt + 1];
    if (next === '!') {
      if (text.startsWith('<!--', lt)) {
        pos = skipPast(text, '-->', lt + 4, recovery, 'comment');
      } else if (text.startsWith('<![CDATA[', lt)) {
        const end = text.indexOf(']]>', lt + 9);
        if (end < 0) recovery.note('unclosed-cdata', lt, 'unclosed CDATA section read to the end');
        appendText(text.slice(lt + 9, end < 0 ? length : end));
        pos = end < 0 ? length : end + 3;
      } else if (/^<!doctype/i.test(text.slice(lt, lt + 9))) {
        const end = doctypeEnd(text, lt);
        decode = createReferenceDecoder(readDoctypeEntities(text.slice(lt, end)), recovery);
        pos = end;
      } else {
        recovery.note('bogus-markup', lt, 'markup declaration "<!" read as text');
        appendText('<!');
        pos = lt + 2;
      }
    } else if (next === '?') {
      pos = skipPast(text, '?>', lt + 2, recovery, 'processing instruction');
    } else if (next === '/') {
      NAME.lastIndex = lt + 2;
      const name = NAME.exec(text)?.[0] ?? '';
      const gt = text.indexOf('>', lt + 2);
      pos = gt < 0 ? length : gt + 1;
      if (flattenedDepth > 0) {
        flattenedDepth--;
        continue;
      }
      let match = stack.length - 1;
      while (match >= 0 && stack[match]!.written !== name) match--;
      // <Title>…</title>: XML names are case-sensitive, people are not.
      if (match < 0) {
        for (match = stack.length - 1; match >= 0 && stack[match]!.written.toLowerCase() !== name.toLowerCase(); ) match--;
        if (match >= 0) recovery.note('end-tag-case', lt, `end tag </${name}> matched <${stack[match]!.written}> ignoring case`);
      }
      if (match < 0) {
        recovery.note('stray-end-tag', lt, `end tag </${name}> without a start tag ignored`);
        continue;
      }
      if (match < stack.length - 1) recovery.note('unclosed-tag', lt, `<${stack[stack.length - 1]!.written}> closed by </${name}>`);
      close(match);
    } else if (next !== undefined && /[A-Za-z_:\u00C0-\uFFFF]/.test(next)) {
      NAME.lastIndex = lt + 1;
      const written = NAME.exec(text)![0];
      const tag = readAttributes(text, NAME.lastIndex, recovery, decode);
      pos = tag.end;
      if (root && stack.length === 0) {
        recovery.note('after-root', lt, `<${written}> after the root element ignored`);
        continue;
      }
      if (stack.length >= MAX_XML_DEPTH) {
        recovery.note('too-deep', lt, `elements nested deeper than ${MAX_XML_DEPTH} levels unwrapped`);
        if (!tag.selfClosing) flattenedDepth++;
        continue;
      }
      // Feed items never nest: an <item> that starts inside an open one ends it (its </item> was forgotten).
      if (!tag.selfClosing && ITEM_NAMES.test(written)) {
        let open = stack.length - 1;
        while (open > 0 && stack[open]!.written !== written) open--;
        if (open > 0) {
          recovery.note('unclosed-item', lt, `<${written}> not closed before the next <${written}>`);
          close(open);
        }
      }
      const scope = scopeWith(top()?.scope ?? XML_SCOPE, tag.attrs);
      if (!root) {
        // <feed> in Atom's namespace, or in none, makes Atom's names unprefixed throughout.
        const colon = written.indexOf(':');
        const uri = scope.get(colon < 0 ? '' : written.slice(0, colon));
        atomDocument = written.slice(colon + 1) === 'feed' && (uri === undefined || isAtomNamespace(uri));
      }
      const attrs: Record<string, string> = {};
      for (const [name, value] of Object.entries(tag.attrs)) attrs[canonicalName(name, scope, true, atomDocument)] ??= value;
      const element: XmlElement = { name: canonicalName(written, scope, false, atomDocument), attrs, children: [] };
      if (stack.length > 0) top()!.element.children.push(element);
      else {
        root = element;
        rootName = written;
      }
      if (!tag.selfClosing) stack.push({ element, written, scope });
    } else {
      recovery.note('bare-less-than', lt, 'bare "<" read as text');
      appendText('<');
      pos = lt + 1;
    }
  }
  if (stack.length > 0) recovery.note('unclosed-at-end', length, `<${stack.map((open) => open.written).join('>, <')}> never closed`);
  return { root, ...(rootName ? { rootName } : {}), recovered: recovery.describe(text) };
}

/** Attributes of a start tag from `from` to its '>', repaired: unquoted and bare values, duplicates. */
function readAttributes(text: string, from: number, recovery: Recovery, decode: (value: string, at: number) => string): { attrs: Record<string, string>; end: number; selfClosing: boolean } {
  const attrs: Record<string, string> = {};
  let pos = from;
  for (;;) {
    SPACE.lastIndex = pos;
    SPACE.exec(text);
    pos = SPACE.lastIndex;
    const c = text[pos];
    if (c === undefined) {
      recovery.note('unclosed-start-tag', pos, 'start tag cut off by the end of the document');
      return { attrs, end: pos, selfClosing: false };
    }
    if (c === '>') return { attrs, end: pos + 1, selfClosing: false };
    if (c === '/' && text[pos + 1] === '>') return { attrs, end: pos + 2, selfClosing: true };
    if (c === '<') {
      recovery.note('unclosed-start-tag', pos, 'start tag without ">" closed at the next "<"');
      return { attrs, end: pos, selfClosing: false };
    }
    ATTRIBUTE.lastIndex = pos;
    const match = ATTRIBUTE.exec(text);
    if (!match) {
      recovery.note('junk-in-tag', pos, `stray ${JSON.stringify(c)} in a start tag ignored`);
      pos++;
      continue;
    }
    pos = ATTRIBUTE.lastIndex;
    const [, name, double, single, unquoted] = match;
    let value = double ?? single ?? unquoted;
    if (value === undefined) {
      recovery.note('attribute-without-value', match.index, `attribute ${name} without a value`);
      value = '';
    } else if (unquoted !== undefined) recovery.note('unquoted-attribute', match.index, `unquoted attribute value ${name}=${unquoted}`);
    if (name! in attrs) {
      recovery.note('duplicate-attribute', match.index, `duplicate attribute ${name} ignored`);
      continue;
    }
    // Attribute-value normalization: literal tabs and newlines are spaces.
    attrs[name!] = decode(value, match.index).replace(/[\t\n\r]/g, ' ');
  }
}

function skipPast(text: string, marker: string, from: number, recovery: Recovery, what: string): number {
  const end = text.indexOf(marker, from);
  if (end >= 0) return end + marker.length;
  recovery.note(`unclosed-${what}`, from, `unclosed ${what} read to the end`);
  return text.length;
}

/** The end of a doctype: past its internal subset ([...]) if any, then past '>'. */
function doctypeEnd(text: string, from: number): number {
  const bracket = text.indexOf('[', from);
  const gt = text.indexOf('>', from);
  if (gt < 0) return text.length;
  if (bracket < 0 || bracket > gt) return gt + 1;
  const close = text.indexOf(']', bracket);
  const end = close < 0 ? -1 : text.indexOf('>', close);
  return end < 0 ? text.length : end + 1;
}
