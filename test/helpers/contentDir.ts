import { mkdtemp, mkdir, readdir, readFile, writeFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { stringify } from 'yaml';

export interface ContentFixture {
  site?: Record<string, unknown>;
  contingents: { id: string; feeds: string[]; name?: string; license?: string; rater?: string }[];
  raters?: { id: string; url: string; name?: string; format?: 'json' | 'csv'; key?: string }[];
  scales?: { id: string; min: number; max: number; neutral: number }[];
  editions?: Record<string, Record<string, unknown>>;
}

export const DEFAULT_SCALES = [
  { id: 'newsworthy', min: 1, max: 5, neutral: 3 },
  { id: 'endorse', min: 0, max: 1, neutral: 0 },
];

/** Writes a throwaway content/ folder with the given config, for aggregator and build tests. */
export async function makeContentDir(fixture: ContentFixture): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'widenet-content-'));
  await mkdir(join(dir, 'editions'), { recursive: true });
  const site = { network: 'Wide Net', title: 'Test', url: 'https://example.org', aggregator: { timeoutSeconds: 2, retries: 1 }, ...fixture.site };
  await writeFile(join(dir, 'site.yaml'), stringify(site));
  await writeFile(
    join(dir, 'contingents.yaml'),
    stringify(fixture.contingents.map(({ id, ...c }) => ({ id, name: id.toUpperCase(), home: `https://${id}.example/`, license: 'CC0-1.0', ...c }))),
  );
  await writeFile(join(dir, 'raters.yaml'), stringify((fixture.raters ?? []).map((r) => ({ name: r.id, ...r }))));
  await writeFile(join(dir, 'scales.yaml'), stringify((fixture.scales ?? DEFAULT_SCALES).map((s) => ({ name: s.id, description: s.id, ...s }))));
  for (const [id, edition] of Object.entries(fixture.editions ?? { commons: { title: 'Commons' } })) {
    await writeFile(join(dir, 'editions', `${id}.yaml`), stringify(edition));
  }
  return dir;
}

/** Every file under `dir` with its content, for "nothing changed" comparisons. */
export async function snapshotDir(dir: string): Promise<Map<string, { text: string; mtimeMs: number }>> {
  const out = new Map<string, { text: string; mtimeMs: number }>();
  const walk = async (d: string) => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) await walk(path);
      else out.set(relative(dir, path), { text: await readFile(path, 'utf8'), mtimeMs: (await stat(path)).mtimeMs });
    }
  };
  await walk(dir);
  return out;
}
