// Writes a Database as a content/ folder, in the aggregator's format: for fixtures and benches.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Database } from '../../src/lib/config/database.ts';
import { toJson } from './writeAtomic.ts';

/**
 * Writes `db` under `contentDir`: YAML config files, `articles/<contingent>/<id>.json`,
 * `ratings/<rater>.json` and `state/sources.json`, as 2-space JSON with a trailing newline.
 * Edition files are written without their `id` (the file name is the id).
 *
 * @example await writeDatabase(generateDatabase({ articles: 100, contingents: 3, raters: 2, ratings: 50, seed: 1 }), dir)
 */
export async function writeDatabase(db: Database, contentDir: string): Promise<void> {
  await mkdir(join(contentDir, 'editions'), { recursive: true });
  await writeFile(join(contentDir, 'site.yaml'), stringify(db.site));
  await writeFile(join(contentDir, 'contingents.yaml'), stringify(db.contingents));
  await writeFile(join(contentDir, 'raters.yaml'), stringify(db.raters));
  await writeFile(join(contentDir, 'scales.yaml'), stringify(db.scales));
  for (const { id, ...edition } of db.editions) await writeFile(join(contentDir, 'editions', `${id}.yaml`), stringify(edition));
  for (const contingent of new Set(db.articles.map((a) => a.contingent))) await mkdir(join(contentDir, 'articles', contingent), { recursive: true });
  // Bounded batches: tens of thousands of files at once would exhaust file handles.
  for (let i = 0; i < db.articles.length; i += 256) {
    await Promise.all(db.articles.slice(i, i + 256).map((a) => writeFile(join(contentDir, 'articles', a.contingent, `${a.id}.json`), toJson(a))));
  }
  await mkdir(join(contentDir, 'ratings'), { recursive: true });
  for (const file of db.ratings) await writeFile(join(contentDir, 'ratings', `${file.rater}.json`), toJson(file));
  await mkdir(join(contentDir, 'state'), { recursive: true });
  await writeFile(join(contentDir, 'state', 'sources.json'), toJson(db.sources));
}
