// The scales of the Rate control, written once into each article page as compact JSON that the
// control's script builds its form from. Every article page carries them, so each byte counts ten
// thousand times: a value whose label is its number is written as the bare number.
import type { ScaleChoice } from './deskView.ts';

/** One scale as the page carries it: id, name, description, neutral value, values. */
type Packed = [string, string, string, number, (number | [number, string])[]];

/** What the script reads back. */
export type RateScale = Pick<ScaleChoice, 'id' | 'name' | 'description' | 'neutral' | 'values'>;

/**
 * The scales as the text of a `<script type="application/json">`, with `<` escaped so no
 * name or description can close the element.
 *
 * @example
 * packRateScales([{ id: 'spam', name: 'Spam', description: 'Junk', min: 0, max: 1, neutral: 0, values: [{ value: 0, label: '0' }, { value: 1, label: '1 (junk)' }] }])
 * // '[["spam","Spam","Junk",0,[0,[1,"1 (junk)"]]]]'
 */
export function packRateScales(scales: readonly ScaleChoice[]): string {
  const packed: Packed[] = scales.map((s) => [s.id, s.name, s.description, s.neutral, s.values.map((v) => (v.label === String(v.value) ? v.value : [v.value, v.label]))]);
  return JSON.stringify(packed).replace(/</g, '\\u003c');
}

/**
 * The scales back from {@link packRateScales}'s text; an empty list when the text is not that.
 *
 * @example unpackRateScales('[["spam","Spam","Junk",0,[0,[1,"1 (junk)"]]]]')[0].values // [{ value: 0, label: '0' }, { value: 1, label: '1 (junk)' }]
 */
export function unpackRateScales(text: string): RateScale[] {
  let packed: unknown;
  try {
    packed = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(packed)) return [];
  return packed.map(([id, name, description, neutral, values]: Packed) => ({
    id,
    name,
    description,
    neutral,
    values: values.map((v) => (Array.isArray(v) ? { value: v[0], label: v[1] } : { value: v, label: String(v) })),
  }));
}
