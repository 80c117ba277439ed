// The timeline's Text row: the text overlays as blocks (overlapping ones on sub-rows) that move in time by drag
// or Alt+←/→ (half a second), and a button to add one at the playhead when there are none.

import { h } from '../ui.js';
import { formatTime, round } from '../format.js';
import { trackPointer } from './pointer.js';

export function textRow(tl, pps) {
  const overlays = [...tl.state.overlays].sort((a, b) => a.start - b.start);
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
      onclick: () => tl.select({ type: 'overlay', id: overlay.id }),
      onkeydown: (event) => overlayKey(tl, event, overlay),
    }, h('span', {}, overlay.text));
    block.addEventListener('pointerdown', (event) => dragOverlay(tl, event, overlay, block));
    lane.append(block);
  }
  if (!overlays.length) {
    lane.append(h('button', { type: 'button', class: 'lane-empty lane-add', onclick: () => tl.onAddText() }, '+ Add text at the playhead'));
  }
  return tl.row('text', 'Text', lane);
}

function overlayKey(tl, event, overlay) {
  if (!event.altKey || (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight')) return;
  event.preventDefault();
  const length = overlay.end - overlay.start;
  const start = Math.min(Math.max(0, overlay.start + (event.key === 'ArrowLeft' ? -0.5 : 0.5)), Math.max(0, tl.total - length));
  moveOverlay(tl, overlay, start);
}

function moveOverlay(tl, overlay, start) {
  const length = overlay.end - overlay.start;
  const rounded = round(start, 2);
  if (Math.abs(rounded - overlay.start) < 0.01) return;
  tl.selection = { type: 'overlay', id: overlay.id };
  tl.model.apply([{ op: 'updateOverlay', id: overlay.id, start: rounded, end: round(rounded + length, 2) }],
    { label: `Move text “${overlay.text}”` })
    .then(() => tl.onSelect(tl.selection))
    .catch(() => tl.render(tl.state));
}

/** Drags an overlay block along the timeline (keeps its length). */
function dragOverlay(tl, event, overlay, block) {
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
    start = Math.min(Math.max(0, overlay.start + dx / tl.pps), Math.max(0, tl.total - length));
    block.style.left = `${start * tl.pps}px`;
  };
  const up = () => {
    if (!dragging) return;
    block.classList.remove('dragging');
    target.addEventListener('click', (e) => e.stopImmediatePropagation(), { capture: true, once: true });
    moveOverlay(tl, overlay, start);
  };
  trackPointer(target, move, up);
}
