// Profile (/profile): name and avatar, credit balance with prices, the credits ledger, 30-day usage charts (inline
// SVG built with DOM calls), the appearance setting and "Your data" (export, clear, delete). Each section loads on
// its own, so one failing request only affects its own card. The cards are in ../profile/.

import { currentUser } from '../api.js';
import { guardLeave } from '../app.js';
import { h, mount, useStyles } from '../ui.js';
import { accountSection } from '../profile/account.js';
import { appearanceSection } from '../profile/appearance.js';
import { loadCredits } from '../profile/credits.js';
import { loadHistory } from '../profile/ledger.js';
import { loadUsage } from '../profile/usage.js';
import { yourDataSection } from '../profile/your-data.js';
import { webhooksSection } from '../profile/webhooks.js';

export async function render(main) {
  useStyles('/css/profile.css');
  const controller = new AbortController();
  const { signal } = controller;
  const teardown = [() => controller.abort()];
  let disposed = false;

  const user = currentUser() || {};
  const account = accountSection(user, signal, teardown);
  const credits = h('section', { class: 'card profile-credits', 'aria-labelledby': 'credits-title' });
  const appearance = appearanceSection(teardown);
  const usage = h('section', { class: 'card profile-usage', 'aria-labelledby': 'usage-title' });
  const history = h('section', { class: 'card profile-history', 'aria-labelledby': 'history-title' });
  const data = yourDataSection(user, signal);
  const webhooks = webhooksSection(signal);

  mount(main, h('section', { class: 'page profile' },
    h('div', { class: 'page-header' },
      h('div', {}, h('h1', {}, 'Profile'), h('p', { class: 'muted profile-lead' }, 'Your account, credits and preferences.')),
      h('a', { class: 'button', href: '/settings', 'data-link': true, id: 'settings-link' }, 'Settings')),
    h('div', { class: 'profile-grid' }, account.element, credits, appearance, usage, history, webhooks.element, data.element)));

  account.refresh();
  loadCredits(credits, signal);
  loadUsage(usage, signal, teardown);
  loadHistory(history, signal);
  data.refresh();
  webhooks.refresh();

  teardown.push(guardLeave(() => (disposed ? null : account.pendingMessage())));
  return () => {
    disposed = true;
    for (const undo of teardown) {
      try { undo(); } catch (error) { console.warn('profile cleanup', error); }
    }
  };
}
