// View model of an article's media: an image, an audio or video player, or a plain link.
import type { Media } from '../../config/schema.ts';
import { formatNumber } from '../../editions/describeRule.ts';

export interface MediaView {
  kind: 'image' | 'audio' | 'video' | 'link';
  url: string;
  type?: string;
  title: string;
  /** Alternative text of an image: its title, else empty (decorative). */
  alt: string;
}

/**
 * How a media item is shown: an image, an audio or video player, or a plain link.
 *
 * @example mediaView({ url: 'https://x.example/a.mp3', type: 'audio/mpeg' }).kind // => 'audio'
 */
export function mediaView(media: Media): MediaView {
  const type = media.type?.toLowerCase() ?? '';
  const kind =
    media.medium === 'image' || type.startsWith('image/')
      ? 'image'
      : media.medium === 'audio' || type.startsWith('audio/')
        ? 'audio'
        : media.medium === 'video' || type.startsWith('video/')
          ? 'video'
          : 'link';
  const size = media.length ? ` (${formatNumber(media.length / 1_000_000)} MB)` : '';
  const name = media.title ?? (media.url.split('/').pop() || media.url);
  return { kind, url: media.url, ...(media.type !== undefined && { type: media.type }), title: kind === 'image' ? name : `${name}${size}`, alt: media.title ?? '' };
}
