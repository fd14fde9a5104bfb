// The build refuses what `npm run check` refuses: the same validation, the same `file:line field:`
// lines, before Astro reads a single content file.
import { basename, dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { formatProblem, type ConfigProblem } from '../lib/check/configError.ts';
import type { Database } from '../lib/config/database.ts';
import { handOver, readDatabase } from './readDatabase.ts';

/**
 * Reads `contentDir` for a build: the database, and every problem that stops the build (config
 * errors, damaged content files, a WIDENET_EDITION that names no edition).
 *
 * @example (await checkBuild('content', {})).problems.map(formatProblem) // [] when `npm run check` passes
 */
export async function checkBuild(contentDir: string, env: Record<string, string | undefined>): Promise<{ database?: Database; problems: ConfigProblem[] }> {
  const { database, config, problems } = await readDatabase(contentDir);
  const edition = env.WIDENET_EDITION?.trim();
  if (config && edition && !config.editions.some((e) => e.id === edition)) {
    problems.push({ file: 'WIDENET_EDITION', message: `"${edition}" names no edition. Use one of: ${config.editions.map((e) => e.id).sort().join(', ') || '(none)'}, or unset it to build the hub.` });
  }
  return problems.length > 0 ? { problems } : { database, problems };
}

/**
 * Every problem that stops a build of `contentDir`.
 *
 * @example (await buildProblems('content', {})).map(formatProblem) // [] when `npm run check` passes
 */
export async function buildProblems(contentDir: string, env: Record<string, string | undefined>): Promise<ConfigProblem[]> {
  return (await checkBuild(contentDir, env)).problems;
}

/**
 * Why Astro cannot build into `outDir` from `cwd`, or undefined. Astro 7 takes an output folder whose
 * path merely begins with the project's (~/wide-net-site for ~/wide-net) for one inside it, stages
 * its server chunks there, and fails to import its own packages ("Cannot find package …").
 *
 * @example outDirProblem('/home/j/wide-net-site/', '/home/j/wide-net') // '[build] the output folder …'
 */
export function outDirProblem(outDir: string, cwd: string): string | undefined {
  const out = resolve(outDir);
  if (!out.startsWith(cwd) || out === cwd || out.startsWith(`${cwd}${sep}`)) return undefined;
  const suggestion = join(dirname(cwd), `site-${basename(cwd)}`);
  return `[build] the output folder ${out} is outside the project, but its path begins with the project's (${cwd}); Astro takes it for a folder inside the project and the build would fail ("Cannot find package …"). Nothing was built. Build into a folder inside the project (the default dist/, then copy it), or choose a path that does not begin with ${cwd}, such as ${suggestion}.`;
}

/** An Astro integration: `astro build` (and so `npm run build`, `npm start`) stops on any problem. */
export function checkBeforeBuild(contentDir: string): AstroIntegration {
  return {
    name: 'wide-net:check-before-build',
    hooks: {
      'astro:config:setup': async ({ command, config }) => {
        if (command !== 'build') return;
        const outProblem = outDirProblem(fileURLToPath(config.outDir), process.cwd());
        if (outProblem) {
          process.stderr.write(`${outProblem}\n`);
          process.exit(1);
        }
        const { database, problems } = await checkBuild(contentDir, process.env);
        // The routes render from what was just read and checked: content/ is read once per build.
        if (database) return handOver(contentDir, database);
        for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
        process.stderr.write(`[build] ${problems.length} problem${problems.length === 1 ? '' : 's'} (the same as \`npm run check\` reports); nothing was built. Fix them and build again.\n`);
        // Astro would wrap a thrown error in its own report with a stack; these lines are the report.
        process.exit(1);
      },
    },
  };
}
