// The edit step: the project's timeline as the server assembled it — the clips in order, each split at a time or
// at the player's playhead, and the effects lane with its volume. Every edit is sent as an editor operation; the
// server does the timeline arithmetic and answers with the new timeline.

import { h } from '../ui.js';
import { formatTime, round } from '../format.js';
import { linkPath } from '../stream.js';
import { clipStarts, totalDuration } from '../timing.js';
import { runStep, busy } from './actions.js';
import { blockReason } from './step-state.js';

/** The signed link among `items` whose file is `asset` ("<hex>.mp4"). */
function linkOf(items, asset) {
  return items.find((url) => url && linkPath(url).endsWith(`/${asset}`)) || null;
}

export function editPart(ctx, view) {
  const outputs = ctx.project.workflow.outputs;
  const edit = outputs.edit;
  const part = {};
  if (!edit) return part;
  const state = edit.editorState;
  const blocked = Boolean(blockReason(ctx.project, view)) || view.state === 'running';
  const apply = (button, operations, title) => busy(button, () => runStep(ctx, 'edit', title, { operations }));
  const numbers = ctx.sceneNumbers();
  const clipLinks = (outputs.clips?.scenes || []).map((clip) => clip.clipUrl);
  const effectLinks = (outputs.audio?.effects || []).map((effect) => effect.url);

  // One player for the clip being looked at; its playhead is where "Split at the playhead" cuts.
  const player = h('video', {
    class: 'edit-player', controls: true, preload: 'metadata', playsinline: true, muted: true });
  let current = null;
  const playing = h('p', { class: 'small muted', id: 'edit-player-clip' }, 'Choose a clip to look at.');
  const playhead = h('output', { class: 'playhead', id: 'edit-playhead', 'aria-live': 'off' }, formatTime(0));
  const splitHere = h('button', {
    type: 'button', class: 'button', disabled: true, 'aria-describedby': 'edit-player-clip',
    onclick: () => {
      const at = round(player.currentTime - (current.clip.trimIn || 0), 2);
      apply(splitHere, [{ op: 'splitClip', clip: current.index, at }], `Split clip ${current.index + 1}`);
    },
  }, 'Split at the playhead');
  player.addEventListener('timeupdate', () => {
    if (!current) return;
    const offset = player.currentTime - (current.clip.trimIn || 0);
    playhead.textContent = formatTime(offset);
    if (offset > current.clip.duration + 0.05) player.pause();
  });
  const look = (clip, index) => {
    const url = linkOf(clipLinks, clip.asset);
    if (!url) return;
    current = { clip, index };
    player.src = `${url}#t=${clip.trimIn || 0}`;
    playing.textContent = `Clip ${index + 1} (scene ${numbers[clip.sceneId] || '?'}), ${round(clip.duration, 2)} s`;
    splitHere.disabled = blocked;
  };

  const starts = clipStarts(state);
  const rows = state.clips.map((clip, index) => {
    const from = starts[index];
    const at = h('input', { type: 'number', id: `split-${clip.id}`, min: 0.5, max: Math.max(clip.duration - 0.5, 0.5),
      step: 0.1, value: String(round(clip.duration / 2, 1)), inputmode: 'decimal', disabled: blocked });
    const split = h('button', {
      type: 'button', class: 'button small', disabled: blocked, 'aria-label': `Split clip ${index + 1}`,
      onclick: () => apply(split, [{ op: 'splitClip', clip: index, at: Number(at.value) }], `Split clip ${index + 1}`),
    }, 'Split');
    return h('li', { class: 'timeline-clip', dataset: { clip: clip.id, index: String(index) } },
      h('button', { type: 'button', class: 'clip-look', onclick: () => look(clip, index),
        'aria-label': `Look at clip ${index + 1}` },
      h('span', { class: 'clip-index' }, String(index + 1)),
      h('span', {}, `Scene ${numbers[clip.sceneId] || '–'}`),
      h('span', { class: 'small muted' }, `${formatTime(from)} · ${round(clip.duration, 2)} s`)),
      h('span', { class: 'split-field' },
        h('label', { for: at.id }, `Split clip ${index + 1} at (s)`), at, split));
  });

  part.body = h('div', { class: 'edit-body' },
    h('div', { class: 'edit-stage' }, player, h('div', { class: 'button-row' }, playhead, splitHere), playing),
    h('div', {},
      h('h3', {},
        `Timeline · ${state.clips.length} clips · ${formatTime(totalDuration(state))} · revision ${edit.revision}`),
      h('ol', { class: 'timeline-clips', role: 'list' }, rows),
      effectsLane(state, effectLinks, blocked, apply)));
  return part;
}

/** The effects lane: each sound with its time and volume, removable, and the lane's own volume. */
function effectsLane(state, links, blocked, apply) {
  const lane = state.audio.effects || { volume: 1, segments: [] };
  const volume = h('input', {
    type: 'range', id: 'effects-volume', min: 0, max: 2, step: 0.05, value: String(lane.volume), disabled: blocked });
  const shown = h('output', { for: 'effects-volume' }, `${Math.round(lane.volume * 100)}%`);
  volume.addEventListener('input', () => { shown.textContent = `${Math.round(Number(volume.value) * 100)}%`; });
  const setVolume = h('button', {
    type: 'button', class: 'button small', disabled: blocked,
    onclick: () => apply(setVolume, [{ op: 'setTrackVolume', track: 'effects', volume: Number(volume.value) }],
      'Effects volume'),
  }, 'Apply volume');
  return h('section', { class: 'effects-lane', 'aria-labelledby': 'effects-lane-title' },
    h('h3', { id: 'effects-lane-title' }, 'Effects lane'),
    lane.segments.length
      ? h('ol', { class: 'lane-effects', role: 'list' }, lane.segments.map((segment, index) => {
        const remove = h('button', {
          type: 'button', class: 'button small ghost', disabled: blocked, 'aria-label': `Remove effect ${index + 1}`,
          onclick: () => apply(remove, [{ op: 'removeEffect', effect: index }], `Remove effect ${index + 1}`),
        }, 'Remove');
        const url = linkOf(links, segment.asset);
        return h('li', { class: 'lane-effect' },
          h('span', {}, `Effect ${index + 1} · from ${formatTime(segment.start)} · ${round(segment.duration, 1)} s · `
            + `volume ${Math.round(segment.volume * 100)}%`),
          url ? h('audio', { src: url, controls: true, preload: 'none', 'aria-label': `Effect ${index + 1}` }) : null,
          remove);
      }))
      : h('p', { class: 'muted small' }, 'No sound effects on the timeline.'),
    h('div', { class: 'inline-field' },
      h('label', { for: 'effects-volume' }, 'Effects volume'), volume, shown, setVolume));
}
