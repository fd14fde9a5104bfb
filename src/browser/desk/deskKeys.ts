// Signing without a command line: an ed25519 key pair made by the browser (WebCrypto), saved as the
// PEM file `npm run rater -- sign` reads, and a detached .sig of the exact bytes downloaded. The
// private key stays in this page's memory; it is stored only when the person ticks the box.
import { KeyTextError, pemFromPkcs8, pkcs8FromPem, publicKeyText, signatureText } from '../../lib/ratings/keyText.ts';
import { exportFile } from './deskFiles.ts';
import type { DeskState, LoadedKey } from './deskState.ts';
import { download, one } from './dom.ts';

const ED25519 = { name: 'Ed25519' } as const;

/** A new key pair; the private half is extractable once, to be saved as PEM. */
export async function createKey(): Promise<LoadedKey> {
  const pair = (await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify'])) as CryptoKeyPair;
  const pem = pemFromPkcs8(new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey)));
  const publicKey = publicKeyText(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)));
  return { privateKey: pair.privateKey, pem, publicKey };
}

/** A key from its PEM text (a file the desk or `npm run rater -- keygen` saved). */
export async function keyFromPem(pem: string): Promise<LoadedKey> {
  const der = pkcs8FromPem(pem);
  // WebCrypto exports no public key from a private one: import it extractable once, and read it from the JWK's `x`.
  const extractable = await crypto.subtle.importKey('pkcs8', der, ED25519, true, ['sign']);
  const jwk = await crypto.subtle.exportKey('jwk', extractable);
  const raw = Uint8Array.from(atob(jwk.x!.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  const privateKey = await crypto.subtle.importKey('pkcs8', der, ED25519, false, ['sign']);
  return { privateKey, pem, publicKey: publicKeyText(raw) };
}

/** The detached signature file of `text`'s UTF-8 bytes, as `npm run rater -- sign` writes it. */
export async function signText(key: LoadedKey, text: string): Promise<string> {
  return signatureText(new Uint8Array(await crypto.subtle.sign(ED25519, key.privateKey, new TextEncoder().encode(text))));
}

/** Wires the Sign section; `changed` redraws the raters.yaml entry, which carries the public key. */
export function watchKeys(root: HTMLElement, state: DeskState, changed: () => void): void {
  const status = one(root, '[data-desk-key-status]');
  const keep = one<HTMLInputElement>(root, '[data-desk-key-keep]');
  const storeKey = `${state.key}:private-key`;
  const show = (key: LoadedKey | undefined, message: string) => {
    state.signing = key;
    one<HTMLElement>(root, '[data-desk-key]').hidden = !key;
    one(root, '[data-desk-public-key]').textContent = key?.publicKey ?? '';
    status.textContent = message;
    if (key && keep.checked) localStorage.setItem(storeKey, key.pem);
    changed();
  };
  const fail = (error: unknown) => {
    status.textContent =
      error instanceof KeyTextError ? error.message : `This browser could not use the key: ${(error as Error).message}. A recent Chrome, Edge, Firefox or Safari signs with ed25519.`;
  };

  one(root, '[data-desk-keygen]').addEventListener('click', () =>
    createKey().then((key) => show(key, 'New key pair created. Save the private key now and keep it safe: it cannot be shown again, and whoever holds it can sign as you.'), fail),
  );
  const file = one<HTMLInputElement>(root, '[data-desk-key-file]');
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    file.value = '';
    if (chosen) await keyFromPem(await chosen.text()).then((key) => show(key, `Key loaded from ${chosen.name}.`), fail);
  });
  keep.addEventListener('change', () => {
    if (keep.checked && state.signing) localStorage.setItem(storeKey, state.signing.pem);
    if (!keep.checked) localStorage.removeItem(storeKey);
  });
  one(root, '[data-desk-save-key]').addEventListener('click', () => state.signing && download('rater-key.pem', state.signing.pem, 'application/x-pem-file'));
  one(root, '[data-desk-forget-key]').addEventListener('click', () => {
    localStorage.removeItem(storeKey);
    keep.checked = false;
    show(undefined, 'The key is forgotten by this page.');
  });
  one(root, '[data-desk-sign]').addEventListener('click', async () => {
    if (!state.signing) return;
    // Sign the very bytes downloaded; with none yet, download the file first so the pair matches.
    let file = state.lastExport;
    if (!file) {
      const format = (one<HTMLSelectElement>(root, '[data-desk-export] select[name=format]').value as 'json' | 'csv');
      file = state.lastExport = exportFile(state, format);
      download(file.name, file.text, file.name.endsWith('.csv') ? 'text/csv' : 'application/json');
    }
    try {
      download(`${file.name}.sig`, await signText(state.signing, file.text), 'text/plain');
      status.textContent = `Signed ${file.name}. Publish ${file.name}.sig next to it, under the same name plus ".sig".`;
    } catch (error) {
      fail(error);
    }
  });

  const kept = localStorage.getItem(storeKey);
  if (kept) {
    keep.checked = true;
    void keyFromPem(kept).then((key) => show(key, 'Using the key kept in this browser.'), fail);
  }
}
