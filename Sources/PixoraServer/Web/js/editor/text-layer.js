// The preview's text: the caption of the moment and the text overlays as positioned, styled text. Overlays are
// dragged on the stage to move them; a selected overlay shows (faintly) even outside its time range.

import { h } from '../ui.js';
import { round } from '../format.js';
import { styleText } from './text-style.js';
import { trackPointer } from './pointer.js';
import { highlightColour, spokenPage } from './caption-words.js';
import { overlayMotion } from './overlay-motion.js';

export class TextLayer {
  /**
   * stage: the element overlays are placed on (fractions of its size). onOverlayMove(id, x, y) after a drag,
   * onOverlaySelect(id) after a click.
   */
  constructor({ stage, onOverlayMove, onOverlaySelect }) {
    this.stage = stage;
    this.onOverlayMove = onOverlayMove;
    this.onOverlaySelect = onOverlaySelect;
    this.texts = new Map(); // overlay id → element
    this.selectedOverlay = null;
    this.element = h('div', { class: 'stage-text' });
    this.captionBox = h('div', { class: 'stage-caption', 'aria-live': 'off' });
    this.element.append(this.captionBox);
  }

  /** Forgets the overlay elements (a new state may have moved or restyled them). */
  clear() {
    for (const element of this.texts.values()) element.remove();
    this.texts.clear();
  }

  /** The caption and overlays of `state` at time `t`. */
  draw(state, t) {
    const cue = state.captions.enabled ? state.captions.cues.find((c) => t >= c.start && t < c.end) : null;
    const portrait = state.canvas.height > state.canvas.width;
    const page = cue && state.captions.mode === 'words' ? spokenPage(cue, t, portrait) : null;
    const captionKey = page ? page.key : cue ? `cue:${cue.start}:${cue.text}` : '';
    if (this.captionBox.dataset.key !== captionKey) {
      this.captionBox.dataset.key = captionKey;
      this.captionBox.replaceChildren();
      if (cue) {
        const words = page
          ? page.words.flatMap((word, index) => [index ? ' ' : '', index === page.active
            ? h('span', { style: { color: highlightColour(state.captions.style) } }, word) : word])
          : [cue.text];
        const line = h('span', { class: 'stage-caption-line' }, ...words);
        styleText(line, state.captions.style);
        this.captionBox.append(line);
      }
    }
    const visible = new Set();
    for (const overlay of state.overlays) {
      if (!(t >= overlay.start && t < overlay.end) && overlay.id !== this.selectedOverlay) continue;
      visible.add(overlay.id);
      let element = this.texts.get(overlay.id);
      if (!element) {
        element = this.overlayElement(overlay);
        this.texts.set(overlay.id, element);
        this.element.append(element);
      }
      // A selected overlay outside its time range is shown faintly so it can still be placed.
      element.classList.toggle('outside', !(t >= overlay.start && t < overlay.end));
      element.classList.toggle('selected', overlay.id === this.selectedOverlay);
      this.animate(element, overlay, t);
    }
    for (const [id, element] of this.texts) {
      if (!visible.has(id)) {
        element.remove();
        this.texts.delete(id);
      }
    }
  }

  /** The overlay's entrance or exit at `t`, approximated with CSS (the render uses ASS tags). */
  animate(element, overlay, t) {
    const motion = overlayMotion(overlay, t);
    const moving = motion.opacity !== 1 || motion.dx || motion.dy || motion.scale !== 1;
    element.style.opacity = motion.opacity === 1 ? '' : String(Math.max(motion.opacity, 0.02));
    element.style.transform = moving
      ? `translate(-50%, -50%) translate(calc(${motion.dx} * var(--stage-w, 640px)), calc(${motion.dy} * var(--stage-h, 360px))) scale(${motion.scale})`
      : '';
    const shown = motion.shown === null ? '' : String(motion.shown);
    if (element.dataset.shown === shown) return;
    element.dataset.shown = shown;
    if (motion.shown === null) {
      element.replaceChildren(overlay.text);
    } else {
      // The hidden rest keeps its room, so the typed text does not move (as in the render).
      const characters = [...overlay.text];
      element.replaceChildren(
        characters.slice(0, motion.shown).join(''),
        h('span', { class: 'typewriter-rest' }, characters.slice(motion.shown).join('')));
    }
  }

  overlayElement(overlay) {
    const element = h('div', {
      class: 'stage-overlay', dataset: { id: overlay.id }, title: 'Drag to move this text',
    }, overlay.text);
    styleText(element, overlay.style);
    element.style.left = `${overlay.x * 100}%`;
    element.style.top = `${overlay.y * 100}%`;
    element.addEventListener('pointerdown', (event) => this.dragOverlay(event, overlay, element));
    return element;
  }

  /** Moves an overlay with the pointer; the new centre is reported on release. */
  dragOverlay(event, overlay, element) {
    if (event.button !== 0) return;
    event.preventDefault();
    const rect = this.stage.getBoundingClientRect();
    const startX = event.clientX;
    const startY = event.clientY;
    let moved = false;
    let x = overlay.x;
    let y = overlay.y;
    element.setPointerCapture(event.pointerId);
    const move = (e) => {
      if (!moved && Math.hypot(e.clientX - startX, e.clientY - startY) < 4) return;
      moved = true;
      x = Math.min(1, Math.max(0, overlay.x + (e.clientX - startX) / rect.width));
      y = Math.min(1, Math.max(0, overlay.y + (e.clientY - startY) / rect.height));
      element.style.left = `${x * 100}%`;
      element.style.top = `${y * 100}%`;
    };
    const up = () => {
      if (moved) this.onOverlayMove?.(overlay.id, round(x, 3), round(y, 3));
      else this.onOverlaySelect?.(overlay.id);
    };
    trackPointer(element, move, up);
  }
}
