// The timeline's Video row: a block per clip (thumbnail, number, length) that reorders by pointer drag or
// Alt+←/→ and trims with the handle on its right edge, and a chip at each cut for its transition.

import { h } from '../ui.js';
import { round } from '../format.js';
import { labelOf } from '../options.js';
import { overlap } from '../timing.js';
import { trackPointer } from './pointer.js';

const TRANSITION_ICONS = {
  cut: '|', fade: '◐', dissolve: '◌', fadeblack: '●', fadewhite: '○', slideleft: '←', slideright: '→', slideup: '↑',
  slidedown: '↓', wipeleft: '⇤', wiperight: '⇥', wipeup: '⤒', wipedown: '⤓', circleopen: '◯', radial: '◔', smoothleft: '↢',
};

/** The row of `tl` (the Timeline) at `pps` pixels per second; keeps tl.videoLane and tl.dropMarker. */
export function videoRow(tl, pps) {
  const lane = h('div', { class: 'tl-lane video-lane', role: 'group', 'aria-label': 'Video clips and transitions' });
  tl.videoLane = lane;
  const state = tl.state;
  const handles = state.clips.map((clip, index) => {
    const { block, handle } = clipBlock(tl, clip, index, pps);
    lane.append(block);
    return handle;
  });
  // Handles above every clip: the next clip overlaps this one's end during a transition.
  lane.append(...handles);
  state.transitions.slice(0, Math.max(0, state.clips.length - 1)).forEach((transition, index) => {
    lane.append(cutChip(tl, transition, index, pps));
  });
  tl.dropMarker = h('div', { class: 'drop-marker', hidden: true, 'aria-hidden': 'true' });
  lane.append(tl.dropMarker);
  return tl.row('video', 'Video', lane);
}

function clipBlock(tl, clip, index, pps) {
  const start = tl.starts[index];
  const thumb = tl.thumbnail(clip);
  const name = tl.clipName(index);
  const body = h('button', {
    type: 'button', class: 'clip-body', 'aria-label': `${name}, ${clip.duration.toFixed(1)} seconds. Alt+Left or Alt+Right moves it.`,
    dataset: { focusKey: `clip:${clip.id}` },
    onclick: () => tl.select({ type: 'clip', index }),
    onkeydown: (event) => clipKey(tl, event, index),
  },
  thumb ? h('img', { src: thumb, alt: '', draggable: false, loading: 'lazy' }) : null,
  h('span', { class: 'clip-number' }, String(index + 1), h('span', { class: 'clip-duration' }, ` · ${clip.duration.toFixed(1)} s`)));
  const handle = h('span', {
    class: 'trim-handle', title: `Drag to trim clip ${index + 1}`, 'aria-hidden': 'true',
    style: { left: `${(start + clip.duration) * pps}px` },
  });
  const block = h('div', {
    class: 'clip', dataset: { index: String(index) },
    style: { left: `${start * pps}px`, width: `${Math.max(clip.duration * pps, 8)}px`, zIndex: String(10 + index) },
  }, body);
  body.addEventListener('pointerdown', (event) => dragClip(tl, event, index, block, handle));
  handle.addEventListener('pointerdown', (event) => trimClip(tl, event, index, block, handle));
  return { block, handle };
}

