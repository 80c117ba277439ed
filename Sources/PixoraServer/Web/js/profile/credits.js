// The profile's credits card: the balance, the plan the account is on with a link to its usage (the Billing
// page), and what things cost on this server.

import { api, setCredits } from '../api.js';
import { h, mount, loading, failure, errorSentence } from '../ui.js';
import { formatCredits, formatNumber } from '../format.js';

export async function loadCredits(section, signal) {
  const retry = () => loadCredits(section, signal);
  mount(section, h('h2', { id: 'credits-title' }, 'Credits'), loading('Loading your balance…'));
  try {
    // The plan line is extra: without it (an older server, a failed read) the card still shows the balance.
    const [{ balance, pricing = {} }, subscription] = await Promise.all([
      api('/users/me/credits', { signal }),
      api('/users/me/subscription', { signal }).catch((error) => {
        if (error.name === 'AbortError') throw error;
        return null;
      }),
    ]);
    setCredits(balance);
    const perSecond = pricing.creditsPerSecond ?? 1;
    const rows = [
      ['New video', `${formatCredits(perSecond)} per second`, 'of the length you ask for, rounded up'],
      ['Regenerate a scene’s picture', formatCredits(pricing.sceneVisual), 'image and clip'],
      ['Regenerate a scene’s narration', formatCredits(pricing.sceneAudio), 'voice'],
      ['Save an edited version', pricing.versionRender ? formatCredits(pricing.versionRender) : 'Free', 'rendered by the server'],
    ];
    mount(section,
      h('h2', { id: 'credits-title' }, 'Credits'),
      h('div', { class: 'balance' },
        h('span', { class: 'balance-number' }, formatNumber(balance)),
        h('span', { class: 'balance-unit' }, balance === 1 ? 'credit available' : 'credits available')),
      subscription ? h('p', { class: 'profile-plan', id: 'profile-plan' },
        'Plan: ', h('strong', { id: 'profile-plan-name' }, subscription.plan.name), ' · ',
        h('a', { href: '/billing', 'data-link': true, id: 'profile-usage-link' },
          subscription.billingEnabled ? 'Usage and plans' : 'Usage')) : null,
      h('p', { class: 'hint' }, `Failed or cancelled videos are refunded automatically. New accounts start with ${pricing.signupGrant ?? 100} credits.`),
      h('h3', { class: 'pricing-title' }, 'Prices'),
      h('dl', { class: 'pricing' }, rows.map(([what, price, note]) => h('div', { class: 'pricing-row' },
        h('dt', {}, what, h('span', { class: 'hint' }, note)),
        h('dd', {}, price)))));
  } catch (error) {
    if (error.name === 'AbortError') return;
    mount(section, h('h2', { id: 'credits-title' }, 'Credits'),
      failure(new Error(`Your balance could not be loaded. ${errorSentence(error)}`), retry));
  }
}
