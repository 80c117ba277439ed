// Billing (/billing): the plan and this period's usage (GET /users/me/subscription), the plans side by side
// (GET /billing/plans) with upgrade and downgrade, credit packs (GET /billing/packs), the Stripe customer portal and
// the invoices (GET /billing/invoices). Buying goes through Stripe Checkout: the page sends the browser to the URL
// POST /billing/checkout answers; Stripe comes back to /billing?checkout=success|cancelled, and the credits or
// plan arrive with Stripe's webhook a moment later. Without Stripe the page says how credits come instead.

import { api } from '../api.js';
import { h, mount, toast, loading, failure, errorSentence, useStyles } from '../ui.js';
import { formatCredits, formatDate, formatNumber } from '../format.js';

const LIMITS = {
  monthlyCredits: 'Credits this period',
  concurrentJobs: 'Generations at once',
  generationsPerHour: 'Generations this hour',
  generationsThisPeriod: 'Generations this period',
};

/** 1900, "usd" → "$19.00" (other currencies by their code). */
export function formatMoney(cents, currency = 'usd') {
  const amount = (Number(cents) || 0) / 100;
  try {
    return amount.toLocaleString(undefined, { style: 'currency', currency: currency.toUpperCase() });
  } catch {
    return `${amount.toFixed(2)} ${currency.toUpperCase()}`;
  }
}

/** A plan's place among the others: by price, then queue priority (the server's order for upgrades). */
function rank(plan) {
  return (plan?.price?.cents ?? 0) * 100 + (plan?.queuePriority ?? 0);
}

/** Sends the browser to a Stripe page made by `path` (checkout or portal). */
async function redirect(button, path, body) {
  button.disabled = true;
  try {
    const { url } = await api(path, { method: 'POST', body });
    window.location.assign(url);
  } catch (error) {
    button.disabled = false;
    toast(errorSentence(error), 'error');
  }
}

function usageBar({ limit, used, value }) {
  const label = LIMITS[limit] || limit;
  const limited = typeof value === 'number';
  const share = limited && value > 0 ? Math.min(100, Math.round((used / value) * 100)) : 0;
  return h('div', { class: 'usage-limit', 'data-limit': limit },
    h('div', { class: 'usage-limit-text' },
      h('span', {}, label),
      h('span', { class: 'muted' }, limited ? `${formatNumber(used)} of ${formatNumber(value)}` : `${formatNumber(used)} · no limit`)),
    limited
      ? h('div', {
        class: `usage-meter${share >= 90 ? ' is-full' : ''}`, role: 'meter', 'aria-label': label,
        'aria-valuemin': '0', 'aria-valuemax': String(value), 'aria-valuenow': String(Math.min(used, value)),
      }, h('span', { style: `width: ${share}%` }))
      : null);
}

function currentPlanCard(subscription, plans, stripe) {
  const plan = subscription.plan;
  const pending = subscription.pendingPlan && plans.find((p) => p.id === subscription.pendingPlan);
  const portal = h('button', { type: 'button', class: 'button', id: 'billing-portal' }, 'Manage in the Stripe portal');
  portal.addEventListener('click', () => redirect(portal, '/billing/portal'));
  return h('section', { class: 'card billing-current', 'aria-labelledby': 'billing-current-title' },
    h('h2', { id: 'billing-current-title' }, 'Your plan'),
    h('p', { class: 'billing-plan-name' },
      h('strong', { id: 'billing-plan' }, plan.name),
      h('span', { class: `badge status-${subscription.status}` }, subscription.status.replace('_', ' '))),
    h('p', { class: 'muted' },
      `${formatCredits(subscription.balance)} available. This period ends on ${formatDate(subscription.currentPeriodEnd)}`
      + (plan.monthlyCredits ? `, when ${formatCredits(plan.monthlyCredits)} are added.` : '.')),
    pending ? h('p', { class: 'billing-pending', role: 'note' },
      `You move to ${pending.name} when this period ends.`) : null,
    h('div', { class: 'usage-limits' }, subscription.usage.map(usageBar)),
    stripe ? h('div', { class: 'billing-actions' }, portal) : null);
}

function limitLines(plan) {
  const lines = [`${formatCredits(plan.monthlyCredits)} every month`];
  lines.push(plan.maxDurationSeconds ? `Videos up to ${plan.maxDurationSeconds} s` : 'Videos of any length');
  if (plan.maxQuality) lines.push(`Up to ${plan.maxQuality}`);
  lines.push(plan.concurrentJobs ? `${plan.concurrentJobs} generation${plan.concurrentJobs === 1 ? '' : 's'} at once` : 'No limit on generations at once');
  if (plan.generationsPerHour) lines.push(`${plan.generationsPerHour} generations an hour`);
  if (plan.retentionDays) lines.push(`Videos kept ${plan.retentionDays} days`);
  return lines;
}

function planCard(plan, subscription, stripe) {
  const current = plan.id === subscription.plan.id;
  const higher = rank(plan) > rank(subscription.plan);
  let action;
  if (current) {
    action = h('button', { type: 'button', class: 'button', disabled: true }, 'Current plan');
  } else if (!stripe) {
    action = null;
  } else if (higher && !subscription.managedByStripe) {
    action = h('button', { type: 'button', class: 'button primary', 'data-plan': plan.id }, `Upgrade to ${plan.name}`);
    action.addEventListener('click', () => redirect(action, '/billing/checkout', { kind: 'subscription', plan: plan.id }));
  } else {
    // A paying subscriber changes plan in Stripe's portal: upgrades apply at once, downgrades at the period's end.
    const words = higher ? `Upgrade to ${plan.name}` : `Downgrade to ${plan.name}`;
    action = h('button', { type: 'button', class: `button${higher ? ' primary' : ''}`, 'data-plan': plan.id }, words);
    action.addEventListener('click', () => redirect(action, '/billing/portal'));
  }
  return h('li', { class: `card billing-plan${current ? ' is-current' : ''}`, 'data-plan-card': plan.id },
    h('h3', {}, plan.name),
    h('p', { class: 'billing-price' }, plan.price.cents ? `${formatMoney(plan.price.cents, plan.price.currency)} / month` : 'Free'),
    h('ul', { class: 'billing-features' }, limitLines(plan).map((line) => h('li', {}, line))),
    action);
}