function clipKey(tl, event, index) {
  if (!event.altKey || (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight')) return;
  event.preventDefault();
  const to = index + (event.key === 'ArrowLeft' ? -1 : 1);
  if (to < 0 || to >= tl.state.clips.length) return;
  moveClip(tl, index, to);
}

async function moveClip(tl, from, to) {
  const id = tl.state.clips[from].id;
  tl.selection = { type: 'clip', index: to };
  try {
    await tl.model.apply([{ op: 'moveClip', from, to }], { label: `Move clip ${from + 1} to position ${to + 1}` });
    tl.onSelect(tl.selection);
    tl.body.querySelector(`[data-focus-key="${CSS.escape(`clip:${id}`)}"]`)?.focus({ preventScroll: true });
  } catch {
    // The page shows the error (model `error` event).
  }
}

/** Pointer drag of a clip: after a few pixels it follows the pointer and drops at the nearest gap. */
function dragClip(tl, event, index, block, handle) {
  if (event.button !== 0) return;
  const startX = event.clientX;
  let dragging = false;
  let insert = index;
  const target = event.currentTarget;
  const clips = tl.state.clips;
  const move = (e) => {
    const dx = e.clientX - startX;
    if (!dragging) {
      if (Math.abs(dx) < 6 || clips.length < 2) return;
      dragging = true;
      target.setPointerCapture(e.pointerId);
      block.classList.add('dragging');
      handle.hidden = true;
    }
    block.style.transform = `translateX(${dx}px)`;
    const rect = tl.videoLane.getBoundingClientRect();
    const time = (e.clientX - rect.left) / tl.pps;
    insert = 0;
    clips.forEach((clip, k) => {
      if (k !== index && tl.starts[k] + clip.duration / 2 < time) insert = k + 1;
    });
    const markerTime = insert >= clips.length ? tl.total : tl.starts[insert];
    tl.dropMarker.hidden = insert === index || insert === index + 1;
    tl.dropMarker.style.left = `${markerTime * tl.pps}px`;
  };
  const up = (release) => {
    if (release.type === 'pointercancel') insert = index;
    if (!dragging) return;
    block.classList.remove('dragging');
    block.style.transform = '';
    handle.hidden = false;
    tl.dropMarker.hidden = true;
    // Swallow the click that follows a drag.
    target.addEventListener('click', (e) => e.stopImmediatePropagation(), { capture: true, once: true });
    const to = insert > index ? insert - 1 : insert;
    if (to !== index) moveClip(tl, index, to);
  };
  trackPointer(target, move, up);
}

/** Pointer drag of the right edge: the block resizes live, the trim is sent on release. */
function trimClip(tl, event, index, block, handleElement) {
  if (event.button !== 0) return;
  event.preventDefault();
  event.stopPropagation();
  const handle = event.currentTarget;
  handle.setPointerCapture(event.pointerId);
  const clip = tl.state.clips[index];
  const startX = event.clientX;
  let duration = clip.duration;
  const label = block.querySelector('.clip-duration');
  block.classList.add('trimming');
  const move = (e) => {
    duration = Math.min(120, Math.max(0.5, clip.duration + (e.clientX - startX) / tl.pps));
    duration = round(duration, 1);
    block.style.width = `${duration * tl.pps}px`;
    handleElement.style.left = `${(tl.starts[index] + duration) * tl.pps}px`;
    label.textContent = ` · ${duration.toFixed(1)} s`;
  };
  const up = () => {
    block.classList.remove('trimming');
    if (Math.abs(duration - clip.duration) >= 0.05) {
      tl.selection = { type: 'clip', index };
      tl.model.apply([{ op: 'trimClip', clip: index, duration }], { label: `Trim clip ${index + 1} to ${duration.toFixed(1)} s` })
        .then(() => tl.onSelect(tl.selection))
        .catch(() => tl.render(tl.state));
    } else {
      block.style.width = `${clip.duration * tl.pps}px`;
      handleElement.style.left = `${(tl.starts[index] + clip.duration) * tl.pps}px`;
      label.textContent = ` · ${clip.duration.toFixed(1)} s`;
    }
  };
  trackPointer(handle, move, up);
}

function cutChip(tl, transition, index, pps) {
  const at = tl.starts[index + 1] + overlap(transition) / 2;
  const label = labelOf(tl.transitions, transition.kind);
  const text = transition.kind === 'cut' ? 'Cut' : `${label}, ${transition.duration.toFixed(1)} s`;
  return h('button', {
    type: 'button', class: `cut-chip kind-${transition.kind}`, style: { left: `${at * pps}px` },
    title: `Transition ${index + 1}: ${text}. Click to change.`,
    'aria-label': `Transition between clip ${index + 1} and ${index + 2}: ${text}`,
    dataset: { focusKey: `cut:${index}`, cut: String(index) },
    onclick: () => tl.select({ type: 'cut', index }),
  }, h('span', { 'aria-hidden': 'true' }, TRANSITION_ICONS[transition.kind] || '◆'),
  transition.kind === 'cut' ? null : h('span', { class: 'cut-duration' }, transition.duration.toFixed(1)));
}
