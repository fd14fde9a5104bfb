// A site built once per run and shared between test files (see siteBroker.ts): ask for it by name.
import { cp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { inject } from 'vitest';
import { builtSiteAt, makeBuildWorkDir, type BuiltSite } from './buildSite.ts';
import type { SharedSiteAnswer, SharedSiteName } from './siteBroker.ts';

/**
 * The shared build of `name`, built by the run's first file that asks. Read it only: its cleanup
 * does nothing (the run removes it at the end); use `ownCopy` to write into a build.
 *
 * @example const hub = await sharedSite('hub'); await hub.read('index.html');
 */
export async function sharedSite(name: SharedSiteName): Promise<BuiltSite> {
  const broker = inject('siteBroker');
  if (!broker) throw new Error('[sharedSite] no site broker: run this file with vitest.config.ts, whose slow project starts one (test/helpers/siteBroker.ts)');
  const answer = await new Promise<SharedSiteAnswer>((resolve, reject) => {
    // No timeout: the first request waits for the build, which takes minutes on a loaded machine.
    request(broker + encodeURIComponent(name), (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        if (response.statusCode === 200) resolve(JSON.parse(body) as SharedSiteAnswer);
        else reject(new Error(body));
      });
      response.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
  return builtSiteAt(answer.outDir, answer.files, answer.log, async () => {});
}

/**
 * A private copy of a shared build, for a test that adds files to it.
 *
 * @example const hub = await ownCopy(await sharedSite('hub')); // write into hub.outDir freely
 */
export async function ownCopy(site: BuiltSite): Promise<BuiltSite> {
  const work = await makeBuildWorkDir('copy-');
  const outDir = join(work, 'dist');
  await cp(site.outDir, outDir, { recursive: true });
  return builtSiteAt(outDir, site.files, site.log, () => rm(work, { recursive: true, force: true }));
}
