// One step's panel: its title, state and cost, why it cannot run (locked, or another step running), what changed
// (stale, failed), the step's own choices and outputs, and the Run / Approve buttons. The step modules supply the
// middle part and the choices; this frame keeps the rules the same for all eight.

import { h } from '../ui.js';
import { formatCredits, plural } from '../format.js';
import { stepBadge, blockReason } from './step-state.js';
import { runStep, approveStep, busy } from './actions.js';
import { STEP_WORDS } from './parts.js';

/** `part`: {body (element), choices(), approval() (body of approve, optional), extraActions (shown with Run)}. */
export function stepPanel(ctx, view, part, progress) {
  // `progress`: the card of whichever step is running (null when none), shown on every panel while it runs.
  const words = STEP_WORDS[view.step];
  const reason = blockReason(ctx.project, view);
  const reasonId = `step-reason-${view.step}`;
  const hasRun = view.runs > 0;
  const runButton = h('button', {
    type: 'button', class: `button ${view.state === 'review' ? '' : 'primary'} run-step`,
    disabled: Boolean(reason) || view.state === 'running' || view.state === 'paused',
    'aria-describedby': reason ? reasonId : null,
    onclick: () => busy(runButton, () => runStep(ctx, view.step, view.title, part.choices ? part.choices() : {})),
  }, hasRun && view.state !== 'failed' ? words.rerun : words.run);
  const approveButton = view.state === 'review'
    ? h('button', {
      type: 'button', class: 'button primary approve-step',
      onclick: () => busy(approveButton,
        () => approveStep(ctx, view.step, part.approval ? part.approval() : undefined)),
    }, words.approve || 'Approve')
    : null;

  const notes = [
    reason ? h('p', { class: 'step-note locked-note', id: reasonId }, reason) : null,
    view.state === 'stale'
      ? h('p', { class: 'step-note stale-note' }, 'An earlier step changed after this one ran: run it again.') : null,
    view.state === 'failed' && view.error
      ? h('p', { class: 'step-note failed-note', role: 'alert' }, `The last run failed (refunded): ${view.error}`)
      : null,
    view.state === 'review'
      ? h('p', { class: 'step-note review-note' }, 'Look at what it made, then approve it or run it again.') : null,
  ];

  return h('section', { class: `card step-panel step-panel-${view.step}`, 'aria-labelledby': `panel-title-${view.step}`,
    dataset: { step: view.step, state: view.state } },
  h('header', { class: 'panel-head' },
    h('div', {},
      h('h2', { id: `panel-title-${view.step}` }, view.title),
      h('p', { class: 'panel-meta small muted' },
        stepBadge(view.state),
        h('span', {}, view.runs
          ? `${plural(view.runs, 'run')} · ${formatCredits(view.credits)} spent · `
            + `last run ${formatCredits(view.lastRunCredits)}`
          : 'Not run yet'))),
    h('p', { class: 'panel-intro' }, words.intro)),
  notes,
  ctx.messageBox,
  progress,
  part.body || null,
  h('div', { class: 'button-row panel-actions' }, runButton, part.extraActions || null, approveButton));
}
