// The video page for a failed, cancelled or expired video: what happened and why, the refund as the ledger shows
// it, and "Try again" (the same prompt and plan back in the breakdown).

import { api } from '../api.js';
import { navigate, refreshUser } from '../app.js';
import { h, mount, toast } from '../ui.js';
import { capitalize, formatDateTime } from '../format.js';
import { settingsOptions, optionsError } from '../options.js';
import { saveDraft, planKey, draftSettings } from '../pages/draft.js';
import { videoHeader } from './header.js';

export function showOutcome(ctx, current) {
  if (current.status === 'expired') return showExpired(ctx, current);
  const cancelled = current.status === 'cancelled';
  const reason = current.error || current.job?.error;
  const refund = h('p', { class: 'refund' }, current.creditsUsed > 0 ? 'Looking up the refund…' : 'Nothing was charged.');
  const tryAgain = h('button', { type: 'button', class: 'button primary', onclick: () => retry(current) }, 'Try again');
  mount(ctx.page,
    videoHeader(ctx, current),
    h('section', { class: `card outcome-card ${cancelled ? 'cancelled' : 'failed'}`, role: cancelled ? null : 'alert' },
      h('div', { class: 'outcome-icon', 'aria-hidden': 'true' }, cancelled ? '■' : '!'),
      h('h2', {}, cancelled ? 'Generation cancelled' : 'Generation failed'),
      h('p', { class: 'reason' }, cancelled
        ? (reason && !/cancel/i.test(reason) ? reason : 'The generation was stopped before it finished.')
        : (reason ? `Reason: ${capitalize(reason)}` : 'The server did not report a reason.')),
      refund,
      h('div', { class: 'button-row centered' },
        tryAgain,
        h('a', { class: 'button ghost', href: '/dashboard', 'data-link': true }, 'My videos')),
      h('details', { class: 'outcome-prompt' }, h('summary', {}, 'The prompt'), h('p', {}, current.prompt))));
  if (current.creditsUsed > 0) findRefund(ctx, current, refund);
  refreshUser();
}

/** An expired video: its record stays, its files are gone; "Make it again" starts from the same prompt and plan. */
function showExpired(ctx, current) {
  const when = current.expiresAt ? ` on ${formatDateTime(current.expiresAt)}` : '';
  mount(ctx.page,
    videoHeader(ctx, current),
    h('section', { class: 'card outcome-card cancelled' },
      h('div', { class: 'outcome-icon', 'aria-hidden': 'true' }, '■'),
      h('h2', {}, 'Video expired'),
      h('p', { class: 'reason' }, `This video expired${when}; its files were deleted.`),
      h('div', { class: 'button-row centered' },
        h('button', { type: 'button', class: 'button primary', onclick: () => retry(current) }, 'Make it again'),
        h('a', { class: 'button ghost', href: '/dashboard', 'data-link': true }, 'My videos')),
      h('details', { class: 'outcome-prompt' }, h('summary', {}, 'The prompt'), h('p', {}, current.prompt))));
}

/** The ledger row that gave the credits back (reason video_refund, reference = the video id). */
async function findRefund(ctx, current, target) {
  try {
    const page1 = await api('/users/me/credits/transactions?limit=100', { signal: ctx.abort.signal });
    const row = (page1.items || []).find((item) => item.reference === current.id && /refund/.test(item.reason) && item.delta > 0);
    target.textContent = row
      ? `${row.delta} credits were returned to your balance on ${formatDateTime(row.createdAt)} (balance after: ${row.balanceAfter}).`
      : `The ${current.creditsUsed} credits it cost are returned to your balance.`;
  } catch (error) {
    if (error.name === 'AbortError') return;
    target.textContent = `The ${current.creditsUsed} credits it cost are returned to your balance.`;
  }
  target.classList.add('ready');
}

/** The video's prompt and plan back into the draft, then the breakdown. */
async function retry(current) {
  const settings = { ...(current.plan?.settings || current.settings || {}) };
  const draft = { prompt: current.prompt, settings };
  if (current.plan) {
    let options;
    try {
      options = await settingsOptions();
    } catch (error) {
      toast(optionsError(error).message, 'error');
      return;
    }
    draft.plan = current.plan;
    draft.planFor = planKey(current.prompt, draftSettings(draft, options.defaults));
    draft.edited = true; // Regenerating asks first, as the plan may hold the user's edits.
  }
  saveDraft(draft);
  navigate('/new');
}
