// The GitHub workflows: valid against the GitHub Actions schemas (action-validator, the SchemaStore
// schemas compiled to WASM), and shaped as the publishing path needs: least privilege, one run at a
// time, no self-triggering loop, and only commands that exist.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { validateWorkflow as validate } from '@action-validator/core';
import { describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { planShards } from '../../scripts/aggregator/shardFile.ts';
import { runProcess } from '../../scripts/cli/runProcess.ts';
import { makeContentDir } from '../helpers/contentDir.ts';
import { ROOT, runCli } from '../helpers/runCli.ts';

/** action-validator warns that it cannot check `paths:` globs without the repository's files; only that warning is expected. */
function validateWorkflow(text: string) {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const error = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    const state = validate(text);
    const printed = [...warn.mock.calls, ...log.mock.calls, ...error.mock.calls].map((c) => c.join(' '));
    expect(printed.filter((line) => !line.startsWith('WARNING: Glob validation is not yet supported.'))).toEqual([]);
    return state;
  } finally {
    warn.mockRestore();
    log.mockRestore();
    error.mockRestore();
  }
}

const read = (name: string) => readFile(join(ROOT, '.github', 'workflows', name), 'utf8');
const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

interface Step { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string>; if?: string }
interface Job { permissions?: Record<string, string>; steps: Step[]; needs?: string; environment?: { name: string }; if?: string; env?: Record<string, string> }
interface Workflow { on: Record<string, unknown>; permissions?: unknown; concurrency?: { group: string; 'cancel-in-progress'?: boolean }; jobs: Record<string, Job> }

describe.each(['publish.yml', 'check.yml'])('.github/workflows/%s', (name) => {
  it('is a valid GitHub Actions workflow', async () => {
    const state = validateWorkflow(await read(name));
    expect(state.errors).toEqual([]);
  });

  it('sets up Node from .nvmrc with the npm cache, installs with npm ci, and runs only npm scripts that exist', async () => {
    const wf = parse(await read(name)) as Workflow;
    for (const job of Object.values(wf.jobs)) {
      const setup = job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
      if (!setup) continue;
      expect(setup.with).toEqual({ 'node-version-file': '.nvmrc', cache: 'npm' });
      expect(job.steps.some((s) => s.run?.startsWith('npm ci'))).toBe(true);
    }
    const runs = Object.values(wf.jobs).flatMap((j) => j.steps.map((s) => s.run ?? '')).join('\n');
    for (const [, script] of runs.matchAll(/npm run (?:--silent )?([\w:-]+)/g)) expect(pkg.scripts, `npm run ${script}`).toHaveProperty([script!]);
    for (const [, file] of runs.matchAll(/node (scripts\/\S+\.ts)/g)) await expect(readFile(join(ROOT, file!), 'utf8')).resolves.toBeTruthy();
  });

  it('the validator does catch a mistake (so a pass means something)', async () => {
    const broken = (await read(name)).replace('runs-on:', 'runs_on:');
    expect(validateWorkflow(broken).errors.length).toBeGreaterThan(0);
  });
});

