import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// Two projects. `unit`: tests that run in-process (the pure core, views, the engine, loopback
// servers), `npm run test:unit`. `slow`: test files that build the site, open Chromium or start a
// child process (a command, git, xmllint, expat, feedparser), found by those calls, so a new test
// file lands in the right project by itself. `npm test` runs both. The slow project's global setup
// (test/helpers/siteBroker.ts) builds each shared site once per run, when a file first asks for it.
const SLOW = /\b(buildSite|sharedSite|chromium\.launch|runCli|runProcess|spawn|spawnSync|execFile|execFileSync|execSync|xmllint|expat|feedparser)\(/;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}
const slow = testFiles('test').filter((file) => SLOW.test(readFileSync(file, 'utf8')));

export default defineConfig({
  test: {
    // Many tests start real servers, child processes, Astro builds or Chromium: give a loaded
    // 2-core CI machine room, without letting a hung test run forever.
    testTimeout: 30_000,
    hookTimeout: 180_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: slow } },
      { extends: true, test: { name: 'slow', include: slow, globalSetup: ['test/helpers/siteBroker.ts'] } },
    ],
  },
});
