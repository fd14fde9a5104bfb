import type { Edition } from '../config/schema.ts';

type EditionLink = Pick<Edition, 'id' | 'from'>;

/** `from:` chains back to the edition itself, so no edition in the chain can ever be built. */
export class EditionCycleError extends Error {
  override name = 'EditionCycleError';
  /** The cycle as a path that starts and ends with the same id, such as ['a', 'b', 'a']. */
  readonly cycle: string[];
  constructor(cycle: string[]) {
    super(
      `[editions] "from:" makes a cycle: ${cycle.join(' → ')}. ` +
        'An edition cannot take its candidates from itself, directly or through other editions; set "from: all" (or another edition) in one of them.',
    );
    this.cycle = cycle;
  }
}

/** `from:` names an edition that does not exist. */
export class UnknownEditionError extends Error {
  override name = 'UnknownEditionError';
  readonly edition: string;
  readonly from: string;
  constructor(edition: string, from: string, known: string[]) {
    super(
      `[editions] ${edition}: "from: ${from}" names no edition. ` +
        `Use "all" or one of: ${known.length ? known.join(', ') : '(no editions)'}.`,
    );
    this.edition = edition;
    this.from = from;
  }
}

/**
 * Finds a cycle in the editions' `from:` links, as a path that starts and ends with the same id.
 * Links to unknown editions are not cycles (the config checker reports them separately).
 *
 * @example findEditionCycle([{ id: 'a', from: 'b' }, { id: 'b', from: 'a' }]) // => ['a', 'b', 'a']
 * @example findEditionCycle([{ id: 'a', from: 'all' }, { id: 'b', from: 'a' }]) // => undefined
 */
export function findEditionCycle(editions: readonly EditionLink[]): string[] | undefined {
  try {
    orderEditions(editions);
    return undefined;
  } catch (error) {
    if (error instanceof EditionCycleError) return error.cycle;
    throw error;
  }
}

/**
 * Orders editions so that each comes after the edition it takes `from:`, keeping the given order
 * otherwise. Throws EditionCycleError on a cycle.
 *
 * @example orderEditions([{ id: 'b', from: 'a' }, { id: 'a', from: 'all' }]).map((e) => e.id) // => ['a', 'b']
 */
export function orderEditions<T extends EditionLink>(editions: readonly T[]): T[] {
  const byId = new Map<string, T>();
  for (const edition of editions) if (!byId.has(edition.id)) byId.set(edition.id, edition);
  const done = new Set<string>();
  const ordered: T[] = [];
  for (const start of editions) {
    if (done.has(start.id)) continue;
    // Each edition has one `from`, so the dependencies form a chain: walk it to its root.
    const chain: T[] = [];
    const onChain = new Map<string, number>();
    let current: T | undefined = start;
    while (current && !done.has(current.id)) {
      if (onChain.has(current.id)) {
        const ids = chain.slice(onChain.get(current.id)).map((e) => e.id);
        throw new EditionCycleError([...ids, current.id]);
      }
      onChain.set(current.id, chain.length);
      chain.push(current);
      const from: string = current.from ?? 'all';
      current = from === 'all' ? undefined : byId.get(from);
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const edition = chain[i] as T;
      done.add(edition.id);
      ordered.push(edition);
    }
  }
  return ordered;
}
