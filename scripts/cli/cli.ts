import { parseArgs, type ParseArgsConfig } from 'node:util';
import { resolve } from 'node:path';
import { ConfigError } from '../../src/lib/check/configError.ts';
import { ContentFileError } from '../../src/lib/check/contentFile.ts';
import { DataBranchError } from './dataRepo.ts';
import { describeFault } from './faults.ts';

/** Where content/ lives: `--content <dir>`, else $WIDENET_CONTENT, else ./content. */
export function contentDirFrom(value: string | undefined): string {
  return resolve(value ?? process.env.WIDENET_CONTENT ?? 'content');
}

/** Parses argv, printing `help` for --help and a clear message for unknown flags. */
export function parseCli<T extends NonNullable<ParseArgsConfig['options']>>(options: T, help: string) {
  try {
    const parsed = parseArgs({ options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    if ((parsed.values as { help?: boolean }).help) {
      process.stdout.write(help.trimStart());
      process.exit(0);
    }
    return parsed;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${help.trimStart()}`);
    process.exit(2);
  }
}

/**
 * Runs a command's main. Every expected fault ends in a plain message and an exit code:
 * 2 when the command refused to start and changed nothing (a config error, a damaged content file,
 * another run holding the lock), 1 when it failed on the way (a full disk, an unreachable file).
 * Only a bug in Wide Net prints a stack trace.
 */
export function runMain(name: string, main: () => Promise<number | void>): void {
  main().then(
    (code) => process.exit(code ?? 0),
    (error: unknown) => {
      if (error instanceof ConfigError) {
        process.stderr.write(`${error.message}\n[${name}] ${error.problems.length} config problem${error.problems.length === 1 ? '' : 's'}; nothing was changed. Fix them and run again.\n`);
        process.exit(2);
      }
      if (error instanceof ContentFileError) {
        process.stderr.write(`${error.message}\n[${name}] stopped before changing anything: repair that file and run again.\n`);
        process.exit(2);
      }
      if (error instanceof DataBranchError) {
        process.stderr.write(`${error.message}\n`);
        process.exit(1);
      }
      const fault = describeFault(error);
      if (fault) {
        process.stderr.write(`[${name}] ${fault.message}\n`);
        process.exit(fault.exitCode);
      }
      process.stderr.write(`[${name}] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\nThis is a bug in Wide Net: please report it with the lines above.\n`);
      process.exit(1);
    },
  );
}
