// The timeline: a ruler with the playhead, and rows for Video (clips with a transition chip at each cut),
// Voice, Music, Text (overlays) and Captions. Clips reorder by pointer drag or Alt+←/→, trim with the handle
// on their right edge; overlays move in time by drag or Alt+←/→. Every edit goes through the model as an
// operation; the blocks are only redrawn from the state the server answers.

import { h } from '../ui.js';
import { clipStarts, overlap, totalDuration } from './model.js';
import { formatTime } from './player.js';

const LABEL_WIDTH = 92;
const MIN_PPS = 14;
const ZOOMS = [0.5, 0.75, 1, 1.5, 2, 3, 4, 6];

export const TRANSITION_LABELS = {
  cut: 'Cut', fade: 'Fade', dissolve: 'Dissolve', fadeblack: 'Fade through black', fadewhite: 'Fade through white',
  slideleft: 'Slide left', slideright: 'Slide right', slideup: 'Slide up', slidedown: 'Slide down',
  wipeleft: 'Wipe left', wiperight: 'Wipe right', wipeup: 'Wipe up', wipedown: 'Wipe down',
  circleopen: 'Circle open', radial: 'Radial', smoothleft: 'Smooth left',
};

const TRANSITION_ICONS = {
  cut: '|', fade: '◐', dissolve: '◌', fadeblack: '●', fadewhite: '○', slideleft: '←', slideright: '→', slideup: '↑',
  slidedown: '↓', wipeleft: '⇤', wiperight: '⇥', wipeup: '⤒', wipedown: '⤓', circleopen: '◯', radial: '◔', smoothleft: '↢',
};

/**
 * options: model, player, thumbnail(clip) → url|null, clipName(index) → string, onSelect(selection),
 * onAddText().
 * A selection is {type: 'clip', index} | {type: 'cut', index} | {type: 'overlay', id} | {type: 'audio'} |
 * {type: 'captions'} | null.
 */
export class Timeline {
  constructor({ model, player, thumbnail, clipName, onSelect, onAddText }) {
    this.model = model;
    this.player = player;
    this.thumbnail = thumbnail;
    this.clipName = clipName;
    this.onSelect = onSelect;
    this.onAddText = onAddText;
    this.selection = null;
    this.zoomIndex = ZOOMS.indexOf(1);
    this.state = null;
    this.build();
  }

  build() {
    this.zoomLabel = h('span', { class: 'zoom-label', 'aria-live': 'polite' }, '100 %');
    const toolbar = h('div', { class: 'timeline-toolbar' },
      h('h2', { class: 'timeline-title' }, 'Timeline'),
      h('div', { class: 'button-row' },
        h('button', { type: 'button', class: 'button small', onclick: () => this.onAddText() }, '+ Add text'),
        h('button', { type: 'button', class: 'button small ghost', onclick: () => this.select({ type: 'audio' }) }, 'Audio mix'),
        h('button', { type: 'button', class: 'button small ghost', onclick: () => this.select({ type: 'captions' }) }, 'Captions')),
      h('div', { class: 'button-row zoom', role: 'group', 'aria-label': 'Zoom' },
        h('button', { type: 'button', class: 'icon-button small', 'aria-label': 'Zoom out', title: 'Zoom out', onclick: () => this.zoom(-1) }, '−'),
        this.zoomLabel,
        h('button', { type: 'button', class: 'icon-button small', 'aria-label': 'Zoom in', title: 'Zoom in', onclick: () => this.zoom(1) }, '+')));
    this.body = h('div', { class: 'timeline-body' });
    this.scroller = h('div', { class: 'timeline-scroll', tabindex: '-1' }, this.body);
    this.help = h('p', { class: 'hint timeline-help' },
      'Drag a clip to reorder it (or focus it and press Alt+← / Alt+→), drag its right edge to trim it, click a cut to change its transition. Click the ruler to move the playhead.');
    this.element = h('section', { class: 'timeline', 'aria-label': 'Timeline' }, toolbar, this.scroller, this.help);
    this.resizeObserver = new ResizeObserver(() => {
      const width = this.scroller.clientWidth;
      if (this.state && width && Math.abs(width - (this.lastWidth || 0)) > 4) {
        this.lastWidth = width;
        this.render(this.state);
      }
    });
    this.resizeObserver.observe(this.scroller);
  }

