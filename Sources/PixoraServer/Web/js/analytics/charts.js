// The analytics charts, drawn as inline SVG with DOM calls (no library): videos per day stacked by status, a
// success meter, and labelled horizontal bars (stage times, credits, providers). Every mark carries a <title>
// and the figures are also written as text, so the numbers read without the drawing.

import { h, svg } from '../ui.js';
import { formatDay, formatNumber } from '../format.js';
import { STATUS_LABELS } from '../status.js';
import { axis, dayLabels, valueGrid } from '../profile/charts.js';

/** Stacking order, bottom up: finished well first, then waiting, then what went wrong. */
export const STATUS_ORDER = ['completed', 'expired', 'running', 'queued', 'failed', 'cancelled'];

function describeDay(day) {
  const parts = STATUS_ORDER.filter((status) => day[status]).map((status) => `${day[status]} ${STATUS_LABELS[status].toLowerCase()}`);
  return `${formatDay(day.date, true)}: ${parts.length ? parts.join(', ') : 'no videos'}`;
}

/** Videos created per day (`AnalyticsDay` list), stacked by status, drawn `width` px wide. */
export function dayChart(days, width) {
  const height = width < 480 ? 200 : 240;
  const margin = { top: 12, right: 6, bottom: 28, left: 30 };
  const plotWidth = Math.max(10, width - margin.left - margin.right);
  const plotHeight = height - margin.top - margin.bottom;
  const max = Math.max(0, ...days.map((day) => day.total || 0));
  const { top, step } = axis(max);
  const slot = plotWidth / Math.max(1, days.length);
  const barWidth = Math.max(2, Math.min(28, slot * 0.7));
  const y = (value) => margin.top + plotHeight - (value / top) * plotHeight;
  const total = days.reduce((sum, day) => sum + (day.total || 0), 0);

  const chart = svg('svg', {
    width, height, viewBox: `0 0 ${width} ${height}`, class: 'chart-svg analytics-days', role: 'group',
    'aria-label': `Videos created per day, ${days.length} days, ${formatNumber(total)} in all.`,
  });
  const bars = svg('g', { class: 'chart-bars' });
  days.forEach((day, index) => {
    const x = margin.left + slot * index + (slot - barWidth) / 2;
    const group = svg('g', {
      class: 'analytics-day', role: 'img', 'aria-label': describeDay(day), 'data-date': day.date, 'data-total': day.total || 0,
    }, svg('title', {}, describeDay(day)));
    let base = 0;
    for (const status of STATUS_ORDER) {
      const count = day[status] || 0;
      if (!count) continue;
      const rectTop = y(base + count);
      group.append(svg('rect', {
        class: `an-fill-${status}`, x, y: rectTop, width: barWidth, height: Math.max(1, y(base) - rectTop), 'data-status': status,
        'data-count': count,
      }));
      base += count;
    }
    bars.append(group);
  });
  chart.append(valueGrid(top, step, y, margin, width), dayLabels(days, slot, margin, width, height), bars);
  if (!total) {
    chart.append(svg('text', {
      x: margin.left + plotWidth / 2, y: margin.top + plotHeight / 2, class: 'chart-empty', 'text-anchor': 'middle', 'aria-hidden': 'true',
    }, 'No videos in this period'));
  }
  return chart;
}

/** The statuses that occur, with their totals, as a legend. */
export function statusLegend(days) {
  const totals = Object.fromEntries(STATUS_ORDER.map((status) => [status, days.reduce((sum, day) => sum + (day[status] || 0), 0)]));
  return h('ul', { class: 'analytics-legend', role: 'list' }, STATUS_ORDER.map((status) => h('li', {
    class: totals[status] ? '' : 'is-zero', dataset: { status },
  },
    h('span', { class: `swatch an-bg-${status}`, 'aria-hidden': 'true' }),
    h('span', {}, STATUS_LABELS[status]),
    h('strong', { class: 'legend-count' }, formatNumber(totals[status])))));
}

