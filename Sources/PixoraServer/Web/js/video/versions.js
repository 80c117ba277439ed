// The preview's version list: each rendered version with its thumbnail, date and length, the current one marked,
// and "Watch" to play an older one in the player.

import { h, mount, toast, errorText } from '../ui.js';
import { formatDate, formatDuration } from '../format.js';
import { statusBadge } from '../status.js';

export async function loadVersions(ctx, current, box, videoElement) {
  try {
    const { versions } = await ctx.get('/versions');
    if (!versions?.length) {
      mount(box, h('p', { class: 'muted' }, 'No versions yet.'));
      return;
    }
    const list = h('ol', { class: 'version-list' });
    for (const version of [...versions].reverse()) {
      const playable = version.status === 'ready' && version.videoUrl;
      list.append(h('li', { class: `version${version.current ? ' current' : ''}` },
        version.thumbnailUrl ? h('img', { src: version.thumbnailUrl, alt: '', class: 'version-thumb', loading: 'lazy' }) : h('span', { class: 'version-thumb empty-thumb' }),
        h('div', { class: 'version-info' },
          h('div', { class: 'version-name' },
            h('strong', {}, `Version ${version.number}`),
            version.current ? h('span', { class: 'badge current-badge' }, 'Current') : null,
            version.status !== 'ready' ? statusBadge(version.status) : null),
          h('span', { class: 'hint' }, [formatDate(version.createdAt), version.durationSeconds ? formatDuration(version.durationSeconds) : null].filter(Boolean).join(' · ')),
          version.error ? h('span', { class: 'field-error' }, version.error) : null),
        playable && !version.current ? h('button', {
          type: 'button', class: 'button small ghost', 'aria-label': `Watch version ${version.number}`,
          onclick: () => {
            videoElement.src = version.videoUrl;
            if (version.thumbnailUrl) videoElement.poster = version.thumbnailUrl;
            videoElement.play().catch(() => {});
            toast(`Playing version ${version.number}. The current version is still v${current.currentVersion}.`, 'info');
          },
        }, 'Watch') : null));
    }
    mount(box, list, versions.length >= 5 ? h('p', { class: 'hint' }, 'A video keeps at most 5 versions; saving another removes the oldest.') : null);
  } catch (error) {
    if (error.name === 'AbortError') return;
    mount(box, h('p', { class: 'field-error' }, `The versions could not be loaded: ${errorText(error)}`));
  }
}
