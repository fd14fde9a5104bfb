// The build's shared site model: the database, evaluated once at the build's `now`.
import { createPaths } from '../lib/site/paths.ts';
import { createSiteModel, type SiteModel } from '../lib/site/siteModel.ts';
import { loadDatabase } from './collections.ts';
import { buildMode } from './mode.ts';

let cached: Promise<SiteModel> | undefined;

/** Loads the database and runs `evaluateAll` once per build; every route shares the result. */
export function loadSite(): Promise<SiteModel> {
  cached ??= (async () => {
    const db = await loadDatabase();
    const { edition, now } = buildMode();
    const paths = createPaths({ base: import.meta.env.BASE_URL, site: import.meta.env.SITE ?? db.site.url, ...(edition && { edition }) });
    return createSiteModel(db, { now, paths, ...(edition && { edition }) });
  })();
  return cached;
}
