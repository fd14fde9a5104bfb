import { fileURLToPath } from 'node:url';
import { runProcess } from '../../scripts/cli/runProcess.ts';

const PRELOAD = fileURLToPath(new URL('./reportRss.ts', import.meta.url));

export interface Measured {
  wallMs: number;
  peakRssMb: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node <args>` in a child and measures its wall time and peak RSS (workers included). */
export async function measureNode(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Measured> {
  const { wallMs, code, stdout, stderr } = await runProcess(process.execPath, ['--import', PRELOAD, ...args], { env: { ...process.env, ...env } });
  const kb = Number(/@@maxrss (\d+)/.exec(stderr)?.[1] ?? 0);
  return { wallMs, peakRssMb: kb / 1024, code, stdout, stderr: stderr.replace(/\n@@maxrss \d+\n/, '') };
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
