/**
 * A one-key object when `value` is defined, else `{}`: spread it so an absent field is left out
 * rather than set to `undefined`.
 *
 * @example ({ url, ...optional('type', undefined) }) // { url }
 */
export function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
