// The timeline: a ruler with the playhead, and rows for Video (clips with a transition chip at each cut),
// Voice, Music, Text (overlays) and Captions. Clips reorder by pointer drag or Alt+←/→, trim with the handle
// on their right edge; overlays move in time by drag or Alt+←/→. Every edit goes through the model as an
// operation; the blocks are only redrawn from the state the server answers.

import { h } from '../ui.js';
import { formatTime } from '../format.js';
import { clipStarts, totalDuration } from '../timing.js';
import { videoRow } from './timeline-video.js';
import { voiceRow, musicRow, captionRow } from './timeline-audio.js';
import { textRow } from './timeline-text.js';
import { trackPointer } from './pointer.js';

const LABEL_WIDTH = 92;
const MIN_PPS = 14;
const ZOOMS = [0.5, 0.75, 1, 1.5, 2, 3, 4, 6];

/**
 * options: model, player, transitions (the server's transition choices, for their names), thumbnail(clip) →
 * url|null, clipName(index) → string, onSelect(selection), onAddText().
 * The rows are drawn by timeline-video.js, timeline-audio.js and timeline-text.js.
 * A selection is {type: 'clip', index} | {type: 'cut', index} | {type: 'overlay', id} | {type: 'audio'} |
 * {type: 'captions'} | null.
 */
export class Timeline {
  constructor({ model, player, transitions, thumbnail, clipName, onSelect, onAddText }) {
    Object.assign(this, { model, player, transitions, thumbnail, clipName, onSelect, onAddText });
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
        h('button', { type: 'button', class: 'button small ghost', onclick: () => this.select({ type: 'captions' }) }, 'Captions'),
        h('button', { type: 'button', class: 'button small ghost', onclick: () => this.select({ type: 'look' }) }, 'Look')),
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
      videoRow(this, pps),
      voiceRow(this, pps),
      musicRow(this, pps),
      textRow(this, pps),
      captionRow(this, pps),
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
    trackPointer(lane, seekTo, () => {});
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