describe('publish.yml', async () => {
  const text = await read('publish.yml');
  const wf = parse(text) as Workflow;

  it('runs hourly, on demand, and on pushes to main that touch content/ or the code', () => {
    expect(wf.on.schedule).toEqual([{ cron: '17 * * * *' }]);
    expect(text).toMatch(/# .*change it\s*\n\s*# here/i);
    expect(wf.on).toHaveProperty('workflow_dispatch');
    const push = wf.on.push as { branches: string[]; paths: string[] };
    expect(push.branches).toEqual(['main']);
    expect(push.paths).toEqual(expect.arrayContaining(['content/**', 'src/**', 'public/**', 'scripts/**', 'package-lock.json']));
  });

  it('grants least privilege: nothing by default, contents: write to aggregate only, pages + id-token to deploy only', () => {
    expect(wf.permissions).toEqual({});
    expect(wf.jobs.aggregate!.permissions).toEqual({ contents: 'write', pages: 'read' });
    expect(wf.jobs.deploy!.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(wf.jobs.deploy!.needs).toBe('aggregate');
    expect(wf.jobs.deploy!.environment?.name).toBe('github-pages');
  });

  it('never runs twice at once on content/, and cannot trigger itself through its own commit', () => {
    expect(wf.concurrency).toEqual({ group: 'publish-${{ github.ref }}', 'cancel-in-progress': false });
    const guard = "github.event_name != 'push' || github.actor != 'github-actions[bot]'";
    expect(wf.jobs.plan!.if).toBe(guard);
    expect(wf.jobs.aggregate!.if).toBe(`\${{ !cancelled() && needs.plan.result == 'success' && (${guard}) }}`);
    const checkout = wf.jobs.aggregate!.steps.find((s) => s.run?.includes('data -- checkout'))!;
    expect(checkout.run).toContain("git config user.name 'github-actions[bot]'");
    const commit = wf.jobs.aggregate!.steps.find((s) => s.run?.includes('data -- commit'))!;
    expect(commit.run).toContain('node scripts/commitMessage.ts --skip-ci');
    expect(text).toContain('GITHUB_TOKEN');
  });

  it('keeps the aggregated files off main: checks out the data branch (migrating an old layout), commits and pushes to it', () => {
    const runs = wf.jobs.aggregate!.steps.map((s) => s.run ?? '');
    expect(runs.some((r) => r.includes('npm run --silent data -- checkout --migrate --push'))).toBe(true);
    expect(runs.some((r) => r.includes('npm run --silent data -- commit --message-file "$RUNNER_TEMP/message.txt" --push'))).toBe(true);
    // No step stages or commits anything on main itself.
    expect(runs.join('\n')).not.toMatch(/git (add|commit|push)\b/);
  });

  it('checks out the data branch, checks, aggregates, summarizes, commits, builds and deploys in that order, with the official Pages actions', () => {
    const steps = wf.jobs.aggregate!.steps.map((s) => s.uses?.replace(/@.*/, '') ?? s.run!.split('\n').find((l) => !l.startsWith('git config') && !l.startsWith('node scripts/commitMessage'))!);
    const order = ['actions/checkout', 'actions/setup-node', 'npm ci', 'npm run --silent data -- checkout', 'npm run check', 'npm run --silent aggregate', 'node scripts/jobSummary.ts', 'npm run --silent data -- commit', 'actions/configure-pages', 'npm run build', 'node scripts/checkSiteSize.ts', 'actions/upload-pages-artifact'];
    const positions = order.map((o) => steps.findIndex((s) => s.startsWith(o)));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(wf.jobs.aggregate!.steps.find((s) => s.run?.includes('jobSummary'))!.run).toContain('>> "$GITHUB_STEP_SUMMARY"');
    expect(wf.jobs.deploy!.steps.map((s) => s.uses?.replace(/@.*/, ''))).toEqual(['actions/deploy-pages']);
  });

  it('notifies the WebSub hub after the deploy, under the build\'s base, and never fails the run for it', () => {
    const job = wf.jobs.websub! as Job & { 'continue-on-error'?: boolean; needs?: string[] };
    expect(job.needs).toEqual(['aggregate', 'deploy']);
    expect(job['continue-on-error']).toBe(true);
    expect(job.permissions).toEqual({ contents: 'read' });
    expect(job.env).toEqual({ WIDENET_EDITION: '${{ vars.WIDENET_EDITION }}', WIDENET_BASE: '${{ needs.aggregate.outputs.base_path }}/' });
    expect((wf.jobs.aggregate as Job & { outputs?: Record<string, string> }).outputs).toEqual({ base_path: '${{ steps.pages.outputs.base_path }}' });
    expect(job.steps.at(-1)!.run).toBe('node scripts/websubPing.ts');
  });

  it('builds a single-edition site from the WIDENET_EDITION repository variable, under the Pages base path', () => {
    expect(wf.jobs.aggregate!.env).toEqual({ WIDENET_EDITION: '${{ vars.WIDENET_EDITION }}' });
    const build = wf.jobs.aggregate!.steps.find((s) => s.run === 'npm run build')!;
    expect(build.env).toEqual({ WIDENET_BASE: '${{ steps.pages.outputs.base_path }}/', WIDENET_CACHE: '${{ runner.temp }}/astro-cache' });
  });
});

describe('check.yml', async () => {
  const wf = parse(await read('check.yml')) as Workflow;

  it('runs on pull requests that touch the config, read-only', () => {
    expect(wf.on).toEqual({ pull_request: { paths: ['content/*.yaml', 'content/editions/**'] } });
    expect(wf.permissions).toEqual({ contents: 'read' });
  });

  it('checks, fetches the changed sources against the base branch, builds, and uploads the site', () => {
    const steps = wf.jobs.check!.steps;
    const runs = steps.map((s) => s.run ?? s.uses ?? '');
    expect(runs).toEqual(expect.arrayContaining(['npm run --silent data -- checkout', 'npm run check', 'npm run check-sources -- --base "origin/$GITHUB_BASE_REF"', 'npm run build']));
    expect(runs.indexOf('npm run --silent data -- checkout')).toBeLessThan(runs.indexOf('npm run check'));
    expect(runs.some((r) => r.includes('git fetch') && r.includes('$GITHUB_BASE_REF'))).toBe(true);
    expect(steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))?.with).toMatchObject({ path: 'dist' });
  });
});

