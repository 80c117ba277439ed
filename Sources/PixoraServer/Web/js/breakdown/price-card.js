// The breakdown's price card: the price as the server computes it, the balance before and after, why the price
// follows the scenes when they run long, and the Generate and Regenerate buttons.

import { h } from '../ui.js';
import { round } from '../format.js';
import { plannedLength } from '../timing.js';
import { priceOf } from './plan-rules.js';

/**
 * The card for `plan` at `rate` credits per second with `balance` (null when unknown); `busy` is false,
 * 'generate' or 'regenerate'; `edited` says whether the draft holds the user's edits.
 */
export function priceCard({ plan, rate, balance, busy, edited, onGenerate, onRegenerate }) {
  const price = priceOf(plan, rate);
  const perSecond = rate === 1 ? '1 credit per second' : `${round(rate, 2)} credits per second`;
  const enough = balance === null || balance >= price;
  const length = plannedLength(plan.scenes);
  const target = Number(plan.settings.durationSeconds);
  const generate = h('button', {
    type: 'button', class: 'button primary large block', id: 'generate', disabled: !enough || Boolean(busy),
    'aria-describedby': enough ? null : 'balance-warning', onclick: onGenerate,
  }, busy === 'generate' ? [h('span', { class: 'spinner small', 'aria-hidden': 'true' }), 'Starting…'] : `Generate · ${price} credits`);
  return h('div', { class: 'card price-card' },
    h('h2', {}, 'Ready to generate?'),
    h('dl', { class: 'price-list' },
      h('div', {}, h('dt', {}, 'Price'), h('dd', { class: 'price' }, `${price} credits`)),
      h('div', {}, h('dt', {}, 'Your balance'), h('dd', {}, balance === null ? '–' : `${balance} credits`)),
      balance !== null && enough ? h('div', { class: 'after' }, h('dt', {}, 'After generating'), h('dd', {}, `${balance - price} credits`)) : null),
    length > target * 1.1
      ? h('p', { class: 'hint' }, `${perSecond}: your scenes add up to about ${round(length, 1)} s, more than the ${target} s you asked for, so the price follows the scenes.`)
      : h('p', { class: 'hint' }, `${perSecond} of the ${target}-second video you asked for.`),
    Math.abs(length - target) >= 1 && length <= target * 1.1
      ? h('p', { class: 'hint' }, `The scenes add up to about ${round(length, 1)} s; the narration sets the final length.`)
      : null,
    enough ? null : h('p', { class: 'balance-warning', id: 'balance-warning', role: 'alert' },
      `You need ${price} credits but have ${balance}. Choose a shorter duration on the prompt page (each second costs ${round(rate, 2)} credit${rate === 1 ? '' : 's'}), or ask an administrator for more credits.`),
    generate,
    h('button', {
      type: 'button', class: 'button ghost block', disabled: Boolean(busy), onclick: onRegenerate,
    }, busy === 'regenerate' ? 'Planning…' : '↻ Regenerate plan'),
    h('p', { class: 'hint saved-note' }, edited ? '✓ Your edits are saved in this browser.' : 'Edits are saved in this browser as you type.'));
}