  destroy() {
    this.resizeObserver.disconnect();
  }

  get pps() {
    const total = Math.max(this.total || 1, 1);
    const width = this.scroller.clientWidth || 800;
    const available = Math.max(200, width - LABEL_WIDTH - 30); // 24 px of end room, no scrollbar at 100 %
    // Narrow screens scroll rather than squeeze clips below a usable size.
    const minimum = width < 600 ? 36 : MIN_PPS;
    return Math.max(minimum, available / total) * ZOOMS[this.zoomIndex];
  }

  zoom(step) {
    this.zoomIndex = Math.min(ZOOMS.length - 1, Math.max(0, this.zoomIndex + step));
    this.zoomLabel.textContent = `${Math.round(ZOOMS[this.zoomIndex] * 100)} %`;
    if (this.state) this.render(this.state);
    this.centreOn(this.player.time);
  }

  centreOn(time) {
    const x = LABEL_WIDTH + time * this.pps - this.scroller.clientWidth / 2;
    this.scroller.scrollLeft = Math.max(0, x);
  }

  /** Redraws every row from `state` (kept as is while a drag is under way). */
  render(state) {
    this.state = state;
    this.starts = clipStarts(state);
    this.total = totalDuration(state);
    const hadFocus = this.element.contains(document.activeElement) ? document.activeElement.dataset.focusKey : null;
    const pps = this.pps;
    const width = Math.ceil(this.total * pps) + 24;
    this.body.style.setProperty('--lane-width', `${width}px`);
    this.body.style.setProperty('--label-width', `${LABEL_WIDTH}px`);
    this.playhead = h('div', { class: 'playhead', 'aria-hidden': 'true' });
    this.body.replaceChildren(
      this.rulerRow(pps),
      this.videoRow(pps),
      this.voiceRow(pps),
      this.musicRow(pps),
      this.textRow(pps),
      this.captionRow(pps),
      this.playhead);
    this.updatePlayhead(this.player.time);
    this.markSelection();
    if (hadFocus) this.body.querySelector(`[data-focus-key="${CSS.escape(hadFocus)}"]`)?.focus({ preventScroll: true });
  }

  row(name, label, lane, extraClass = '') {
    return h('div', { class: `tl-row ${extraClass}`, dataset: { row: name } },
      h('div', { class: 'tl-label' }, label),
      lane);
  }

  rulerRow(pps) {
    const lane = h('div', { class: 'tl-lane ruler', title: 'Click or drag to move the playhead' });
    const step = pps >= 80 ? 0.5 : pps >= 40 ? 1 : pps >= 20 ? 2 : 5;
    for (let t = 0; t <= this.total + 1e-6; t += step) {
      const major = Math.abs(t - Math.round(t)) < 1e-6 && Math.round(t) % (step < 1 ? 1 : step) === 0;
      lane.append(h('span', { class: `tick${major ? ' major' : ''}`, style: { left: `${t * pps}px` } },
        major ? h('span', { class: 'tick-label' }, formatTime(t).replace(/\.0$/, '')) : null));
    }
    lane.addEventListener('pointerdown', (event) => this.scrub(event, lane));
    return this.row('ruler', h('span', { class: 'visually-hidden' }, 'Time'), lane, 'ruler-row');
  }

  /** Seeks to the pointer and follows it while the button is held. */
  scrub(event, lane) {
    if (event.button !== 0) return;
    event.preventDefault();
    const seekTo = (e) => {
      const rect = lane.getBoundingClientRect();
      this.player.seek((e.clientX - rect.left) / this.pps);
    };
    seekTo(event);
    lane.setPointerCapture(event.pointerId);
    const move = (e) => seekTo(e);
    const up = () => {
      lane.removeEventListener('pointermove', move);
      lane.removeEventListener('pointerup', up);
      lane.removeEventListener('pointercancel', up);
    };
    lane.addEventListener('pointermove', move);
    lane.addEventListener('pointerup', up);
    lane.addEventListener('pointercancel', up);
  }

