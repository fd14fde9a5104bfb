// npm run rater -- keygen | sign <file> | verify <url-or-file> [--key ed25519:…]
import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { generateRaterKeys, signDetached, verifyDetached } from '../src/lib/ratings/signature.ts';
import { contentDirFrom, parseCli, runMain } from './cli/cli.ts';
import { loadConfig } from './cli/loadConfig.ts';
import { fetchSource } from './aggregator/fetchSource.ts';
import { USER_AGENT } from './aggregator/userAgent.ts';

const HELP = `
Usage: npm run rater -- <command> [options]

Tools for raters who sign their rating files with ed25519.

Commands:
  keygen [--out rater-key]      write rater-key.pem (private; keep it secret) and print the public
                                key in the "ed25519:…" form that raters.yaml takes
  sign <ratings.json> [--private-key rater-key.pem]
                                write <ratings.json>.sig, the detached signature to publish next to it
  verify <url-or-file> [--key ed25519:…]
                                check a rating file against its .sig; the key defaults to the one in
                                raters.yaml for the rater with that url
`;

runMain('rater', async () => {
  const { values, positionals } = parseCli(
    { out: { type: 'string' }, 'private-key': { type: 'string' }, key: { type: 'string' }, content: { type: 'string' } },
    HELP,
  );
  const [command, target] = positionals;
  switch (command) {
    case 'keygen': {
      const base = values.out ?? 'rater-key';
      if (existsSync(`${base}.pem`)) {
        console.error(`[rater] ${base}.pem already exists; refusing to overwrite a private key. Use --out <name>.`);
        return 1;
      }
      const { publicKey, privateKeyPem } = generateRaterKeys();
      await writeFile(`${base}.pem`, privateKeyPem, { mode: 0o600 });
      await writeFile(`${base}.pub`, `${publicKey}\n`);
      console.error(`[rater] wrote ${base}.pem (private: never publish or commit it) and ${base}.pub`);
      console.log(publicKey);
      return 0;
    }
    case 'sign': {
      if (!target) return usage('sign needs the rating file to sign');
      const key = await readFile(values['private-key'] ?? 'rater-key.pem', 'utf8');
      await writeFile(`${target}.sig`, signDetached(await readFile(target), key));
      console.log(`[rater] wrote ${target}.sig; publish it at <your rating file url>.sig`);
      return 0;
    }
    case 'verify': {
      if (!target) return usage('verify needs a rating file url or path');
      const key = values.key ?? (await keyFromConfig(target, values.content));
      if (!key) {
        console.error(`[rater] no key: pass --key ed25519:… or add "key:" to the rater with url ${target} in raters.yaml`);
        return 1;
      }
      const [body, sig] = await Promise.all([load(target), load(`${target}.sig`)]);
      if (!verifyDetached(body, sig, key)) {
        console.error(`[rater] ${target}: signature does NOT match ${key}`);
        return 1;
      }
      console.log(`[rater] ${target}: signature ok (${key})`);
      return 0;
    }
    default:
      return usage(command ? `unknown command "${command}"` : 'missing command');
  }
});

function usage(message: string): number {
  console.error(`[rater] ${message}\n${HELP}`);
  return 2;
}

async function keyFromConfig(url: string, content: string | undefined): Promise<string | undefined> {
  const config = await loadConfig(contentDirFrom(content)).catch(() => undefined);
  return config?.raters.find((r) => r.url === url)?.key;
}

async function load(target: string): Promise<Uint8Array> {
  if (!/^https?:\/\//.test(target)) return readFile(target);
  const result = await fetchSource({ url: target }, { userAgent: USER_AGENT, timeoutMs: 20_000, maxBytes: 10_000_000 });
  if (result.kind !== 'ok') throw new Error(`${target}: HTTP ${result.status}`);
  return result.body;
}