describe('publish.yml fans out above a number of feeds', async () => {
  const wf = parse(await read('publish.yml')) as Workflow;
  type MatrixJob = Job & { strategy?: { 'fail-fast'?: boolean; matrix: Record<string, unknown> }; outputs?: Record<string, string>; needs?: string | string[] };
  const plan = wf.jobs.plan as MatrixJob;
  const shard = wf.jobs.shard as MatrixJob;
  const aggregate = wf.jobs.aggregate as MatrixJob;

  it('plans from the repository variables, then runs one shard job per share, read-only, none failing the others', () => {
    expect(plan.permissions).toEqual({ contents: 'read' });
    expect(plan.outputs).toEqual({ count: '${{ steps.plan.outputs.count }}', list: '${{ steps.plan.outputs.list }}' });
    expect(plan.steps.at(-1)).toMatchObject({ run: 'node scripts/shardPlan.ts >> "$GITHUB_OUTPUT"', env: { WIDENET_SHARD_ABOVE: '${{ vars.WIDENET_SHARD_ABOVE }}', WIDENET_SHARDS: '${{ vars.WIDENET_SHARDS }}' } });
    expect([shard.needs, shard.if, shard.permissions]).toEqual(['plan', 'needs.plan.outputs.count > 1', { contents: 'read' }]);
    expect(shard.strategy).toEqual({ 'fail-fast': false, matrix: { shard: '${{ fromJSON(needs.plan.outputs.list) }}' } });
    const checkout = shard.steps.findIndex((s) => s.run === 'npm run --silent data -- checkout');
    expect(checkout).toBeGreaterThan(0);
    expect(checkout).toBeLessThan(shard.steps.findIndex((s) => s.run?.includes('--shard')));
    const fetch = shard.steps.find((s) => s.run?.includes('--shard'))!;
    expect(fetch).toMatchObject({ run: 'npm run --silent aggregate -- --shard "$SHARD/$COUNT" --out "$RUNNER_TEMP/shard"', env: { SHARD: '${{ matrix.shard }}', COUNT: '${{ needs.plan.outputs.count }}' } });
    expect(shard.steps.at(-1)).toMatchObject({ uses: 'actions/upload-artifact@v4', with: { name: 'shard-${{ matrix.shard }}', path: '${{ runner.temp }}/shard' } });
  });

  it('merges the shards in the one job that commits and builds, and aggregates alone when not sharded', async () => {
    expect(aggregate.needs).toEqual(['plan', 'shard']);
    const steps = aggregate.steps;
    const download = steps.findIndex((s) => s.uses?.startsWith('actions/download-artifact@'));
    const run = steps.findIndex((s) => s.run?.startsWith('npm run --silent aggregate'));
    expect(download).toBeGreaterThan(0);
    expect(download).toBeLessThan(run);
    expect(steps[download]).toMatchObject({ if: 'needs.plan.outputs.count > 1', with: { pattern: 'shard-*', path: '${{ runner.temp }}/shards' } });
    expect(steps[run]!.env).toEqual({ SHARDS: "${{ needs.plan.outputs.count > 1 && needs.plan.outputs.count || '' }}" });
    // The step's own shell line, run by bash with npm standing in: the arguments it gets either way.
    const argsOf = async (shards: string) => {
      const script = `npm() { printf '%s\\n' "$@"; }\n${steps[run]!.run!.replace(/>.*$/, '')}`;
      const { stdout } = await runProcess('/bin/bash', ['-c', script], { env: { PATH: process.env.PATH, SHARDS: shards, RUNNER_TEMP: '/tmp/run 1' } });
      return stdout.trim().split('\n');
    };
    expect(await argsOf('')).toEqual(['run', '--silent', 'aggregate', '--', '--json']);
    expect(await argsOf('4')).toEqual(['run', '--silent', 'aggregate', '--', '--json', '--merge', '/tmp/run 1/shards']);
  });

  it.each([
    [999, {}, 1],
    [1000, {}, 1],
    [1001, {}, 4],
    [1001, { above: '', shards: '' }, 4],
    [50, { above: '10', shards: '3' }, 3],
    [5000, { above: '10000' }, 1],
    [5000, { shards: '1' }, 1],
  ])('%i feeds with %j: %i shard(s)', (feeds, settings, count) => {
    expect(planShards(feeds, settings)).toBe(count);
  });

  it('says what is wrong with a bad variable', () => {
    expect(() => planShards(10, { shards: 'four' })).toThrow('WIDENET_SHARDS="four": expected a whole number from 1 to 256, or leave it unset for 4');
    expect(() => planShards(10, { above: '-1' })).toThrow(/WIDENET_SHARD_ABOVE="-1"/);
  });

  it('scripts/shardPlan.ts writes the step outputs', async () => {
    const dir = await makeContentDir({ contingents: [{ id: 'abc', feeds: ['https://abc.example/a.xml', 'https://abc.example/b.xml'] }, { id: 'xyz', feeds: ['https://xyz.example/feed.xml'] }] });
    const low = await runCli('shardPlan.ts', ['--content', dir], { env: { WIDENET_SHARD_ABOVE: '2', WIDENET_SHARDS: '3' } });
    expect([low.code, low.stdout]).toEqual([0, 'count=3\nlist=[1,2,3]\n']);
    expect(low.stderr).toContain('[shard-plan] 3 feeds: 3 shard jobs fetch them');
    const high = await runCli('shardPlan.ts', ['--content', dir], { env: { WIDENET_SHARD_ABOVE: '', WIDENET_SHARDS: '' } });
    expect(high.stdout).toBe('count=1\nlist=[1]\n');
    const bad = await runCli('shardPlan.ts', ['--content', dir], { env: { WIDENET_SHARDS: '0' } });
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('WIDENET_SHARDS="0"')]);
  });
});

