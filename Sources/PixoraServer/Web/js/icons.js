// The studio's small icons (24×24, currentColor), built with DOM calls: glyph fonts differ too much between
// systems. Decorative: the button or link around an icon carries the words.

import { svg } from './ui.js';

// Line icons of the dashboard.
const LINES = {
  search: [['circle', { cx: 11, cy: 11, r: 7 }], ['path', { d: 'M20 20l-4.2-4.2' }]],
  trash: [['path', { d: 'M4 7h16M10 11v6M14 11v6M6 7l1 12a2 2 0 0 0 2 2h6a2 2 0 0 0 2-2l1-12M9 7V4h6v3' }]],
  clock: [['circle', { cx: 12, cy: 12, r: 9 }], ['path', { d: 'M12 7v5l3 2' }]],
  ban: [['circle', { cx: 12, cy: 12, r: 9 }], ['path', { d: 'M5.7 5.7l12.6 12.6' }]],
  alert: [['circle', { cx: 12, cy: 12, r: 9 }], ['path', { d: 'M12 7.5v5.5M12 16.5v.5' }]],
  play: [['path', { d: 'M8 5.5l11 6.5-11 6.5z', fill: 'currentColor' }]],
  bell: [['path', { d: 'M6 16V11a6 6 0 0 1 12 0v5l2 2H4z' }], ['path', { d: 'M10 20a2 2 0 0 0 4 0' }]],
  star: [['path', { d: 'M12 3.5l2.6 5.3 5.9.9-4.2 4.1 1 5.8-5.3-2.8-5.3 2.8 1-5.8-4.2-4.1 5.9-.9z' }]],
  folder: [['path', { d: 'M3 7a2 2 0 0 1 2-2h4l2 2h8a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z' }]],
  pause: [['circle', { cx: 12, cy: 12, r: 9 }], ['path', { d: 'M10 8.5v7M14 8.5v7' }]],
};

// Filled transport icons of the editor's preview.
const MEDIA = {
  play: 'M8 5v14l11-7z',
  pause: 'M7 5h4v14H7zM13 5h4v14h-4z',
  previous: 'M6 5h2v14H6zM20 5v14L9 12z',
  next: 'M16 5h2v14h-2zM4 5l11 7-11 7z',
};

/** A 20 px line icon: search, trash, clock, ban, alert, play, bell, star, folder, pause. */
export function lineIcon(name) {
  return svg('svg', {
    viewBox: '0 0 24 24', width: 20, height: 20, fill: 'none', stroke: 'currentColor', 'stroke-width': 2,
    'stroke-linecap': 'round', 'stroke-linejoin': 'round', 'aria-hidden': 'true', focusable: 'false', class: 'icon',
  }, (LINES[name] || []).map(([tag, shape]) => svg(tag, shape)));
}

/** An 18 px filled icon: play, pause, previous, next. */
export function mediaIcon(name) {
  return svg('svg', { viewBox: '0 0 24 24', width: '18', height: '18', 'aria-hidden': 'true', focusable: 'false' },
    svg('path', { d: MEDIA[name], fill: 'currentColor' }));
}
