// The profile's usage card: totals, credits spent per day over 30 days and videos by status (GET /users/me/usage),
// the day chart redrawn at the card's real width.

import { api } from '../api.js';
import { h, mount, loading, failure, errorSentence } from '../ui.js';
import { formatNumber, formatSeconds } from '../format.js';
import { dailyChart, statusChart } from './charts.js';

const USAGE_DAYS = 30;

export async function loadUsage(section, signal, teardown) {
  const title = h('div', { class: 'usage-head' }, h('h2', { id: 'usage-title' }, 'Usage'));
  mount(section, title, loading('Loading usage…'));
  let usage;
  try {
    usage = await api(`/users/me/usage?days=${USAGE_DAYS}`, { signal });
  } catch (error) {
    if (error.name === 'AbortError') return;
    const reason = error.status === 404
      ? new Error('Usage statistics are not available from this server yet. Please try again later.')
      : new Error(`Usage statistics could not be loaded. ${errorSentence(error)}`);
    mount(section, title, failure(reason, () => loadUsage(section, signal, teardown)));
    return;
  }
  const days = Array.isArray(usage?.days) ? usage.days : [];
  const byStatus = usage?.videosByStatus || {};
  const granted = days.reduce((sum, day) => sum + (day.granted || 0), 0);
  const spentInDays = days.reduce((sum, day) => sum + (day.spent || 0), 0);

  // Videos and their length count every video you have; the credit figures cover the period only.
  const stats = h('dl', { class: 'usage-stats' },
    stat('Videos', formatNumber(usage.totalVideos ?? 0), 'all time'),
    stat('Finished video', formatSeconds(usage.totalSeconds ?? 0), 'all time'),
    stat('Credits spent', formatNumber(usage.creditsSpent ?? spentInDays), `${USAGE_DAYS} days, after refunds`),
    stat('Credits received', formatNumber(granted), `${USAGE_DAYS} days`));

  const barBox = h('div', { class: 'bar-chart' });
  const readout = h('p', { class: 'chart-readout hint', 'aria-live': 'polite' });
  const donut = statusChart(byStatus);

  mount(section, title, stats,
    h('div', { class: 'usage-charts' },
      h('figure', { class: 'usage-figure usage-daily' },
        h('figcaption', {}, 'Credits spent per day', h('span', { class: 'hint' }, ` · last ${USAGE_DAYS} days`)),
        barBox, readout),
      h('figure', { class: 'usage-figure usage-status' },
        h('figcaption', {}, 'Videos by status'),
        donut)));

  // The bar chart is drawn at the real pixel width so labels stay readable on a phone; redrawn when it changes.
  let width = 0;
  let focusIndex = days.length - 1;
  const redraw = () => {
    const next = Math.round(barBox.clientWidth);
    if (!next || next === width) return;
    width = next;
    const hadFocus = barBox.contains(document.activeElement);
    mount(barBox, dailyChart(days, width, readout, {
      get: () => focusIndex,
      set: (index) => { focusIndex = index; },
    }));
    if (hadFocus) barBox.querySelector(`[data-index="${focusIndex}"]`)?.focus();
  };
  const observer = new ResizeObserver(redraw);
  observer.observe(barBox);
  teardown.push(() => observer.disconnect());
  redraw();
}

function stat(label, value, note) {
  return h('div', { class: 'usage-stat' },
    h('dt', {}, label),
    h('dd', {}, h('span', { class: 'usage-value' }, value), note ? h('span', { class: 'hint' }, note) : null));
}
