import type { Article, Contingent, DiscoveredRater, Edition, Rater, Scale, SiteConfig, SourcesFile, StoredRatings } from './schema.ts';

/** Everything in content/, parsed and validated: the common database as plain data. */
export interface Database {
  site: SiteConfig;
  contingents: Contingent[];
  raters: Rater[];
  scales: Scale[];
  editions: Edition[];
  articles: Article[];
  ratings: StoredRatings[];
  sources: SourcesFile;
  /** Raters found through trust (content/state/discovered.json); they count only in editions weighted by trust. */
  discovered?: DiscoveredRater[];
}
