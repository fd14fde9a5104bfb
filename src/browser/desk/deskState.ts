// What the desk page holds while it is open: the draft (kept in localStorage), the network's
// scales and articles (from the build's static files), the last export, and the signing key.
import type { Draft } from '../../lib/ratings/draft.ts';
import type { DeskArticlesFile, DeskScalesFile, ScaleChoice } from '../../lib/site/views/deskView.ts';
import { loadDraft, saveDraft } from './draftStore.ts';

export interface LoadedKey {
  privateKey: CryptoKey;
  /** The PKCS#8 PEM text, as `npm run rater -- sign` reads it. */
  pem: string;
  /** `ed25519:<base64>`, for raters.yaml. */
  publicKey: string;
}

export interface DeskState {
  key: string;
  draft: Draft;
  scales: ScaleChoice[];
  taken: DeskScalesFile['taken'];
  /** Titles by article URL and by id. */
  titles: Map<string, string>;
  /** The file last downloaded: what "Sign" signs, byte for byte. */
  lastExport?: { name: string; text: string };
  signing?: LoadedKey;
}

/** Loads the draft and the build's desk files; the page works without them, with less to show. */
export async function loadState(root: HTMLElement): Promise<DeskState> {
  const key = root.dataset.draftKey!;
  const [scales, articles] = await Promise.all([
    getJson<DeskScalesFile>(root.dataset.scales!),
    getJson<DeskArticlesFile>(root.dataset.articles!),
  ]);
  const titles = new Map<string, string>();
  for (const [id, url, title] of articles?.articles ?? []) {
    titles.set(id, title);
    titles.set(url, title);
  }
  return { key, draft: loadDraft(key), scales: scales?.scales ?? [], taken: scales?.taken ?? { ids: [], names: [] }, titles };
}

/** Replaces the draft and keeps it; false when the browser refuses to store it. */
export function commit(state: DeskState, draft: Draft): boolean {
  state.draft = draft;
  state.lastExport = undefined;
  return saveDraft(state.key, draft);
}

async function getJson<T>(url: string): Promise<T | undefined> {
  try {
    const response = await fetch(url);
    return response.ok ? ((await response.json()) as T) : undefined;
  } catch {
    return undefined;
  }
}
