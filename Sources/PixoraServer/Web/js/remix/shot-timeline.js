// The sample's shots on a timeline: one tile per shot, as wide as the shot is long, with its keyframe, its
// dominant colours as a band, and how it begins (a hard cut, or a gradual fade/dissolve drawn as a ramp).
// A tile is a button that seeks the sample player to the shot.

import { h } from '../ui.js';
import { formatTime, round } from '../format.js';
import { cssColour, timeAxis } from './charts.js';

const ENTRY = { start: 'Start', cut: 'Hard cut', gradual: 'Gradual' };

/** The timeline of `shots` (with `keyframeUrls` in shot order) over `duration` s; `seek(seconds)` on a click. */
export function shotTimeline(shots, keyframeUrls, duration, seek) {
  const total = duration || shots.at(-1)?.end || 1;
  const strip = h('ol', { class: 'shot-strip', 'aria-label': 'Shots, in order' },
    shots.map((shot, index) => tile(shot, keyframeUrls[index], total, seek)));
  // Narrow screens scroll sideways rather than squeezing a long sample's shots to slivers.
  strip.style.minWidth = `max(100%, ${shots.length * 44}px)`;
  const legend = h('ul', { class: 'shot-legend small muted' },
    h('li', {}, h('span', { class: 'legend-mark cut', 'aria-hidden': 'true' }), 'Hard cut'),
    h('li', {}, h('span', { class: 'legend-mark gradual', 'aria-hidden': 'true' }), 'Fade or dissolve'));
  return h('div', { class: 'shot-timeline' },
    h('div', { class: 'shot-scroll' },
      h('div', { class: 'shot-track', style: { minWidth: strip.style.minWidth } }, strip, timeAxis(total))),
    legend);
}

function tile(shot, url, total, seek) {
  const length = Math.max(0, shot.end - shot.start);
  const entry = ENTRY[shot.entry] || shot.entry;
  const words = `Shot ${shot.index}: ${formatTime(shot.start)} to ${formatTime(shot.end)}, ${round(length, 1)} s, ${entry.toLowerCase()}`
    + `${shot.entry === 'gradual' && shot.transitionSeconds ? ` over ${round(shot.transitionSeconds, 1)} s` : ''}`
    + `, brightness ${Math.round(shot.brightness * 100)}%, motion ${Math.round(shot.motion * 100)}%`;
  const picture = url
    ? h('img', { src: url, alt: `Keyframe of shot ${shot.index}`, loading: 'lazy', decoding: 'async', class: 'keyframe' })
    : h('span', { class: 'keyframe missing' });
  const ramp = shot.entry === 'gradual' && length > 0
    ? h('span', { class: 'shot-ramp', 'aria-hidden': 'true', style: { width: `${Math.min(100, (shot.transitionSeconds / length) * 100)}%` } })
    : null;
  const colours = h('span', { class: 'shot-colours', 'aria-hidden': 'true' },
    (shot.colours || []).map((hex) => h('span', { style: { background: cssColour(hex) } })));
  return h('li', {
    class: `shot entry-${shot.entry}`, dataset: { index: String(shot.index) },
    style: { flexGrow: String(Math.max(length, total / 400)) },
  },
  h('button', { type: 'button', class: 'shot-button', title: words, 'aria-label': `${words}. Play from here.`, onclick: () => seek(shot.start) },
    picture, ramp, colours,
    h('span', { class: 'shot-label', 'aria-hidden': 'true' }, `${shot.index}`)));
}