/** The share that finished well as a meter: `rate` 0…1, or null when nothing finished either way. */
export function successMeter(rate, succeeded, failed, width) {
  const height = 28;
  const text = rate === null || rate === undefined
    ? 'No video finished in this period'
    : `${Math.round(rate * 1000) / 10}% succeeded (${formatNumber(succeeded)} of ${formatNumber(succeeded + failed)})`;
  const chart = svg('svg', {
    width, height, viewBox: `0 0 ${width} ${height}`, class: 'chart-svg analytics-meter', role: 'img', 'aria-label': text,
  }, svg('title', {}, text),
  svg('rect', { class: 'meter-track', x: 0, y: 4, width, height: height - 8, rx: 6 }));
  if (rate !== null && rate !== undefined) {
    chart.append(svg('rect', { class: 'an-fill-completed', x: 0, y: 4, width: Math.max(0, width * rate), height: height - 8, rx: 6 }));
    if (failed) {
      chart.append(svg('rect', { class: 'an-fill-failed', x: width * rate, y: 4, width: width * (1 - rate), height: height - 8, rx: 6 }));
    }
  }
  return h('figure', { class: 'analytics-figure' }, chart, h('p', { class: 'meter-text' }, text));
}

/**
 * Labelled horizontal bars: rows of {label, value, text, marker?, className?}; `value` sets the bar's length against
 * the largest, `text` is written beside it, `marker` (same unit as value) draws a tick, e.g. a 95th percentile.
 */
export function barList(rows, width, { label: caption }) {
  // On a phone the label goes above its bar, so the bar and the figures beside it get the whole width.
  const stacked = width < 480;
  const labelWidth = stacked ? 0 : Math.min(140, Math.max(100, width * 0.3));
  const barTop = stacked ? 20 : 4;
  const rowHeight = stacked ? 58 : 44;
  const height = rows.length * rowHeight + 4;
  const barSpace = Math.max(20, width - labelWidth - 8);
  const max = Math.max(0, ...rows.map((row) => Math.max(row.value || 0, row.marker || 0)));
  const scale = (value) => (max > 0 ? (value / max) * barSpace : 0);
  const chart = svg('svg', {
    width, height, viewBox: `0 0 ${width} ${height}`, class: 'chart-svg analytics-bars', role: 'group', 'aria-label': caption,
  });
  rows.forEach((row, index) => {
    const top = index * rowHeight + 2;
    const description = `${row.label}: ${row.text}`;
    const group = svg('g', { role: 'img', 'aria-label': description, class: 'analytics-bar', 'data-key': row.key || row.label },
      svg('title', {}, description),
      svg('text', { x: 0, y: top + 14, class: 'bar-label' }, row.label),
      svg('rect', { class: 'meter-track', x: labelWidth, y: top + barTop, width: barSpace, height: 14, rx: 4 }),
      svg('rect', { class: row.className || 'bar-fill', x: labelWidth, y: top + barTop, width: scale(row.value || 0), height: 14, rx: 4 }),
      svg('text', { x: labelWidth, y: top + barTop + 30, class: 'bar-value' }, row.text));
    if (row.marker) {
      const x = labelWidth + scale(row.marker);
      group.append(svg('line', { class: 'bar-marker', x1: x, x2: x, y1: top + barTop - 3, y2: top + barTop + 17 }));
    }
    chart.append(group);
  });
  return chart;
}

/** Draws `draw(width)` into `box` at its real pixel width, again when that changes; returns the disconnect. */
export function drawResponsive(box, draw) {
  let width = 0;
  const redraw = () => {
    const next = Math.round(box.clientWidth);
    if (!next || next === width) return;
    width = next;
    box.replaceChildren(draw(width));
  };
  const observer = new ResizeObserver(redraw);
  observer.observe(box);
  redraw();
  return () => observer.disconnect();
}
