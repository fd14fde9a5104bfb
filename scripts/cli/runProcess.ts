// Runs a program as a child process and collects what it prints: the one way the commands, the
// tests and the benches start a process and wait for its output.
import { spawn } from 'node:child_process';

export interface ProcessResult {
  /** The exit code, or null when a signal ended it (see `signal`). */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as they arrived, as a terminal would show them. */
  output: string;
  wallMs: number;
}

export interface RunOptions {
  cwd?: string;
  /** The whole environment of the child (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** Written to the child's stdin, which is then closed. */
  input?: string;
  /** Killed (SIGTERM) after this long; the result then says so by its `signal`. Default: never. */
  timeoutMs?: number;
  /** Output beyond this many bytes ends the child and rejects (default 64 MiB). */
  maxBytes?: number;
}

/**
 * Runs `command` with `args` and resolves with its exit code and output whatever the code; rejects
 * only when it cannot start or prints more than `maxBytes`.
 *
 * @example const { code, stdout } = await runProcess('git', ['status', '--porcelain'], { cwd: dir });
 */
export function runProcess(command: string, args: readonly string[], options: RunOptions = {}): Promise<ProcessResult> {
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const both: Buffer[] = [];
    let bytes = 0;
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        child.kill('SIGKILL');
        reject(new Error(`[runProcess] ${command} ${args.join(' ')}: printed more than ${maxBytes} bytes; stopped it`));
        return;
      }
      into.push(chunk);
      both.push(chunk);
    };
    child.stdout!.on('data', collect(out));
    child.stderr!.on('data', collect(err));
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => child.kill('SIGTERM'), options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString(), output: Buffer.concat(both).toString(), wallMs: performance.now() - start });
    });
    if (options.input !== undefined) child.stdin!.end(options.input);
  });
}