describe('publish.yml builds incrementally', async () => {
  const wf = parse(await read('publish.yml')) as Workflow;
  it('restores and saves Astro\'s cache, where the build keeps each page\'s last output, before the build', () => {
    const steps = wf.jobs.aggregate!.steps;
    const cache = steps.findIndex((s) => s.uses?.startsWith('actions/cache@'));
    const build = steps.findIndex((s) => s.run === 'npm run build');
    expect(cache).toBeGreaterThan(steps.findIndex((s) => s.run?.startsWith('npm ci')));
    expect(cache).toBeLessThan(build);
    expect(steps[cache]!.with).toEqual({
      path: '${{ runner.temp }}/astro-cache',
      // A new entry each run (caches are immutable), restored from the newest of the same kind of build and lockfile.
      key: "astro-${{ vars.WIDENET_EDITION || 'hub' }}-${{ hashFiles('package-lock.json') }}-${{ github.run_id }}",
      'restore-keys': "astro-${{ vars.WIDENET_EDITION || 'hub' }}-${{ hashFiles('package-lock.json') }}-",
    });
    expect(steps[build]!.env!.WIDENET_CACHE).toBe(steps[cache]!.with!.path);
  });
});

describe('publish.yml deploys to GitHub Pages, or past its 1 GB to object storage', async () => {
  const wf = parse(await read('publish.yml')) as Workflow;
  const steps = wf.jobs.aggregate!.steps;
  const named = (name: string) => steps.find((s) => (s as Step & { name?: string }).name === name)!;

  it('checks the size of dist/ for its host after the build, before any upload', () => {
    const check = steps.findIndex((s) => s.run?.startsWith('node scripts/checkSiteSize.ts'));
    expect(check).toBeGreaterThan(steps.findIndex((s) => s.run === 'npm run build'));
    expect(check).toBeLessThan(steps.findIndex((s) => s.uses?.startsWith('actions/upload-pages-artifact@')));
    expect(check).toBeLessThan(steps.indexOf(named('Deploy to object storage')));
    expect(steps[check]).toMatchObject({ run: 'node scripts/checkSiteSize.ts dist --host "${WIDENET_DEPLOY:-pages}"', env: { WIDENET_DEPLOY: '${{ vars.WIDENET_DEPLOY }}' } });
    expect(steps[check]!.if).toBeUndefined();
  });

  it('with WIDENET_DEPLOY=s3, skips Pages (configure, upload, deploy) and syncs to the bucket, the WebSub ping after either', () => {
    const notS3 = "vars.WIDENET_DEPLOY != 's3'";
    expect(named('Configure Pages').if).toBe(notS3);
    expect(steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'))!.if).toBe(notS3);
    expect(wf.jobs.deploy!.if).toBe(notS3);
    expect(named('Deploy to object storage').if).toBe("vars.WIDENET_DEPLOY == 's3'");
    expect(wf.jobs.websub!.if).toBe("${{ !cancelled() && needs.aggregate.result == 'success' && (needs.deploy.result == 'success' || needs.deploy.result == 'skipped') }}");
  });

  it('names its credentials as secrets and its bucket as variables, never a value', () => {
    const env = named('Deploy to object storage').env!;
    expect(env).toEqual({
      BUCKET: '${{ vars.WIDENET_S3_BUCKET }}',
      RCLONE_CONFIG_SITE_TYPE: 's3',
      RCLONE_CONFIG_SITE_PROVIDER: "${{ vars.WIDENET_S3_ENDPOINT && 'Other' || 'AWS' }}",
      RCLONE_CONFIG_SITE_ENDPOINT: '${{ vars.WIDENET_S3_ENDPOINT }}',
      RCLONE_CONFIG_SITE_REGION: "${{ vars.WIDENET_S3_REGION || 'us-east-1' }}",
      RCLONE_CONFIG_SITE_NO_CHECK_BUCKET: 'true',
      RCLONE_CONFIG_SITE_ACCESS_KEY_ID: '${{ secrets.WIDENET_S3_ACCESS_KEY_ID }}',
      RCLONE_CONFIG_SITE_SECRET_ACCESS_KEY: '${{ secrets.WIDENET_S3_SECRET_ACCESS_KEY }}',
    });
    // Secrets reach only that step.
    const secretUses = steps.filter((s) => JSON.stringify(s).includes('secrets.'));
    expect(secretUses).toEqual([named('Deploy to object storage')]);
  });

  it('uploads hashed assets for a year, then syncs the rest by checksum, deleting what went away', async () => {
    // The step's own shell lines, run by bash with sudo and rclone standing in: the commands it runs.
    const script = `sudo() { :; }\nrclone() { printf '%s|' "$@"; echo; }\n${named('Deploy to object storage').run!}`;
    const { stdout, code } = await runProcess('/bin/bash', ['-e', '-c', script], { env: { PATH: process.env.PATH, BUCKET: 'news-site' } });
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toEqual([
      "copy|dist/_astro|site:news-site/_astro|--checksum|--fast-list|--header-upload|Cache-Control: public, max-age=31536000, immutable|",
      "sync|dist|site:news-site|--checksum|--fast-list|--exclude|/_astro/**|--header-upload|Cache-Control: public, max-age=300|",
    ]);
  });
});
