// This site's rating draft in localStorage, shared by the article pages' Rate control and the desk.
import { readDraft, type Draft } from '../../lib/ratings/draft.ts';

/** Reads the draft kept under `key`; an unreadable or blocked storage reads as an empty draft. */
export function loadDraft(key: string): Draft {
  try {
    return readDraft(localStorage.getItem(key));
  } catch {
    return readDraft(null);
  }
}

/** Keeps the draft; says false when the browser refuses (private mode, storage full). */
export function saveDraft(key: string, draft: Draft): boolean {
  try {
    localStorage.setItem(key, JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

/** Calls `onChange` when another tab changes the draft. */
export function watchDraft(key: string, onChange: (draft: Draft) => void): void {
  addEventListener('storage', (event) => {
    if (event.key === key) onChange(readDraft(event.newValue));
  });
}
