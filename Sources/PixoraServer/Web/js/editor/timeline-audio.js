// The timeline's Voice, Music and Captions rows: segments with their volumes and loops, cues as they show, and
// track labels that open the audio mix or the caption settings.

import { h } from '../ui.js';
import { formatTime } from '../format.js';

export function voiceRow(tl, pps) {
  const lane = h('div', { class: 'tl-lane audio-lane' });
  const track = tl.state.audio.voice;
  track.segments.forEach((segment, index) => {
    const clipIndex = clipOfTime(tl, segment.start);
    lane.append(h('button', {
      type: 'button', class: 'segment voice', dataset: { focusKey: `voice:${index}` },
      style: { left: `${segment.start * pps}px`, width: `${Math.max(segment.duration * pps, 6)}px`, '--gain': String(Math.min(1, segment.volume / 2)) },
      title: `Voice ${index + 1}: ${formatTime(segment.start)}–${formatTime(segment.start + segment.duration)}, volume ${Math.round(segment.volume * 100)} %`,
      'aria-label': `Voice ${index + 1}, volume ${Math.round(segment.volume * 100)} percent. Opens clip ${clipIndex + 1}.`,
      onclick: () => tl.select({ type: 'clip', index: clipIndex }),
    }, h('span', {}, `Voice ${index + 1}`), segment.volume !== 1 ? h('span', { class: 'segment-gain' }, `${Math.round(segment.volume * 100)} %`) : null));
  });
  const label = h('button', { type: 'button', class: 'tl-label-button', onclick: () => tl.select({ type: 'audio' }), 'aria-label': `Voice track, ${Math.round(track.volume * 100)} percent. Open the audio mix.` },
    'Voice', h('span', { class: 'tl-label-value' }, `${Math.round(track.volume * 100)} %`));
  return tl.row('voice', label, lane);
}

export function musicRow(tl, pps) {
  const lane = h('div', { class: 'tl-lane audio-lane' });
  const track = tl.state.audio.music;
  track.segments.forEach((segment, index) => {
    lane.append(h('button', {
      type: 'button', class: 'segment music', dataset: { focusKey: `music:${index}` },
      style: { left: `${segment.start * pps}px`, width: `${Math.max(segment.duration * pps, 6)}px` },
      title: `Music ${index + 1}: ${formatTime(segment.start)}–${formatTime(segment.start + segment.duration)}${segment.loop ? ', looped' : ''}`,
      'aria-label': `Music ${index + 1}. Open the audio mix.`,
      onclick: () => tl.select({ type: 'audio' }),
    }, h('span', {}, `Music ${index + 1}${segment.loop ? ' ↻' : ''}`)));
  });
  if (!track.segments.length) lane.append(h('span', { class: 'lane-empty' }, 'No music'));
  const label = h('button', { type: 'button', class: 'tl-label-button', onclick: () => tl.select({ type: 'audio' }), 'aria-label': `Music track, ${Math.round(track.volume * 100)} percent. Open the audio mix.` },
    'Music', h('span', { class: 'tl-label-value' }, `${Math.round(track.volume * 100)} %`));
  return tl.row('music', label, lane);
}

export function captionRow(tl, pps) {
  const captions = tl.state.captions;
  const lane = h('div', { class: `tl-lane caption-lane${captions.enabled ? '' : ' disabled'}` });
  for (const cue of captions.cues) {
    lane.append(h('span', {
      class: 'cue', title: cue.text,
      style: { left: `${cue.start * pps}px`, width: `${Math.max((cue.end - cue.start) * pps, 4)}px` },
    }, cue.text));
  }
  const label = h('button', { type: 'button', class: 'tl-label-button', onclick: () => tl.select({ type: 'captions' }), 'aria-label': `Captions ${captions.enabled ? 'on' : 'off'}. Open caption settings.` },
    'Captions', h('span', { class: 'tl-label-value' }, captions.enabled ? 'on' : 'off'));
  return tl.row('captions', label, lane);
}

/** The clip playing at `time`. */
function clipOfTime(tl, time) {
  let index = 0;
  tl.starts.forEach((start, k) => { if (start <= time + 1e-6) index = k; });
  return index;
}
