// Character and entity references in a feed's XML: the five predefined entities, entities the
// document's internal DTD subset declares (expansion bounded: no billion laughs), HTML's named
// references as a recovery (`&nbsp;` in XML), and external entities never resolved (no XXE).
import { decodeNamedReference } from '../../html/namedReference.ts';
import type { Recovery } from './recovery.ts';

/** Characters all entity expansions of one document may produce together. */
export const MAX_ENTITY_EXPANSION = 1_000_000;
/** How deep declared entities may refer to one another. */
const MAX_ENTITY_DEPTH = 16;

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const REFERENCE = /&(?:#(\d{1,8})|#[xX]([\da-fA-F]{1,8})|([A-Za-z_:][\w.:-]*));/g;
// An '&' that starts no reference: feeds write `AT&T` and `?a=1&b=2` unescaped.
const BARE_AMPERSAND = /&(?!#\d{1,8};|#[xX][\da-fA-F]{1,8};|[A-Za-z_:][\w.:-]*;)/;
const ENTITY_DECLARATION = /<!ENTITY\s+(%\s+)?([^\s%;]+)\s+(?:"([^"]*)"|'([^']*)'|(SYSTEM|PUBLIC)\b[^>]*)\s*>/g;

/** What the internal DTD subset declares. */
export interface DeclaredEntities {
  internal: Map<string, string>;
  external: Set<string>;
  /** An external DTD (PUBLIC or SYSTEM id): the Netscape RSS 0.91 DTD, say, which defines HTML's entities. */
  externalDtd: boolean;
}

export function noEntities(): DeclaredEntities {
  return { internal: new Map(), external: new Set(), externalDtd: false };
}

/**
 * Reads the general entity declarations of a doctype; parameter entities are ignored, and
 * external ones (SYSTEM or PUBLIC) are remembered only so that their references can be dropped.
 *
 * @example readDoctypeEntities('<!DOCTYPE rss [<!ENTITY who "Harbor Union">]>').internal.get('who') // => 'Harbor Union'
 */
export function readDoctypeEntities(doctype: string): DeclaredEntities {
  const entities = noEntities();
  const subsetStart = doctype.indexOf('[');
  const head = subsetStart < 0 ? doctype : doctype.slice(0, subsetStart);
  entities.externalDtd = /\b(?:SYSTEM|PUBLIC)\b/.test(head);
  if (subsetStart < 0) return entities;
  for (const match of doctype.slice(subsetStart).matchAll(ENTITY_DECLARATION)) {
    const [, parameter, name, double, single, external] = match;
    if (parameter || entities.internal.has(name!) || entities.external.has(name!)) continue; // first declaration wins
    if (external) entities.external.add(name!);
    else entities.internal.set(name!, double ?? single ?? '');
  }
  return entities;
}

class ExpansionLimit extends Error {}

/**
 * A decoder for one document's text and attribute values. References it cannot resolve are
 * kept as written (`&bogus;`), and every deviation from XML is told to `recovery`.
 */
export function createReferenceDecoder(entities: DeclaredEntities, recovery: Recovery): (text: string, at: number) => string {
  let budget = MAX_ENTITY_EXPANSION;
  let exhausted = false;
  const expanded = new Map<string, string>();
  const codePoint = (value: number, at: number, written: string): string => {
    const valid = value === 0x9 || value === 0xa || value === 0xd || (value >= 0x20 && value <= 0xd7ff) || (value >= 0xe000 && value <= 0xfffd) || (value >= 0x10000 && value <= 0x10ffff);
    if (valid) return String.fromCodePoint(value);
    recovery.note('forbidden-reference', at, `character reference ${written} to a character XML forbids, removed`);
    return '';
  };

  // Declared entities are expanded as text (never as markup), once per name, and each use spends budget.
  const expand = (name: string, depth: number, stack: Set<string>): string => {
    const known = expanded.get(name);
    if (known !== undefined) return spend(known);
    if (depth > MAX_ENTITY_DEPTH || stack.has(name)) throw new ExpansionLimit();
    stack.add(name);
    const value = entities.internal.get(name)!.replace(REFERENCE, (written, dec?: string, hex?: string, ref?: string) => {
      if (dec !== undefined || hex !== undefined) return String.fromCodePoint(Math.min(Number.parseInt(dec ?? hex!, dec ? 10 : 16), 0x10ffff));
      if (PREDEFINED[ref!] !== undefined) return PREDEFINED[ref!]!;
      if (entities.internal.has(ref!)) return expand(ref!, depth + 1, stack);
      return written;
    });
    stack.delete(name);
    expanded.set(name, value);
    return spend(value);
  };
  const spend = (text: string): string => {
    budget -= text.length;
    if (budget < 0) throw new ExpansionLimit();
    return text;
  };

  return (text: string, at: number): string => {
    if (!text.includes('&')) return text;
    const bare = BARE_AMPERSAND.exec(text);
    if (bare) recovery.note('bare-ampersand', at + bare.index, 'bare "&" read as text');
    return text.replace(REFERENCE, (written, dec: string | undefined, hex: string | undefined, name: string | undefined, offset: number) => {
      if (dec !== undefined || hex !== undefined) return codePoint(Number.parseInt(dec ?? hex!, dec ? 10 : 16), at + offset, written);
      if (PREDEFINED[name!] !== undefined) return PREDEFINED[name!]!;
      if (entities.internal.has(name!)) {
        if (exhausted) return '';
        try {
          return expand(name!, 0, new Set());
        } catch {
          exhausted = true;
          recovery.note('entity-expansion', at + offset, `entity expansion stopped at ${MAX_ENTITY_EXPANSION.toLocaleString('en')} characters or ${MAX_ENTITY_DEPTH} levels (&${name}; and later declared entities left out)`);
          return '';
        }
      }
      if (entities.external.has(name!)) {
        recovery.note('external-entity', at + offset, `external entity &${name}; not resolved, left out`);
        return '';
      }
      const decoded = decodeNamedReference(name!);
      if (decoded !== undefined) {
        if (!entities.externalDtd) recovery.note('html-entity', at + offset, `entity &${name}; undefined in XML, read as HTML's`);
        return decoded;
      }
      recovery.note('unknown-entity', at + offset, `unknown entity &${name}; kept as text`);
      return written;
    });
  };
}