  // Video

  videoRow(pps) {
    const lane = h('div', { class: 'tl-lane video-lane', role: 'group', 'aria-label': 'Video clips and transitions' });
    this.videoLane = lane;
    const state = this.state;
    const handles = state.clips.map((clip, index) => {
      const { block, handle } = this.clipBlock(clip, index, pps);
      lane.append(block);
      return handle;
    });
    // Handles above every clip: the next clip overlaps this one's end during a transition.
    lane.append(...handles);
    state.transitions.slice(0, Math.max(0, state.clips.length - 1)).forEach((transition, index) => {
      lane.append(this.cutChip(transition, index, pps));
    });
    this.dropMarker = h('div', { class: 'drop-marker', hidden: true, 'aria-hidden': 'true' });
    lane.append(this.dropMarker);
    return this.row('video', 'Video', lane);
  }

  clipBlock(clip, index, pps) {
    const start = this.starts[index];
    const thumb = this.thumbnail(clip);
    const name = this.clipName(index);
    const body = h('button', {
      type: 'button', class: 'clip-body', 'aria-label': `${name}, ${clip.duration.toFixed(1)} seconds. Alt+Left or Alt+Right moves it.`,
      dataset: { focusKey: `clip:${clip.id}` },
      onclick: () => this.select({ type: 'clip', index }),
      onkeydown: (event) => this.clipKey(event, index),
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
    body.addEventListener('pointerdown', (event) => this.dragClip(event, index, block, handle));
    handle.addEventListener('pointerdown', (event) => this.trimClip(event, index, block, handle));
    return { block, handle };
  }

  clipKey(event, index) {
    if (!event.altKey || (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight')) return;
    event.preventDefault();
    const to = index + (event.key === 'ArrowLeft' ? -1 : 1);
    if (to < 0 || to >= this.state.clips.length) return;
    this.moveClip(index, to);
  }

  async moveClip(from, to) {
    const id = this.state.clips[from].id;
    this.selection = { type: 'clip', index: to };
    try {
      await this.model.apply([{ op: 'moveClip', from, to }], { label: `Move clip ${from + 1} to position ${to + 1}` });
      this.onSelect(this.selection);
      this.body.querySelector(`[data-focus-key="${CSS.escape(`clip:${id}`)}"]`)?.focus({ preventScroll: true });
    } catch {
      // The page shows the error (model `error` event).
    }
  }

  /** Pointer drag of a clip: after a few pixels it follows the pointer and drops at the nearest gap. */
  dragClip(event, index, block, handle) {
    if (event.button !== 0) return;
    const startX = event.clientX;
    let dragging = false;
    let insert = index;
    const target = event.currentTarget;
    const clips = this.state.clips;
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
      const rect = this.videoLane.getBoundingClientRect();
      const time = (e.clientX - rect.left) / this.pps;
      insert = 0;
      clips.forEach((clip, k) => {
        if (k !== index && this.starts[k] + clip.duration / 2 < time) insert = k + 1;
      });
      const markerTime = insert >= clips.length ? this.total : this.starts[insert];
      this.dropMarker.hidden = insert === index || insert === index + 1;
      this.dropMarker.style.left = `${markerTime * this.pps}px`;
    };
    const up = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
      target.removeEventListener('pointercancel', cancel);
      if (!dragging) return;
      block.classList.remove('dragging');
      block.style.transform = '';
      handle.hidden = false;
      this.dropMarker.hidden = true;
      // Swallow the click that follows a drag.
      target.addEventListener('click', (e) => e.stopImmediatePropagation(), { capture: true, once: true });
      const to = insert > index ? insert - 1 : insert;
      if (to !== index) this.moveClip(index, to);
    };
    const cancel = () => {
      insert = index;
      up();
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
    target.addEventListener('pointercancel', cancel);
  }

  /** Pointer drag of the right edge: the block resizes live, the trim is sent on release. */
  trimClip(event, index, block, handleElement) {
    if (event.button !== 0) return;
    event.preventDefault();
    event.stopPropagation();
    const handle = event.currentTarget;
    handle.setPointerCapture(event.pointerId);
    const clip = this.state.clips[index];
    const startX = event.clientX;
    let duration = clip.duration;
    const label = block.querySelector('.clip-duration');
    block.classList.add('trimming');
    const move = (e) => {
      duration = Math.min(120, Math.max(0.5, clip.duration + (e.clientX - startX) / this.pps));
      duration = Math.round(duration * 10) / 10;
      block.style.width = `${duration * this.pps}px`;
      handleElement.style.left = `${(this.starts[index] + duration) * this.pps}px`;
      label.textContent = ` · ${duration.toFixed(1)} s`;
    };
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      handle.removeEventListener('pointercancel', up);
      block.classList.remove('trimming');
      if (Math.abs(duration - clip.duration) >= 0.05) {
        this.selection = { type: 'clip', index };
        this.model.apply([{ op: 'trimClip', clip: index, duration }], { label: `Trim clip ${index + 1} to ${duration.toFixed(1)} s` })
          .then(() => this.onSelect(this.selection))
          .catch(() => this.render(this.state));
      } else {
        block.style.width = `${clip.duration * this.pps}px`;
        handleElement.style.left = `${(this.starts[index] + clip.duration) * this.pps}px`;
        label.textContent = ` · ${clip.duration.toFixed(1)} s`;
      }
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
    handle.addEventListener('pointercancel', up);
  }

  cutChip(transition, index, pps) {
    const at = this.starts[index + 1] + overlap(transition) / 2;
    const label = TRANSITION_LABELS[transition.kind] || transition.kind;
    const text = transition.kind === 'cut' ? 'Cut' : `${label}, ${transition.duration.toFixed(1)} s`;
    return h('button', {
      type: 'button', class: `cut-chip kind-${transition.kind}`, style: { left: `${at * pps}px` },
      title: `Transition ${index + 1}: ${text}. Click to change.`,
      'aria-label': `Transition between clip ${index + 1} and ${index + 2}: ${text}`,
      dataset: { focusKey: `cut:${index}`, cut: String(index) },
      onclick: () => this.select({ type: 'cut', index }),
    }, h('span', { 'aria-hidden': 'true' }, TRANSITION_ICONS[transition.kind] || '◆'),
    transition.kind === 'cut' ? null : h('span', { class: 'cut-duration' }, transition.duration.toFixed(1)));
  }

  // Audio rows

  voiceRow(pps) {
    const lane = h('div', { class: 'tl-lane audio-lane' });
    const track = this.state.audio.voice;
    track.segments.forEach((segment, index) => {
      const clipIndex = this.clipOfTime(segment.start);
      lane.append(h('button', {
        type: 'button', class: 'segment voice', dataset: { focusKey: `voice:${index}` },
        style: { left: `${segment.start * pps}px`, width: `${Math.max(segment.duration * pps, 6)}px`, '--gain': String(Math.min(1, segment.volume / 2)) },
        title: `Voice ${index + 1}: ${formatTime(segment.start)}–${formatTime(segment.start + segment.duration)}, volume ${Math.round(segment.volume * 100)} %`,
        'aria-label': `Voice ${index + 1}, volume ${Math.round(segment.volume * 100)} percent. Opens clip ${clipIndex + 1}.`,
        onclick: () => this.select({ type: 'clip', index: clipIndex }),
      }, h('span', {}, `Voice ${index + 1}`), segment.volume !== 1 ? h('span', { class: 'segment-gain' }, `${Math.round(segment.volume * 100)} %`) : null));
    });
    const label = h('button', { type: 'button', class: 'tl-label-button', onclick: () => this.select({ type: 'audio' }), 'aria-label': `Voice track, ${Math.round(track.volume * 100)} percent. Open the audio mix.` },
      'Voice', h('span', { class: 'tl-label-value' }, `${Math.round(track.volume * 100)} %`));
    return this.row('voice', label, lane);
  }

  musicRow(pps) {
    const lane = h('div', { class: 'tl-lane audio-lane' });
    const track = this.state.audio.music;
    track.segments.forEach((segment, index) => {
      lane.append(h('button', {
        type: 'button', class: 'segment music', dataset: { focusKey: `music:${index}` },
        style: { left: `${segment.start * pps}px`, width: `${Math.max(segment.duration * pps, 6)}px` },
        title: `Music ${index + 1}: ${formatTime(segment.start)}–${formatTime(segment.start + segment.duration)}${segment.loop ? ', looped' : ''}`,
        'aria-label': `Music ${index + 1}. Open the audio mix.`,
        onclick: () => this.select({ type: 'audio' }),
      }, h('span', {}, `Music ${index + 1}${segment.loop ? ' ↻' : ''}`)));
    });
    if (!track.segments.length) lane.append(h('span', { class: 'lane-empty' }, 'No music'));
    const label = h('button', { type: 'button', class: 'tl-label-button', onclick: () => this.select({ type: 'audio' }), 'aria-label': `Music track, ${Math.round(track.volume * 100)} percent. Open the audio mix.` },
      'Music', h('span', { class: 'tl-label-value' }, `${Math.round(track.volume * 100)} %`));
    return this.row('music', label, lane);
  }

  clipOfTime(time) {
    let index = 0;
    this.starts.forEach((start, k) => { if (start <= time + 1e-6) index = k; });
    return index;
  }

  // Text

  textRow(pps) {
    const overlays = [...this.state.overlays].sort((a, b) => a.start - b.start);
    // Overlapping overlays go to separate sub-rows.
    const rowEnds = [];
    const placed = overlays.map((overlay) => {
      let row = rowEnds.findIndex((end) => end <= overlay.start + 1e-6);
      if (row < 0) {
        row = rowEnds.length;
        rowEnds.push(0);
      }
      rowEnds[row] = overlay.end;
      return { overlay, row };
    });
    const rows = Math.max(1, rowEnds.length);
    const lane = h('div', { class: 'tl-lane text-lane', style: { height: `${rows * 30 + 6}px` } });
    for (const { overlay, row } of placed) {
      const block = h('button', {
        type: 'button', class: 'segment overlay', dataset: { focusKey: `overlay:${overlay.id}`, overlay: overlay.id },
        style: { left: `${overlay.start * pps}px`, width: `${Math.max((overlay.end - overlay.start) * pps, 8)}px`, top: `${row * 30 + 3}px` },
        title: `“${overlay.text}” ${formatTime(overlay.start)}–${formatTime(overlay.end)}`,
        'aria-label': `Text “${overlay.text}”, ${formatTime(overlay.start)} to ${formatTime(overlay.end)}. Alt+Left or Alt+Right moves it by half a second.`,
        onclick: () => this.select({ type: 'overlay', id: overlay.id }),
        onkeydown: (event) => this.overlayKey(event, overlay),
      }, h('span', {}, overlay.text));
      block.addEventListener('pointerdown', (event) => this.dragOverlay(event, overlay, block));
      lane.append(block);
    }
    if (!overlays.length) {
      lane.append(h('button', { type: 'button', class: 'lane-empty lane-add', onclick: () => this.onAddText() }, '+ Add text at the playhead'));
    }
    return this.row('text', 'Text', lane);
  }

  overlayKey(event, overlay) {
    if (!event.altKey || (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight')) return;
    event.preventDefault();
    const length = overlay.end - overlay.start;
    const start = Math.min(Math.max(0, overlay.start + (event.key === 'ArrowLeft' ? -0.5 : 0.5)), Math.max(0, this.total - length));
    this.moveOverlay(overlay, start);
  }

  moveOverlay(overlay, start) {
    const length = overlay.end - overlay.start;
    const rounded = Math.round(start * 100) / 100;
    if (Math.abs(rounded - overlay.start) < 0.01) return;
    this.selection = { type: 'overlay', id: overlay.id };
    this.model.apply([{ op: 'updateOverlay', id: overlay.id, start: rounded, end: Math.round((rounded + length) * 100) / 100 }],
      { label: `Move text “${overlay.text}”` })
      .then(() => this.onSelect(this.selection))
      .catch(() => this.render(this.state));
  }

  /** Drags an overlay block along the timeline (keeps its length). */
  dragOverlay(event, overlay, block) {
    if (event.button !== 0) return;
    const target = event.currentTarget;
    const startX = event.clientX;
    const length = overlay.end - overlay.start;
    let dragging = false;
    let start = overlay.start;
    const move = (e) => {
      const dx = e.clientX - startX;
      if (!dragging) {
        if (Math.abs(dx) < 6) return;
        dragging = true;
        target.setPointerCapture(e.pointerId);
        block.classList.add('dragging');
      }
      start = Math.min(Math.max(0, overlay.start + dx / this.pps), Math.max(0, this.total - length));
      block.style.left = `${start * this.pps}px`;
    };
    const up = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
      target.removeEventListener('pointercancel', up);
      if (!dragging) return;
      block.classList.remove('dragging');
      target.addEventListener('click', (e) => e.stopImmediatePropagation(), { capture: true, once: true });
      this.moveOverlay(overlay, start);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
    target.addEventListener('pointercancel', up);
  }

  captionRow(pps) {
    const captions = this.state.captions;
    const lane = h('div', { class: `tl-lane caption-lane${captions.enabled ? '' : ' disabled'}` });
    for (const cue of captions.cues) {
      lane.append(h('span', {
        class: 'cue', title: cue.text,
        style: { left: `${cue.start * pps}px`, width: `${Math.max((cue.end - cue.start) * pps, 4)}px` },
      }, cue.text));
    }
    const label = h('button', { type: 'button', class: 'tl-label-button', onclick: () => this.select({ type: 'captions' }), 'aria-label': `Captions ${captions.enabled ? 'on' : 'off'}. Open caption settings.` },
      'Captions', h('span', { class: 'tl-label-value' }, captions.enabled ? 'on' : 'off'));
    return this.row('captions', label, lane);
  }

  // Selection and playhead

  select(selection) {
    this.selection = selection;
    this.markSelection();
    this.onSelect(selection);
  }

  setSelection(selection) {
    this.selection = selection;
    this.markSelection();
  }

  markSelection() {
    for (const element of this.body.querySelectorAll('.selected')) element.classList.remove('selected');
    for (const element of this.body.querySelectorAll('[aria-pressed]')) element.removeAttribute('aria-pressed');
    const s = this.selection;
    if (!s) return;
    let element = null;
    if (s.type === 'clip') element = this.body.querySelector(`.clip[data-index="${s.index}"] .clip-body`);
    else if (s.type === 'cut') element = this.body.querySelector(`.cut-chip[data-cut="${s.index}"]`);
    else if (s.type === 'overlay') element = this.body.querySelector(`.overlay[data-overlay="${CSS.escape(s.id)}"]`);
    if (element) {
      element.classList.add('selected');
      element.setAttribute('aria-pressed', 'true');
    }
  }

  updatePlayhead(time) {
    if (!this.playhead) return;
    this.playhead.style.transform = `translateX(${LABEL_WIDTH + time * this.pps}px)`;
    // Keep the playhead in view while playing.
    if (this.player.playing) {
      const x = LABEL_WIDTH + time * this.pps;
      const left = this.scroller.scrollLeft;
      if (x < left + LABEL_WIDTH || x > left + this.scroller.clientWidth - 24) this.scroller.scrollLeft = Math.max(0, x - LABEL_WIDTH - 40);
    }
  }
}
