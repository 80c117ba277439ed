// One scene's card on the progress view: its picture as soon as it is made, a line of its narration, and the
// state of each part (picture, clip, voice, music).

import { h } from '../ui.js';
import { linkPath } from '../stream.js';

export const PARTS = [
  { key: 'image', label: 'Picture' },
  { key: 'clip', label: 'Clip' },
  { key: 'voice', label: 'Voice' },
  { key: 'music', label: 'Music' },
];

const PART_STATES = {
  pending: { icon: '○', text: 'Waiting' },
  working: { icon: '◔', text: 'Working' },
  done: { icon: '✓', text: 'Done' },
  reused: { icon: '✓', text: 'Reused' },
  failed: { icon: '✕', text: 'Failed' },
  off: { icon: '–', text: 'Off' },
};

/** The card of scene `index`: {element, setPart(key, status), setImage(url), setCaption(text), setImageState(status)}. */
export function sceneProgressCard(index) {
  const parts = {};
  const thumb = h('div', { class: 'thumb', dataset: { state: 'pending' } },
    h('span', { class: 'thumb-number' }, String(index + 1)),
    h('span', { class: 'thumb-ready' }, 'Picture ready'));
  const caption = h('p', { class: 'scene-snippet' });
  const element = h('article', { class: 'scene-progress', 'aria-label': `Scene ${index + 1}` },
    thumb,
    h('div', { class: 'scene-progress-body' },
      h('h3', {}, `Scene ${index + 1}`),
      caption,
      h('ul', { class: 'part-list' }, PARTS.map((part) => {
        const icon = h('span', { class: 'part-icon', 'aria-hidden': 'true' }, '○');
        const text = h('span', { class: 'part-state' }, 'Waiting');
        const item = h('li', { class: 'part', dataset: { state: 'pending' } }, icon, h('span', { class: 'part-name' }, part.label), text);
        parts[part.key] = { item, icon, text };
        return item;
      }))));
  return {
    element,
    setPart(key, status) {
      const entry = parts[key];
      const look = PART_STATES[status] || PART_STATES.pending;
      if (entry.item.dataset.state === status) return;
      entry.item.dataset.state = status;
      entry.icon.textContent = look.icon;
      entry.text.textContent = look.text;
    },
    setImage(url) {
      // Signed links change with their expiry; the path names the picture.
      const path = linkPath(url);
      if (!url || thumb.querySelector('img')?.dataset.path === path) return;
      const img = h('img', { src: url, alt: `Picture of scene ${index + 1}`, loading: 'lazy', dataset: { path } });
      img.addEventListener('load', () => thumb.classList.add('has-image'));
      thumb.querySelector('img')?.remove();
      thumb.prepend(img);
    },
    setCaption(text) { caption.textContent = text; },
    /** Shimmer while the picture is being made; a quiet "ready" mark until its thumbnail arrives. */
    setImageState(status) {
      thumb.dataset.state = status || 'pending';
    },
  };
}
