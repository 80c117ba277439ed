// The analysis charts, drawn with DOM calls (inline SVG and positioned boxes, no library): the pacing bars,
// the palette and the sound lanes, and the time axis they share with the shot timeline.

import { h, svg } from '../ui.js';
import { capitalize, formatDuration, round } from '../format.js';

const TICK_STEPS = [0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300];

/** A colour from the server as CSS, or grey when it is not a hex colour (never other CSS). */
export function cssColour(hex) {
  return /^#[0-9a-f]{3,8}$/i.test(String(hex)) ? hex : '#888888';
}

/** Seconds along a track of `duration` s as a CSS left/width percentage. */
function percent(seconds, duration) {
  return `${Math.max(0, Math.min(100, (seconds / duration) * 100))}%`;
}

/** Tick labels under a track of `duration` seconds: at most six, so they stay apart on a phone. */
export function timeAxis(duration) {
  const step = TICK_STEPS.find((candidate) => duration / candidate <= 5) || 600;
  const ticks = [];
  for (let time = 0; time <= duration + 1e-6; time += step) ticks.push(time);
  return h('div', { class: 'time-axis', 'aria-hidden': 'true' },
    ticks.map((time) => h('span', { style: { left: percent(time, duration) } }, step < 1 ? `${round(time, 1)}s` : formatDuration(time))));
}

function statList(rows) {
  return h('dl', { class: 'stat-list' }, rows.filter(Boolean).map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value))));
}

/** Cuts per minute in each window as bars, the average as a dashed line, and the shot-length figures. */
export function pacingChart(pacing, duration) {
  if (!pacing) return h('p', { class: 'muted' }, 'No pacing measured.');
  const rhythm = pacing.rhythm || [];
  const width = 600;
  const height = 150;
  const top = Math.max(1, pacing.cutsPerMinute, ...rhythm);
  const slot = width / Math.max(1, rhythm.length);
  const window = pacing.windowSeconds || duration / Math.max(1, rhythm.length);
  const bars = rhythm.map((value, index) => {
    const barHeight = (value / top) * (height - 4);
    return svg('rect', {
      class: 'pacing-bar', x: index * slot + slot * 0.12, width: slot * 0.76, y: height - barHeight, height: Math.max(barHeight, 0.5),
    }, svg('title', {}, `${formatDuration(index * window)}–${formatDuration(Math.min(duration, (index + 1) * window))}: ${round(value, 1)} cuts per minute`));
  });
  const average = height - (pacing.cutsPerMinute / top) * (height - 4);
  const chart = svg('svg', {
    class: 'pacing-svg', viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: 'none', role: 'img',
    'aria-label': `Cuts per minute in ${rhythm.length} windows of ${round(window, 1)} s, from ${round(Math.min(...rhythm, 0), 1)} to ${round(Math.max(...rhythm, 0), 1)}`,
  },
  svg('line', { class: 'pacing-grid', x1: 0, x2: width, y1: height - 0.5, y2: height - 0.5 }),
  bars,
  svg('line', { class: 'pacing-average', x1: 0, x2: width, y1: average, y2: average }));
  return h('div', { class: 'pacing' },
    h('div', { class: 'chart-frame' },
      h('span', { class: 'chart-max small muted' }, `${round(top, 0)} cuts/min`),
      chart,
      timeAxis(rhythm.length * window || duration)),
    h('p', { class: 'small muted chart-key' }, h('span', { class: 'legend-mark average', 'aria-hidden': 'true' }), 'Average over the whole video'),
    statList([
      ['Cuts per minute', String(round(pacing.cutsPerMinute, 1))],
      ['Mean shot', `${round(pacing.meanShotSeconds, 2)} s`],
      ['Median shot', `${round(pacing.medianShotSeconds, 2)} s`],
      ['Shortest / longest', `${round(pacing.shortestShotSeconds, 2)} s / ${round(pacing.longestShotSeconds, 2)} s`],
      pacing.trend ? ['Trend', capitalize(pacing.trend)] : null,
    ]));
}

/** The whole video's colours as one bar (each as wide as its share) and as labelled swatches. */
export function paletteSwatches(palette) {
  if (!palette?.length) return h('p', { class: 'muted' }, 'No palette measured.');
  const total = palette.reduce((sum, colour) => sum + colour.share, 0) || 1;
  return h('div', { class: 'palette' },
    h('div', { class: 'palette-bar', role: 'img', 'aria-label': `Palette of ${palette.length} colours` },
      palette.map((colour) => h('span', { style: { background: cssColour(colour.hex), flexGrow: String(colour.share / total) } }))),
    h('ul', { class: 'swatch-list' }, palette.map((colour) => h('li', { class: 'swatch' },
      h('span', { class: 'swatch-chip', style: { background: cssColour(colour.hex) }, 'aria-hidden': 'true' }),
      h('span', { class: 'swatch-hex' }, String(colour.hex)),
      h('span', { class: 'swatch-share muted' }, `${Math.round(colour.share * 100)}%`)))));
}

const LANES = [['speech', 'Speech'], ['music', 'Music'], ['silence', 'Silence']];

/** Speech, music and silence on lanes along the time axis, with the loudness, tempo and shares. */
export function soundLanes(audio, duration) {
  if (!audio?.present) return h('p', { class: 'muted no-sound' }, 'The sample has no sound track.');
  const segments = audio.segments || [];
  const lanes = LANES.map(([kind, label]) => h('div', { class: `sound-lane lane-${kind}` },
    h('span', { class: 'lane-label' }, label),
    h('div', { class: 'lane-track' },
      segments.filter((segment) => segment.kind === kind).map((segment) => h('span', {
        class: 'lane-segment', title: `${label}: ${round(segment.start, 1)}–${round(segment.end, 1)} s`,
        style: { left: percent(segment.start, duration), width: percent(segment.end - segment.start, duration) },
      })))));
  const share = (value) => `${Math.round((value || 0) * 100)}%`;
  return h('div', { class: 'sound' },
    h('div', { class: 'sound-lanes', role: 'img', 'aria-label': `Sound over time: speech ${share(audio.speechShare)}, music ${share(audio.musicShare)}, silence ${share(audio.silenceShare)}` },
      lanes,
      h('div', { class: 'sound-lane axis-lane' }, h('span', { class: 'lane-label' }), timeAxis(duration))),
    statList([
      typeof audio.integratedLoudness === 'number' ? ['Loudness', `${round(audio.integratedLoudness, 1)} LUFS`] : null,
      typeof audio.loudnessRange === 'number' ? ['Loudness range', `${round(audio.loudnessRange, 1)} LU`] : null,
      ['Tempo', typeof audio.tempoBPM === 'number' ? `${Math.round(audio.tempoBPM)} BPM` : 'No steady beat'],
      ['Speech / music / silence', `${share(audio.speechShare)} / ${share(audio.musicShare)} / ${share(audio.silenceShare)}`],
    ]));
}
