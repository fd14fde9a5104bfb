// Range errors in words: "expected a whole number from 1 to 500, got 0", read off the zod schema
// itself so the message can never disagree with the check.
import type { z } from 'astro/zod';

type Node = { _zod: { def: Record<string, unknown> & { type: string } } };

/**
 * The schema that validates the value at `path` under `root`, through defaults, optionals, objects,
 * arrays, records and the one option of a union that has the key; undefined where that is ambiguous.
 *
 * @example schemaAt(SiteConfig, ['aggregator', 'retries']) // the z.number().int().min(0).max(5) schema
 */
export function schemaAt(root: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let node = unwrap(root as unknown as Node);
  for (const key of path) {
    if (!node) return undefined;
    let def = node._zod.def;
    if (def.type === 'union') {
      // A rule: the one option that has this key.
      const withKey = (def.options as Node[]).map(unwrap).filter((o) => o?._zod.def.type === 'object' && String(key) in (o._zod.def.shape as object));
      if (withKey.length !== 1) return undefined;
      def = withKey[0]!._zod.def;
    }
    if (def.type === 'object') node = unwrap((def.shape as Record<string, Node>)[String(key)]);
    else if (def.type === 'array') node = unwrap(def.element as Node);
    else if (def.type === 'record') node = unwrap(def.valueType as Node);
    else return undefined;
  }
  return node as unknown as z.ZodType | undefined;
}

function unwrap(node: Node | undefined): Node | undefined {
  for (let depth = 0; node && depth < 16; depth++) {
    const def = node._zod.def;
    if (['default', 'prefault', 'optional', 'nullable', 'readonly', 'catch', 'nonoptional'].includes(def.type)) node = def.innerType as Node;
    else if (def.type === 'lazy') node = (def.getter as () => Node)();
    else if (def.type === 'pipe') node = def.in as Node;
    else return node;
  }
  return node;
}

/**
 * The options of the union schema at `path` (such as an edition rule), in the order zod reports them.
 *
 * @example unionOptionsAt(Edition, ['include', 0])?.length // 8
 */
export function unionOptionsAt(root: z.ZodType, path: readonly PropertyKey[]): z.ZodType[] | undefined {
  const node = schemaAt(root, path) as unknown as Node | undefined;
  return node?._zod.def.type === 'union' ? (node._zod.def.options as z.ZodType[]) : undefined;
}

/**
 * The values a number schema accepts, in words; undefined for a schema that is not a number.
 *
 * @example rangeInWords(z.number().gt(0).lte(1)) // 'a number above 0 and at most 1'
 * @example rangeInWords(z.number().int().min(1).max(500)) // 'a whole number from 1 to 500'
 */
export function rangeInWords(schema: z.ZodType | undefined): string | undefined {
  const def = (schema as unknown as Node | undefined)?._zod.def;
  if (!def || def.type !== 'number') return undefined;
  const checks = ((def.checks as Node[] | undefined) ?? []).map((c) => c._zod.def as unknown as { check: string; value?: number; inclusive?: boolean; format?: string });
  const whole = checks.some((c) => c.check === 'number_format' && /int/.test(c.format ?? ''));
  const low = checks.filter((c) => c.check === 'greater_than').at(-1);
  const high = checks.filter((c) => c.check === 'less_than').at(-1);
  const kind = whole ? 'a whole number' : 'a number';
  if (low && high) {
    if (low.inclusive && high.inclusive) return `${kind} from ${low.value} to ${high.value}`;
    return `${kind} ${low.inclusive ? 'of at least' : 'above'} ${low.value} and ${high.inclusive ? 'at most' : 'below'} ${high.value}`;
  }
  if (low) return `${kind} ${low.inclusive ? 'of at least' : 'above'} ${low.value}`;
  if (high) return `${kind} ${high.inclusive ? 'of at most' : 'below'} ${high.value}`;
  return kind;
}
