// Stored files carry no `undefined` fields: JSON.stringify drops them anyway, but deep equality,
// key counts and zod's strict objects would see them, and a file's diff must not depend on it.

/**
 * `o` without its undefined fields, its other keys in their order.
 *
 * @example dropUndefined({ a: 1, b: undefined, c: null }) // => { a: 1, c: null }
 */
export function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
