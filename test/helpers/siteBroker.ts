// The Vitest global setup of the slow tests: builds each distinct site at most once per run, when a
// test file first asks for it, and shares it. Several suites read the same build (the hub: the
// site's build, browser and search tests; the single edition: its build and search tests), so one
// `npm test` builds each once rather than once per file, and a run of one file builds only its own.
// Test files ask through sharedSite.ts: a loopback HTTP request, since they run in other workers.
import { createServer, type Server } from 'node:http';
import type { TestProject } from 'vitest/node';
import { buildSite, type BuildOptions, type BuiltSite } from './buildSite.ts';

/** The sites tests share: read them, never write into them (copy first, as the search tests do). */
export const SHARED_SITES = {
  /** The site fixture, every edition at the root. */
  hub: {},
  /** The fixture's digest as a standalone site under /my-edition/. */
  single: { edition: 'digest', base: '/my-edition/' },
} satisfies Record<string, BuildOptions>;
export type SharedSiteName = keyof typeof SHARED_SITES;

/** What the broker answers for a built site. */
export interface SharedSiteAnswer {
  outDir: string;
  files: string[];
  log: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The broker's address, such as http://127.0.0.1:40123/; absent outside the slow tests. */
    siteBroker: string;
  }
}

/** Starts the broker and provides its address; the teardown it returns removes every build. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const builds = new Map<SharedSiteName, Promise<BuiltSite>>();
  const server: Server = createServer((request, response) => {
    const name = decodeURIComponent((request.url ?? '/').slice(1)) as SharedSiteName;
    if (!Object.hasOwn(SHARED_SITES, name)) {
      response.writeHead(404).end(`[siteBroker] no shared site "${name}"; known: ${Object.keys(SHARED_SITES).join(', ')}`);
      return;
    }
    let build = builds.get(name);
    if (!build) {
      const started = performance.now();
      builds.set(name, (build = buildSite(SHARED_SITES[name])));
      // Once per run, so the log shows each shared site was built once, and how long it took.
      build.then((site) => console.log(`[siteBroker] built "${name}" once for this run: ${site.files.length} files in ${((performance.now() - started) / 1000).toFixed(1)} s`), () => undefined);
    }
    build.then(
      (site) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ outDir: site.outDir, files: site.files, log: site.log } satisfies SharedSiteAnswer)),
      (error: unknown) => response.writeHead(500).end(`[siteBroker] building "${name}" failed: ${(error as Error).message}`),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  project.provide('siteBroker', `http://127.0.0.1:${port}/`);
  return async () => {
    await new Promise((resolve) => server.close(resolve));
    for (const build of builds.values()) await build.then((site) => site.cleanup(), () => undefined);
  };
}
