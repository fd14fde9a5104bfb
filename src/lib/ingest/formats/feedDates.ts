// Feed dates into ISO 8601 UTC, whatever the zone name and whatever the machine's time zone.

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
// Zone names seen in real RFC 822 dates; JavaScript's Date only knows the North American ones.
const ZONES: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, WET: 0, BST: 60, WEST: 60, CET: 60, MET: 60, CEST: 120, MEST: 120, EET: 120,
  EEST: 180, MSK: 180, IST: 330, SGT: 480, HKT: 480, JST: 540, KST: 540, AEST: 600, AEDT: 660, NZST: 720,
  NZDT: 780, EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  AKST: -540, AKDT: -480, HST: -600, AST: -240, ADT: -180, NST: -210, NDT: -150, BRT: -180, ART: -180,
};
const ISO_DATE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/;
const RFC822_DATE =
  /^(?:[A-Za-z]{2,9}\.?,?\s*)?(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?[\s-]+(\d{2}|\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*([A-Za-z]{1,5}|[+-]\d{2}:?\d{2})?\s*(?:\([^)]*\))?$/;

/**
 * Parses the date formats feeds use (RFC 822 with any zone name, W3C/ISO 8601, dates without a
 * zone, which are taken as UTC) into an ISO 8601 UTC string; undefined if it is not a date.
 * The result never depends on the machine's time zone.
 *
 * @example toIsoDate('Tue, 10 Jun 2003 04:00:00 CEST') // => '2003-06-10T02:00:00.000Z'
 * @example toIsoDate('2003-06-10') // => '2003-06-10T00:00:00.000Z'
 */
export function toIsoDate(input: string | undefined): string | undefined {
  const text = input?.trim();
  if (!text) return undefined;
  let ms: number | undefined;
  const iso = ISO_DATE.exec(text);
  if (iso) {
    const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', fraction = '', zone] = iso;
    ms = utc(+y!, +mo, +d, +h, +mi, +s, Math.round(Number(`0.${fraction || '0'}`) * 1000));
    if (ms !== undefined) ms -= zoneOffset(zone) * 60_000;
  } else {
    const rfc = RFC822_DATE.exec(text);
    if (rfc) {
      const [, d, monthName, y, h = '00', mi = '00', s = '00', zone] = rfc;
      const month = MONTHS.indexOf(monthName!.slice(0, 3).toLowerCase()) + 1;
      // Two-digit years, as RFC 2822 says: 00-49 are 2000-2049, 50-99 are 1950-1999.
      const year = y!.length === 2 ? (+y! < 50 ? 2000 + +y! : 1900 + +y!) : +y!;
      ms = month > 0 ? utc(year, month, +d!, +h, +mi, +s, 0) : undefined;
      if (ms !== undefined) ms -= zoneOffset(zone) * 60_000;
    }
  }
  if (ms === undefined || !Number.isFinite(ms)) return undefined;
  const result = new Date(ms).toISOString();
  return /^\d{4}-/.test(result) ? result : undefined;
}

/** Milliseconds since the epoch, or undefined if a field is out of range (no Feb 30 rolling into March). */
function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number | undefined {
  if (mo < 1 || mo > 12 || d < 1 || h > 24 || mi > 59 || s > 60) return undefined;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > days || (h === 24 && (mi > 0 || s > 0))) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, Math.min(s, 59), ms);
  return date.getTime();
}

/** Offset in minutes east of UTC; unknown zone names count as UTC rather than losing the date. */
function zoneOffset(zone: string | undefined): number {
  if (!zone) return 0;
  const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (numeric) return (numeric[1] === '-' ? -1 : 1) * (+numeric[2]! * 60 + +(numeric[3] ?? 0));
  return ZONES[zone.toUpperCase()] ?? 0;
}
