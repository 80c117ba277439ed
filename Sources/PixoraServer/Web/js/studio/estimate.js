// The confirmation before a paid run: the total, a line per item (scene, model, credits, or "already made" when the
// store holds it from an earlier run) and what the chosen models cannot honour, as a visible warning. A run that
// costs nothing is not asked about.

import { h, confirmDialog } from '../ui.js';
import { formatCredits } from '../format.js';
import { currentUser } from '../api.js';

/** The estimate as a list of lines, the caveats and the balance after the run. */
export function estimateView(estimate, sceneNumbers = {}) {
  const balance = currentUser()?.credits;
  return h('div', { class: 'estimate' },
    h('p', { class: 'estimate-total' }, 'Total: ', h('strong', {}, formatCredits(estimate.credits))),
    h('table', { class: 'estimate-lines' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Item'), h('th', { scope: 'col' }, 'Scene'),
        h('th', { scope: 'col' }, 'Model'), h('th', { scope: 'col', class: 'numeric' }, 'Credits'))),
      h('tbody', {}, estimate.lines.map((line) => h('tr', { class: line.cached ? 'cached' : null },
        h('td', {}, line.item),
        h('td', {}, line.sceneId ? sceneLabel(line.sceneId, sceneNumbers) : '–'),
        h('td', { class: 'model-id' }, line.model || '–'),
        h('td', { class: 'numeric' }, line.cached ? 'already made' : formatCredits(line.credits)))))),
    estimate.caveats.length
      ? h('div', { class: 'caveats', role: 'note' },
        h('strong', {}, 'Before you run: what the models will not honour'),
        h('ul', {}, estimate.caveats.map((caveat) => h('li', {}, caveat))))
      : null,
    typeof balance === 'number'
      ? h('p', { class: 'estimate-balance small muted' },
        `Your balance: ${formatCredits(balance)}; after this run: ${formatCredits(balance - estimate.credits)}.`)
      : null);
}

function sceneLabel(sceneId, sceneNumbers) {
  return sceneNumbers[sceneId] ? `Scene ${sceneNumbers[sceneId]}` : sceneId;
}

/** Asks before charging; resolves true at once when the run is free. */
export async function confirmEstimate(estimate, title, sceneNumbers) {
  if (!estimate.credits) return true;
  return confirmDialog({
    title: `Run “${title}”?`,
    body: estimateView(estimate, sceneNumbers),
    confirm: `Run · ${formatCredits(estimate.credits)}`,
    cancel: 'Cancel',
  });
}
