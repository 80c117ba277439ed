// Analytics (/analytics?from=&to=&scope=all): videos per day by status, success rate, time per stage, credits by
// kind, models and provider cost over a period (GET /users/me/analytics); administrators can switch to every
// user's figures with the queue, failures and accounts (GET /admin/analytics). Charts are in ../analytics/.

import { api, currentUser } from '../api.js';
import { navigate } from '../app.js';
import { h, mount, loading, failure, useStyles } from '../ui.js';
import { capitalize, formatCredits, formatNumber, formatSeconds, plural } from '../format.js';
import { barList, dayChart, drawResponsive, statusLegend, successMeter } from '../analytics/charts.js';

const PRESETS = [7, 30, 90, 365];
const STAGE_LABELS = {
  plan: 'Plan', voices: 'Voices', pictures: 'Pictures', clips: 'Clips', music: 'Music', render: 'Render',
};
const KIND_LABELS = {
  videos: 'Videos', scenes: 'Regenerations', studio: 'Studio steps', adjustments: 'Adjustments',
};

/** Today in UTC as YYYY-MM-DD, and `days` before it. */
function utcDate(offsetDays = 0) {
  return new Date(Date.now() - offsetDays * 86_400_000).toISOString().slice(0, 10);
}

function seconds(value) {
  if (value === undefined || value === null) return '–';
  return value < 10 ? `${Math.round(value * 100) / 100} s` : formatSeconds(value);
}

export function formatUsd(value) {
  return `$${Number(value || 0).toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 4 })}`;
}

