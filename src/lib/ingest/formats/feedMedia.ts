// The media of a finished item, whatever the feed format: absolute URLs, one entry per URL, a medium.
import type { Media } from '../../config/schema.ts';
import { collapseWhitespace } from '../../html/htmlText.ts';
import { resolveUrl } from '../../html/sanitizeHtml.ts';

const EXTENSION_MEDIUM: Record<string, Media['medium']> = {
  jpg: 'image', jpeg: 'image', png: 'image', gif: 'image', webp: 'image', avif: 'image', svg: 'image',
  mp3: 'audio', m4a: 'audio', ogg: 'audio', oga: 'audio', opus: 'audio', wav: 'audio', flac: 'audio', aac: 'audio',
  mp4: 'video', m4v: 'video', webm: 'video', mov: 'video', ogv: 'video',
  pdf: 'document', epub: 'document', doc: 'document', docx: 'document', odt: 'document', txt: 'document',
};
const DOCUMENT_TYPES = /^(?:application\/(?:pdf|epub\+zip|msword|rtf|vnd\.openxmlformats-officedocument\.[\w.]+|vnd\.oasis\.opendocument\.[\w.]+)|text\/(?:plain|markdown|csv))$/;

/**
 * The medium of an enclosure: from its MIME type, else Media RSS `medium`, else the file extension.
 *
 * @example mediumOf('https://abc.example/a.mp3', 'audio/mpeg') // => 'audio'
 */
export function mediumOf(url: string, type?: string, declared?: string): Media['medium'] {
  const mime = type?.split(';')[0]?.trim().toLowerCase();
  if (mime) {
    const major = mime.split('/')[0];
    if (major === 'image' || major === 'audio' || major === 'video') return major;
    if (DOCUMENT_TYPES.test(mime)) return 'document';
  }
  const medium = declared?.trim().toLowerCase();
  if (medium === 'image' || medium === 'audio' || medium === 'video' || medium === 'document') return medium;
  if (medium === 'executable') return 'other';
  if (mime) return 'other';
  let path = '';
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const extension = path.match(/\.([a-z0-9]{2,5})$/i)?.[1]?.toLowerCase();
  return extension ? EXTENSION_MEDIUM[extension] : undefined;
}

/**
 * Absolute http(s) URLs only, one entry per URL: later duplicates only fill in missing fields.
 *
 * @example finishMedia([{ url: '/a.mp3' }], 'https://abc.example/post') // => [{ url: 'https://abc.example/a.mp3', medium: 'audio' }]
 */
export function finishMedia(media: Media[], base: string): Media[] {
  const byUrl = new Map<string, Media>();
  for (const entry of media) {
    const url = resolveUrl(entry.url, base);
    if (!url) continue;
    const type = entry.type?.trim() || undefined;
    const candidate: Media = {
      url,
      ...(type ? { type } : {}),
      ...optionalMedium(mediumOf(url, type, entry.medium)),
      ...(entry.length !== undefined && Number.isFinite(entry.length) && entry.length > 0 ? { length: entry.length } : {}),
      ...(entry.title?.trim() ? { title: collapseWhitespace(entry.title) } : {}),
    };
    const existing = byUrl.get(url);
    byUrl.set(url, existing ? { ...candidate, ...existing } : candidate);
  }
  // Re-create each object so the key order is stable whatever order the fields were merged in.
  return [...byUrl.values()].map((m) => ({
    url: m.url,
    ...(m.type ? { type: m.type } : {}),
    ...(m.medium ? { medium: m.medium } : {}),
    ...(m.length !== undefined ? { length: m.length } : {}),
    ...(m.title ? { title: m.title } : {}),
  }));
}

function optionalMedium(medium: Media['medium']): { medium?: Media['medium'] } {
  return medium ? { medium } : {};
}
