const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/**
 * Parses an edition duration (`90m`, `36h`, `30d`, `2w`, also `1.5h`) into milliseconds.
 * Throws a RangeError that names the bad value, because a bad duration is a config error.
 *
 * @example parseDuration('36h') // => 129_600_000
 * @example parseDuration('2w') // => 1_209_600_000
 */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(m|h|d|w)$/.exec(text.trim());
  if (!match) {
    throw new RangeError(`[edition] duration "${text}": expected a number and a unit m, h, d or w, such as "90m", "36h", "30d" or "2w"`);
  }
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

const UNIT_WORDS = { m: 'minute', h: 'hour', d: 'day', w: 'week' } as const;

/**
 * An edition duration in words, for pages; a value that is not a duration is returned as written.
 *
 * @example durationInWords('36h') // => '36 hours'
 * @example durationInWords('1w') // => '1 week'
 */
export function durationInWords(text: string): string {
  const match = /^(\d+(?:\.\d+)?)(m|h|d|w)$/.exec(text.trim());
  if (!match) return text;
  const n = Number(match[1]);
  const unit = UNIT_WORDS[match[2] as keyof typeof UNIT_WORDS];
  return `${match[1]} ${n === 1 ? unit : `${unit}s`}`;
}
