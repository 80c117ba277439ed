// A remix project's plan versions, newest first: what made each one, "Compare with previous" (the server's
// change sentences, shown under the version) and "Restore" (which makes a new version from an older one).

import { h, loading, errorSentence, toast } from '../ui.js';
import { formatCredits, formatDateTime, plural, round } from '../format.js';

const SOURCE = { analysis: 'From the analysis', chat: 'Chat', restore: 'Restored' };

/**
 * versionsCard({versions, current, compare(number, previous) → Promise<PlanComparison>, restore(number)}) → the
 * card; `current` is the newest version's number.
 */
export function versionsCard({ versions, current, compare, restore }) {
  const newestFirst = [...versions].sort((a, b) => b.number - a.number);
  return h('section', { class: 'card plan-versions', 'aria-labelledby': 'versions-title' },
    h('div', { class: 'card-head' },
      h('h3', { id: 'versions-title' }, 'Versions'),
      h('span', { class: 'muted small versions-count' }, plural(versions.length, 'version'))),
    h('ol', { class: 'version-list' }, newestFirst.map((version) => row(version, current, compare, restore))));
}

function row(version, current, compare, restore) {
  const changes = h('div', { class: 'version-changes', hidden: true });
  const compareButton = version.number > 1 ? h('button', {
    type: 'button', class: 'button ghost small', 'aria-expanded': 'false',
    'aria-label': `Compare version ${version.number} with version ${version.number - 1}`,
    onclick: () => toggle(),
  }, 'Compare with previous') : null;

  async function toggle() {
    const open = compareButton.getAttribute('aria-expanded') === 'true';
    compareButton.setAttribute('aria-expanded', String(!open));
    changes.hidden = open;
    if (open || changes.dataset.loaded) return;
    changes.replaceChildren(loading('Comparing…'));
    try {
      const answer = await compare(version.number, version.number - 1);
      changes.dataset.loaded = 'true';
      changes.replaceChildren(answer.changes.length
        ? h('ul', {}, answer.changes.map((change) => h('li', { dataset: { kind: change.kind } }, change.sentence)))
        : h('p', { class: 'muted small' }, 'No differences.'));
    } catch (error) {
      if (error.name === 'AbortError') return;
      changes.replaceChildren(h('p', { class: 'field-error' }, `The versions could not be compared. ${errorSentence(error)}`));
    }
  }

  async function restoreThis(button) {
    button.disabled = true;
    try {
      await restore(version.number);
    } catch (error) {
      if (error.name === 'AbortError') return;
      button.disabled = false;
      toast(`Version ${version.number} could not be restored. ${errorSentence(error)}`, 'error');
    }
  }

  const isCurrent = version.number === current;
  return h('li', { class: `plan-version${isCurrent ? ' current' : ''}`, dataset: { number: String(version.number) } },
    h('div', { class: 'version-info' },
      h('span', { class: 'version-name' },
        h('strong', {}, `Version ${version.number}`),
        h('span', { class: 'muted small' }, SOURCE[version.source] || version.source),
        isCurrent ? h('span', { class: 'badge current-badge' }, 'Current') : null),
      version.note ? h('span', { class: 'small version-note' }, version.note) : null,
      h('span', { class: 'muted small' },
        `${round(version.plannedSeconds, 1)} s · ${plural(version.sceneCount, 'scene')} · ${formatCredits(version.price)} · ${formatDateTime(version.createdAt)}`)),
    h('div', { class: 'button-row version-actions' },
      compareButton,
      isCurrent ? null : h('button', {
        type: 'button', class: 'button small', 'aria-label': `Restore version ${version.number}`,
        onclick: (event) => restoreThis(event.currentTarget),
      }, 'Restore')),
    changes);
}
