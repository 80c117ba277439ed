// A video on the dashboard as a card: picture (or a placeholder for its status), title, status, length, date,
// credits, the failure's reason, Open / Watch progress / Continue editing, Collections, and a star and Delete over
// the picture's corners.

import { h } from '../ui.js';
import { formatDate, formatDuration, plural } from '../format.js';
import { lineIcon } from '../icons.js';
import { expiryText, inProgress, statusBadge } from '../status.js';

/**
 * The card of `video`; `onDelete(video, button)`, `onStar(video, button)` and `onCollections(video, button)` when
 * its buttons are pressed.
 */
export function videoCard(video, { onDelete, onStar, onCollections }) {
  const href = `/videos/${encodeURIComponent(video.id)}`;
  const title = video.title || video.prompt || 'Untitled video';
  const refunded = video.status === 'failed' || video.status === 'cancelled';
  return h('li', { class: `video-card status-${video.status}`, dataset: { id: video.id } },
    // The picture repeats the title link, so it stays out of the tab order and away from screen readers.
    h('a', { class: 'video-thumb', href, 'data-link': true, tabindex: '-1', 'aria-hidden': 'true' }, thumbnail(video)),
    h('div', { class: 'video-body' },
      h('h2', { class: 'video-title' }, h('a', { href, 'data-link': true, title, dataset: { role: 'title' } }, title)),
      h('div', { class: 'video-meta' },
        statusBadge(video.status),
        video.durationSeconds ? h('span', { title: 'Duration' }, h('span', { class: 'visually-hidden' }, 'Duration '), formatDuration(video.durationSeconds)) : null,
        h('time', { datetime: video.createdAt, title: new Date(video.createdAt).toLocaleString() }, formatDate(video.createdAt)),
        expiryText(video)
          ? h('span', { class: 'video-expiry', dataset: { role: 'expiry' } }, expiryText(video)) : null),
      h('p', { class: 'video-credits small muted' },
        plural(video.creditsUsed, 'credit'),
        refunded && video.creditsUsed ? h('span', { class: 'video-refunded' }, ' · refunded') : null),
      video.status === 'failed' && video.error
        ? h('p', { class: 'video-error small', title: video.error }, video.error) : null,
      h('div', { class: 'video-actions' },
        h('a', { class: 'button small', href, 'data-link': true, 'aria-label': `Open ${title}`, dataset: { role: 'open' } },
          inProgress(video.status) ? 'Watch progress' : 'Open'),
        video.status === 'completed'
          ? h('a', {
            class: 'button small primary', href: `${href}/edit`, 'data-link': true, 'aria-label': `Continue editing ${title}`,
            dataset: { role: 'edit' },
          }, 'Continue editing')
          : null,
        h('button', {
          type: 'button', class: 'button small ghost video-collections', dataset: { role: 'collections' },
          'aria-label': `Collections of ${title}`, onclick: (event) => onCollections(video, event.currentTarget),
        }, lineIcon('folder'), video.collectionIds?.length ? `In ${video.collectionIds.length}` : 'Add to collection'))),
    h('button', {
      type: 'button', class: 'video-star', 'aria-pressed': String(Boolean(video.favorite)), dataset: { role: 'star' },
      'aria-label': `Favorite: ${title}`, title: video.favorite ? 'Remove from favorites' : 'Add to favorites',
      onclick: (event) => onStar(video, event.currentTarget),
    }, lineIcon('star')),
    // Last in the tab order (after the title and the actions) but drawn over the picture's corner.
    h('button', {
      type: 'button', class: 'video-delete', 'aria-label': `Delete ${title}`, title: 'Delete video',
      dataset: { role: 'delete' }, onclick: (event) => onDelete(video, event.currentTarget),
    }, lineIcon('trash')));
}

function thumbnail(video) {
  if (video.thumbnailUrl) {
    const image = h('img', { src: video.thumbnailUrl, alt: '', loading: 'lazy', decoding: 'async' });
    // An expired or missing picture falls back to the status placeholder rather than a broken image.
    image.addEventListener('error', () => image.replaceWith(placeholder(video.status)), { once: true });
    return image;
  }
  return placeholder(video.status);
}

function placeholder(status) {
  const looks = {
    queued: ['clock', 'Waiting to start'],
    running: ['', 'Generating…'],
    paused: ['pause', 'Paused'],
    failed: ['alert', 'Generation failed'],
    cancelled: ['ban', 'Cancelled'],
    expired: ['ban', 'Expired: files deleted'],
    completed: ['play', 'No preview'],
  };
  const [name, text] = looks[status] || ['play', ''];
  return h('span', { class: `video-placeholder placeholder-${status}` },
    status === 'running' ? h('span', { class: 'spinner' }) : h('span', { class: 'video-placeholder-icon' }, lineIcon(name)),
    h('span', { class: 'video-placeholder-text' }, text));
}
