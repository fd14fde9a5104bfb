// Small formatters shared by the views: dates, signatures, scale values.
import { formatNumber } from '../../editions/describeRule.ts';
import type { Contingent, Scale, SiteConfig } from '../../config/schema.ts';

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * Formats an ISO date for people, in UTC so every build of the same data gives the same page.
 *
 * @example formatDate('2026-11-20T09:30:00Z') // => 'Nov 20, 2026'
 * @example formatDate('2026-11-20T09:30:00Z', 'en', true) // => 'Nov 20, 2026, 09:30 UTC'
 */
export function formatDate(iso: string, lang = 'en', withTime = false): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const key = `${lang}|${withTime}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = createDateFormat(lang, withTime);
    dateFormats.set(key, format);
  }
  const text = format.format(ms);
  return withTime ? `${text} UTC` : text;
}

function createDateFormat(lang: string, withTime: boolean): Intl.DateTimeFormat {
  const options: Intl.DateTimeFormatOptions = {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
    ...(withTime && { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  };
  try {
    return new Intl.DateTimeFormat(lang, options);
  } catch {
    // An unknown language tag in site.yaml must not break the build.
    return new Intl.DateTimeFormat('en', options);
  }
}

/**
 * How a contingent signs its articles: its own `signature`, else "The <name> contingent of <network>".
 *
 * @example signatureOf({ name: 'ABC' }, { network: 'Wide Net' }) // => 'The ABC contingent of Wide Net'
 */
export function signatureOf(contingent: Pick<Contingent, 'name' | 'signature'>, site: Pick<SiteConfig, 'network'>): string {
  return contingent.signature ?? `The ${contingent.name} contingent of ${site.network}`;
}

/**
 * A rating value in words: the number, and the scale's label for it when there is one.
 *
 * @example formatScaleValue({ labels: { '5': 'major' } }, 5) // => '5 (major)'
 * @example formatScaleValue(undefined, 0.333) // => '0.33'
 */
export function formatScaleValue(scale: Pick<Scale, 'labels'> | undefined, value: number): string {
  const label = scale?.labels?.[String(value)];
  return label ? `${formatNumber(value)} (${label})` : formatNumber(value);
}

/**
 * "1 article", "3 articles".
 *
 * @example plural(2, 'article') // => '2 articles'
 */
export function plural(n: number, noun: string, many = `${noun}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun : many}`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A span of time for people, to the unit that matters: minutes under an hour, hours under two days, then days.
 *
 * @example formatDuration(90 * 60_000) // => '1 hour'
 * @example formatDuration(20 * 86_400_000) // => '20 days'
 */
export function formatDuration(ms: number): string {
  if (ms < MINUTE) return 'less than a minute';
  if (ms < HOUR) return plural(Math.floor(ms / MINUTE), 'minute');
  if (ms < 2 * DAY) return plural(Math.floor(ms / HOUR), 'hour');
  return plural(Math.floor(ms / DAY), 'day');
}

/**
 * How listings mark an article its publisher changed: "revised 2×", or nothing.
 *
 * @example revisedLabel(2) // => 'revised 2×'
 * @example revisedLabel(0) // => undefined
 */
export function revisedLabel(revisions: number): string | undefined {
  return revisions > 0 ? `revised ${revisions}×` : undefined;
}
