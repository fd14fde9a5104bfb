// The GitHub workflows: valid against the GitHub Actions schemas (action-validator, the SchemaStore
// schemas compiled to WASM), and shaped as the publishing path needs: least privilege, one run at a
// time, no self-triggering loop, and only commands that exist.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { validateWorkflow as validate } from '@action-validator/core';
import { describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../helpers/runCli.ts';

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
    expect(push.paths).toEqual(expect.arrayContaining(['content/**', 'src/**', 'scripts/**', 'package-lock.json']));
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
    expect(wf.jobs.aggregate!.if).toBe("github.event_name != 'push' || github.actor != 'github-actions[bot]'");
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
    const order = ['actions/checkout', 'actions/setup-node', 'npm ci', 'npm run --silent data -- checkout', 'npm run check', 'npm run --silent aggregate', 'node scripts/jobSummary.ts', 'npm run --silent data -- commit', 'actions/configure-pages', 'npm run build', 'actions/upload-pages-artifact'];
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
    expect(build.env).toEqual({ WIDENET_BASE: '${{ steps.pages.outputs.base_path }}/' });
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