function packCard(pack) {
  const buy = h('button', { type: 'button', class: 'button primary', 'data-pack': pack.id },
    `Buy for ${formatMoney(pack.priceCents, pack.currency)}`);
  buy.addEventListener('click', () => redirect(buy, '/billing/checkout', { kind: 'credits', pack: pack.id }));
  return h('li', { class: 'card billing-pack' },
    h('h3', {}, formatCredits(pack.credits)),
    h('p', { class: 'muted' }, `${formatMoney(Math.round((pack.priceCents / pack.credits) * 100), pack.currency)} per 100 credits`),
    buy);
}

async function loadInvoices(section, signal) {
  mount(section, h('h2', { id: 'billing-invoices-title' }, 'Invoices'), loading('Loading invoices…'));
  try {
    const { invoices } = await api('/billing/invoices', { signal });
    const body = invoices.length
      ? h('div', { class: 'table-scroll' }, h('table', { class: 'billing-invoices' },
        h('thead', {}, h('tr', {}, ['Invoice', 'Date', 'Amount', 'Status', ''].map((title) => h('th', { scope: 'col' }, title)))),
        h('tbody', {}, invoices.map((invoice) => h('tr', {},
          h('td', {}, invoice.number || invoice.id),
          h('td', {}, formatDate(invoice.createdAt)),
          h('td', {}, formatMoney(invoice.amountPaidCents || invoice.amountDueCents, invoice.currency)),
          h('td', {}, invoice.status),
          h('td', {}, invoice.hostedUrl
            ? h('a', { href: invoice.hostedUrl, target: '_blank', rel: 'noopener noreferrer' }, 'View') : null))))))
      : h('p', { class: 'muted' }, 'No invoices yet: they appear here once you pay through Stripe.');
    mount(section, h('h2', { id: 'billing-invoices-title' }, 'Invoices'), body);
  } catch (error) {
    if (error.name === 'AbortError') return;
    mount(section, h('h2', { id: 'billing-invoices-title' }, 'Invoices'),
      failure(new Error(`Your invoices could not be loaded. ${errorSentence(error)}`), () => loadInvoices(section, signal)));
  }
}

export async function render(main, { query }) {
  useStyles('/css/billing.css');
  const controller = new AbortController();
  const { signal } = controller;
  const body = h('div', { class: 'billing-body' }, loading('Loading your plan…'));
  mount(main, h('section', { class: 'page billing' },
    h('div', { class: 'page-header' },
      h('div', {}, h('h1', {}, 'Billing'), h('p', { class: 'muted' }, 'Your plan, credits and invoices.'))),
    body));
  const outcome = query.get('checkout');
  if (outcome === 'success') toast('Payment received. Your credits or plan arrive in a moment.', 'success');
  if (outcome === 'cancelled') toast('Checkout cancelled: nothing was charged.');

  const load = async () => {
    mount(body, loading('Loading your plan…'));
    try {
      const [subscription, catalogue, shop] = await Promise.all([
        api('/users/me/subscription', { signal }), api('/billing/plans', { signal, auth: false }),
        api('/billing/packs', { signal, auth: false }),
      ]);
      const stripe = shop.enabled;
      const sections = [currentPlanCard(subscription, catalogue.plans, stripe)];
      if (!catalogue.billingEnabled && !stripe) {
        sections.push(h('section', { class: 'card billing-off', id: 'billing-off' },
          h('h2', {}, 'Payments are off'),
          h('p', {}, 'This Pixora server takes no payments: every account is on the self-hosted plan with no limits. '
            + 'Credits come from the administrator.')));
        mount(body, ...sections);
        return;
      }
      sections.push(h('section', { class: 'billing-section', 'aria-labelledby': 'billing-plans-title' },
        h('h2', { id: 'billing-plans-title' }, 'Plans'),
        stripe ? null : h('p', { class: 'muted' }, 'Plans are set by the administrator on this server.'),
        h('ul', { class: 'billing-plans' }, catalogue.plans.map((plan) => planCard(plan, subscription, stripe)))));
      if (stripe) {
        sections.push(h('section', { class: 'billing-section', 'aria-labelledby': 'billing-packs-title' },
          h('h2', { id: 'billing-packs-title' }, 'Buy credits'),
          h('p', { class: 'muted' }, 'Credits you buy never expire and add to your plan’s monthly credits.'),
          h('ul', { class: 'billing-packs' }, shop.packs.map(packCard))));
        const invoices = h('section', { class: 'card billing-invoices-card', 'aria-labelledby': 'billing-invoices-title' });
        sections.push(invoices);
        loadInvoices(invoices, signal);
      }
      mount(body, ...sections);
    } catch (error) {
      if (error.name === 'AbortError') return;
      mount(body, failure(new Error(`Your plan could not be loaded. ${errorSentence(error)}`), load));
    }
  };
  load();
  return () => controller.abort();
}