export async function render(main, { query }) {
  useStyles('/css/analytics.css');
  const controller = new AbortController();
  const teardown = [() => controller.abort()];
  const admin = currentUser()?.role === 'admin';
  const everyone = admin && query.get('scope') === 'all';
  const to = query.get('to') || utcDate();
  const from = query.get('from') || utcDate(29);

  const go = (next) => {
    const params = new URLSearchParams({ from: next.from, to: next.to });
    if (next.everyone) params.set('scope', 'all');
    navigate(`/analytics?${params}`);
  };
  const fromInput = h('input', { type: 'date', id: 'analytics-from', name: 'from', value: from, required: true });
  const toInput = h('input', { type: 'date', id: 'analytics-to', name: 'to', value: to, required: true });
  const controls = h('form', {
    class: 'analytics-controls', 'aria-label': 'Period',
    onsubmit: (event) => {
      event.preventDefault();
      go({ from: fromInput.value, to: toInput.value, everyone });
    },
  },
    h('div', { class: 'analytics-presets', role: 'group', 'aria-label': 'Last days' },
      PRESETS.map((days) => h('button', {
        type: 'button', class: 'button ghost small', onclick: () => go({ from: utcDate(days - 1), to: utcDate(), everyone }),
      }, `${days} days`))),
    h('span', { class: 'analytics-date' }, h('label', { for: 'analytics-from' }, 'From'), fromInput),
    h('span', { class: 'analytics-date' }, h('label', { for: 'analytics-to' }, 'To'), toInput),
    h('button', { type: 'submit', class: 'button' }, 'Show'),
    admin
      ? h('label', { class: 'analytics-scope' },
        h('input', {
          type: 'checkbox', role: 'switch', id: 'analytics-everyone', checked: everyone,
          onchange: (event) => go({ from, to, everyone: event.target.checked }),
        }), 'All users')
      : null);

  const body = h('div', { class: 'analytics-body' }, loading('Loading analytics…'));
  mount(main, h('section', { class: 'page analytics' },
    h('div', { class: 'page-header' },
      h('div', {},
        h('h1', {}, everyone ? 'Analytics · all users' : 'Analytics'),
        h('p', { class: 'muted' }, `Days are UTC, ${from} to ${to}.`))),
    controls, body));

  const load = async () => {
    mount(body, loading('Loading analytics…'));
    const path = `${everyone ? '/admin/analytics' : '/users/me/analytics'}?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    let reply;
    try {
      reply = await api(path, { signal: controller.signal });
    } catch (error) {
      if (error.name === 'AbortError') return;
      mount(body, failure(error, load));
      return;
    }
    const report = everyone ? reply.summary : reply;
    mount(body, ...sections(report, teardown), ...(everyone ? adminSections(reply) : []));
  };
  load();
  return () => {
    for (const undo of teardown) {
      try { undo(); } catch (error) { console.warn('analytics cleanup', error); }
    }
  };
}

function stat(label, value, note, key) {
  return h('div', { class: 'analytics-stat', dataset: { stat: key } },
    h('dt', {}, label),
    h('dd', {}, h('span', { class: 'analytics-value' }, value), note ? h('span', { class: 'hint' }, note) : null));
}

function card(title, id, ...children) {
  return h('section', { class: 'card analytics-card', 'aria-labelledby': id, dataset: { card: id } },
    h('h2', { id }, title), ...children);
}

/** A box whose chart is drawn at its width, redrawn when it changes. */
function responsive(teardown, className, draw) {
  const box = h('div', { class: className });
  queueMicrotask(() => teardown.push(drawResponsive(box, draw)));
  return box;
}

function sections(report, teardown) {
  const { totals, days } = report;
  const stats = h('dl', { class: 'analytics-stats' },
    stat('Videos', formatNumber(totals.videos), `${formatNumber(totals.succeeded)} ready`, 'videos'),
    stat('Success rate', totals.successRate === undefined ? '–' : `${Math.round(totals.successRate * 1000) / 10}%`,
      `${formatNumber(totals.failed)} failed`, 'success'),
    stat('Credits spent', formatNumber(totals.creditsSpent), 'after refunds', 'credits'),
    stat('Provider cost', formatUsd(totals.providerCostUsd), `${formatSeconds(totals.secondsProduced)} of video`, 'cost'));

  const table = h('table', { class: 'analytics-table' },
    h('thead', {}, h('tr', {}, ['Day', 'Ready', 'Failed', 'Cancelled', 'Waiting', 'All'].map((text) => h('th', { scope: 'col' }, text)))),
    h('tbody', {}, days.filter((day) => day.total).map((day) => h('tr', {},
      h('th', { scope: 'row' }, day.date),
      h('td', {}, formatNumber(day.completed + day.expired)), h('td', {}, formatNumber(day.failed)),
      h('td', {}, formatNumber(day.cancelled)), h('td', {}, formatNumber(day.queued + day.running)),
      h('td', {}, formatNumber(day.total))))));

  const stageRows = report.stages.map((stage) => ({
    key: stage.stage, label: STAGE_LABELS[stage.stage] || capitalize(stage.stage), value: stage.meanSeconds || 0,
    marker: stage.p95Seconds,
    text: stage.count
      ? `mean ${seconds(stage.meanSeconds)} · median ${seconds(stage.p50Seconds)} · p95 ${seconds(stage.p95Seconds)} · ${plural(stage.count, 'run')}`
      : 'not run in this period',
  }));
  const creditRows = report.credits.map((credits) => ({
    key: credits.kind, label: KIND_LABELS[credits.kind] || capitalize(credits.kind), value: Math.max(0, credits.spent),
    text: `${formatCredits(credits.spent)} spent (${formatNumber(credits.charged)} charged, ${formatNumber(credits.refunded)} refunded)`,
  }));
  const providerRows = report.providers.map((provider) => ({
    key: provider.provider, label: provider.provider, value: provider.costUsd,
    text: `${formatUsd(provider.costUsd)} · ${plural(provider.assets, 'asset')}`,
  }));
  const models = report.models.length
    ? h('table', { class: 'analytics-table analytics-models' },
      h('thead', {}, h('tr', {}, ['Model', 'Made', 'Assets', 'Cost'].map((text) => h('th', { scope: 'col' }, text)))),
      h('tbody', {}, report.models.map((model) => h('tr', {},
        h('th', { scope: 'row' }, model.model), h('td', {}, model.kind), h('td', {}, formatNumber(model.assets)),
        h('td', {}, formatUsd(model.costUsd))))))
    : h('p', { class: 'muted' }, 'No assets were made in this period.');

  return [
    stats,
    card('Videos per day', 'analytics-days',
      responsive(teardown, 'bar-chart', (width) => dayChart(days, width)),
      statusLegend(days),
      h('details', { class: 'analytics-details' }, h('summary', {}, 'Show as a table'), table)),
    card('Success rate', 'analytics-success',
      responsive(teardown, 'meter-box', (width) => successMeter(totals.successRate, totals.succeeded, totals.failed, width))),
    card('Time per stage', 'analytics-stages',
      h('p', { class: 'hint' }, 'Bars are the mean; the tick is the 95th percentile.'),
      responsive(teardown, 'bars-box', (width) => barList(stageRows, width, { label: 'Time per stage' }))),
    card('Credits by kind', 'analytics-credits',
      responsive(teardown, 'bars-box', (width) => barList(creditRows, width, { label: 'Credits by kind' })),
      h('p', { class: 'hint' }, `${formatCredits(totals.creditsGranted)} received in this period.`)),
    card('Models and provider cost', 'analytics-models',
      providerRows.length
        ? responsive(teardown, 'bars-box', (width) => barList(providerRows, width, { label: 'Cost by provider' }))
        : null,
      models),
  ];
}

function adminSections(reply) {
  const list = (items, text, empty) => (items.length
    ? h('ul', { class: 'analytics-list' }, items.map((item) => h('li', {}, text(item))))
    : h('p', { class: 'muted' }, empty));
  return [
    card('Accounts', 'analytics-users', h('dl', { class: 'analytics-stats' },
      stat('Active', formatNumber(reply.users.active), 'started a job', 'active'),
      stat('New', formatNumber(reply.users.new), 'signed up', 'new'),
      stat('All', formatNumber(reply.users.total), 'now', 'total'))),
    card('Queue now', 'analytics-queue',
      list(reply.queue, (row) => `${row.kind}: ${formatNumber(row.queued)} queued, ${formatNumber(row.running)} running`, 'Nothing waits.')),
    card('Job failures', 'analytics-failures',
      list(reply.failures, (row) => `${row.kind}: ${formatNumber(row.count)}`, 'No job failed in this period.'),
      reply.commonErrors.length ? h('h3', {}, 'Most common errors') : null,
      reply.commonErrors.length
        ? list(reply.commonErrors, (row) => h('span', {}, h('strong', {}, `${formatNumber(row.count)} × ${row.kind}: `), row.error), '')
        : null),
  ];
}
