// The one place the build reads its mode from the environment: which edition, and what time it is.

export interface BuildMode {
  /** WIDENET_EDITION: build only this edition, as a standalone site at the root of the base. */
  edition?: string;
  /** WIDENET_NOW, else the wall clock when the build started: editions are evaluated at this time. */
  now: Date;
}

/**
 * Reads the build mode from `env`; an unparseable WIDENET_NOW stops the build with a clear error.
 *
 * @example readMode({ WIDENET_EDITION: 'digest', WIDENET_NOW: '2026-11-20T12:00:00Z' }) // { edition: 'digest', now: 2026-11-20T12:00:00.000Z }
 */
export function readMode(env: Record<string, string | undefined> = process.env, clock: () => number = Date.now): BuildMode {
  const edition = env.WIDENET_EDITION?.trim() || undefined;
  const nowText = env.WIDENET_NOW?.trim();
  const now = nowText ? new Date(nowText) : new Date(clock());
  if (Number.isNaN(now.getTime()))
    throw new Error(`[build] WIDENET_NOW="${nowText}" is not a date. Use an ISO date such as 2026-11-20T12:00:00Z, or unset it to use the current time.`);
  return { ...(edition && { edition }), now };
}

let mode: BuildMode | undefined;

/** The build's mode, read once so every route sees the same `now`. */
export function buildMode(): BuildMode {
  mode ??= readMode();
  return mode;
}

/**
 * The `[...edition]` route parameter for an edition: none in a single-edition build, where the
 * edition lives at the root of the site.
 *
 * @example editionParam('digest') // 'digest' in a hub build, undefined with WIDENET_EDITION=digest
 */
export function editionParam(id: string): string | undefined {
  return buildMode().edition === id ? undefined : id;
}
