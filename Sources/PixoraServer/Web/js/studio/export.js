// The export step: MP4 (H.264/AAC) or WebM (VP9/Opus) at a quality, then the finished file in a player with a
// download link.

import { h } from '../ui.js';
import { formatBytes, formatDuration } from '../format.js';
import { segmented } from '../landing/controls.js';

const FORMATS = [
  { value: 'mp4', label: 'MP4', hint: 'H.264 and AAC: plays everywhere' },
  { value: 'webm', label: 'WebM', hint: 'VP9 and Opus: smaller, open formats' },
];

export function exportPart(ctx, view) {
  const workflow = ctx.project.workflow;
  const done = workflow.outputs.export;
  const format = segmented('export-format', 'Format', FORMATS, done?.format || 'mp4');
  const quality = segmented('export-quality', 'Quality', ctx.options.quality,
    done?.quality || workflow.settings.quality);
  const part = {
    choices: () => ({ format: format.value(), quality: quality.value() }),
  };
  part.body = h('div', { class: 'export-body' },
    h('div', { class: 'export-choices' }, format.element, quality.element),
    done ? exported(done, ctx.project.title) : null);
  return part;
}

function exported(done, title) {
  const name = done.format === 'webm' ? 'WebM' : 'MP4';
  const separator = done.url.includes('?') ? '&' : '?';
  return h('div', { class: 'export-result' },
    h('video', { class: 'export-player', src: done.url, poster: done.thumbnailUrl || null, controls: true,
      preload: 'metadata', playsinline: true, 'aria-label': `The exported video: ${title}` }),
    h('p', { class: 'export-facts small muted' },
      `${name} · ${done.width}×${done.height} · ${formatDuration(done.duration)} · ${formatBytes(done.bytes)}`),
    h('a', { class: 'button primary download-export', href: `${done.url}${separator}download=1`, download: '' },
      `Download ${name}`));
}
