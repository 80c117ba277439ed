// The step navigator: the eight steps in order, each with its state, what it has cost and, when locked, the step it
// waits for. Choosing one shows its panel without leaving the page (the address keeps ?step= for reloads).

import { h } from '../ui.js';
import { formatCredits } from '../format.js';
import { stepBadge, waitReason } from './step-state.js';

/** The navigator for `project`, `selected` marked; `onSelect(step)` when another is chosen. */
export function stepNavigator(project, selected, onSelect) {
  const items = project.workflow.steps.map((view, index) => {
    const reason = waitReason(project, view);
    const href = `${location.pathname}?step=${encodeURIComponent(view.step)}`;
    const link = h('a', {
      class: 'step-link', href, dataset: { step: view.step, state: view.state },
      'aria-current': view.step === selected ? 'step' : null,
      onclick: (event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
        event.preventDefault();
        onSelect(view.step);
      },
    },
    h('span', { class: 'step-number', 'aria-hidden': 'true' }, String(index + 1)),
    h('span', { class: 'step-text' },
      h('span', { class: 'step-title' }, view.title),
      h('span', { class: 'step-meta' },
        stepBadge(view.state),
        h('span', { class: 'step-credits' }, view.credits ? formatCredits(view.credits) : 'nothing spent')),
      reason ? h('span', { class: 'step-wait' }, reason) : null));
    return h('li', { class: `step-item step-${view.state}` }, link);
  });
  return h('nav', { class: 'step-nav card', 'aria-label': 'Studio steps' },
    h('ol', { class: 'step-list', role: 'list' }, items),
    h('p', { class: 'step-total small muted' }, `Spent on this project: ${formatCredits(project.workflow.credits)}`));
}
