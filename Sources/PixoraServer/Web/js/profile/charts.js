// The usage charts, drawn as inline SVG with DOM calls: credits spent per day (bars with a readout and keyboard
// navigation) and videos by status (a donut with a legend).

import { h, svg } from '../ui.js';
import { formatCredits, formatDay, formatNumber } from '../format.js';
import { STATUS_LABELS } from '../status.js';

const STATUS_ORDER = ['completed', 'running', 'queued', 'paused', 'failed', 'cancelled', 'expired'];

/** A nice round axis maximum and step (1, 2 or 5 × 10ⁿ) for values up to `max`, about four gridlines. */
export function axis(max) {
  if (max <= 0) return { top: 4, step: 1 };
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough) || power * 10;
  const wholeStep = Math.max(1, Math.round(step));
  return { top: Math.ceil(max / wholeStep) * wholeStep, step: wholeStep };
}

/** Dashed gridlines with their values on the left, from 0 to `top` every `step`; `y` maps a value to pixels. */
export function valueGrid(top, step, y, margin, width) {
  const grid = svg('g', { class: 'chart-grid', 'aria-hidden': 'true' });
  for (let value = 0; value <= top; value += step) {
    const lineY = y(value);
    grid.append(
      svg('line', { x1: margin.left, x2: width - margin.right, y1: lineY, y2: lineY, class: value === 0 ? 'baseline' : '' }),
      svg('text', { x: margin.left - 6, y: lineY, class: 'axis-label', 'text-anchor': 'end', 'dominant-baseline': 'middle' }, formatNumber(value)));
  }
  return grid;
}

/** Date labels under day bars `slot` px wide: as many as fit ~56 px apart, always including the last day. */
export function dayLabels(days, slot, margin, width, height) {
  const every = Math.max(1, Math.ceil(56 / slot));
  const labels = svg('g', { class: 'chart-x', 'aria-hidden': 'true' });
  days.forEach((day, index) => {
    if ((days.length - 1 - index) % every !== 0) return;
    // Centred under its bar, but kept inside the drawing at either end.
    const center = margin.left + slot * index + slot / 2;
    const anchor = center > width - 24 ? 'end' : center < margin.left + 20 ? 'start' : 'middle';
    const x = anchor === 'end' ? width - 1 : anchor === 'start' ? margin.left : center;
    labels.append(svg('text', { x, y: height - 8, class: 'axis-label', 'text-anchor': anchor }, formatDay(day.date)));
  });
  return labels;
}

/**
 * Credits spent per day as bars, `width` px wide; `readout` says the day pointed at or focused, `focus` {get, set}
 * keeps the focused day across redraws (one tab stop, arrows move between days).
 */
export function dailyChart(days, width, readout, focus) {
  const height = width < 480 ? 190 : 230;
  const margin = { top: 12, right: 6, bottom: 28, left: 34 };
  const plotWidth = Math.max(10, width - margin.left - margin.right);
  const plotHeight = height - margin.top - margin.bottom;
  const max = Math.max(0, ...days.map((day) => day.spent || 0));
  const { top, step } = axis(max);
  const slot = plotWidth / Math.max(1, days.length);
  const barWidth = Math.max(2, Math.min(28, slot * 0.66));
  const y = (value) => margin.top + plotHeight - (value / top) * plotHeight;

  const chart = svg('svg', {
    width, height, viewBox: `0 0 ${width} ${height}`, class: 'chart-svg', role: 'group',
    'aria-label': `Credits spent per day over the last ${days.length} days. Use the arrow keys to move between days.`,
  });

  chart.append(valueGrid(top, step, y, margin, width), dayLabels(days, slot, margin, width, height));

  const bars = svg('g', { class: 'chart-bars' });
  const describe = (day) => `${formatDay(day.date, true)}: ${formatCredits(day.spent || 0)} spent${day.granted ? `, ${formatCredits(day.granted)} received` : ''}`;
  const show = (index) => {
    const day = days[index];
    readout.textContent = day ? describe(day) : '';
    for (const element of bars.children) element.classList.toggle('active', Number(element.dataset.index) === index);
  };
  const reset = () => {
    const total = days.reduce((sum, day) => sum + (day.spent || 0), 0);
    readout.textContent = total
      ? `${formatCredits(total)} spent in ${days.length} days (after refunds). Point at or focus a bar for a day.`
      : `No credits spent in the last ${days.length} days.`;
    for (const element of bars.children) element.classList.remove('active');
  };

  days.forEach((day, index) => {
    const spent = day.spent || 0;
    const x = margin.left + slot * index;
    const barHeight = spent ? Math.max(2, y(0) - y(spent)) : 0;
    const group = svg('g', {
      class: `chart-day${spent ? '' : ' zero'}`, 'data-index': index, role: 'img', 'aria-label': describe(day),
      tabindex: index === focus.get() ? 0 : -1,
    },
      svg('title', {}, describe(day)),
      svg('rect', { class: 'hit', x, y: margin.top, width: slot, height: plotHeight, rx: 4 }),
      svg('rect', { class: 'bar', x: x + (slot - barWidth) / 2, y: y(0) - barHeight, width: barWidth, height: barHeight, rx: Math.min(4, barWidth / 3) }));
    group.addEventListener('pointerenter', () => show(index));
    group.addEventListener('focus', () => {
      focus.set(index);
      show(index);
    });
    bars.append(group);
  });
  bars.addEventListener('pointerleave', () => {
    if (!bars.contains(document.activeElement)) reset();
  });
  bars.addEventListener('focusout', (event) => {
    if (!bars.contains(event.relatedTarget)) reset();
  });
  // One tab stop for the whole chart; arrows, Home and End move between days (a roving tabindex).
  bars.addEventListener('keydown', (event) => {
    const moves = { ArrowLeft: -1, ArrowRight: 1, ArrowDown: -1, ArrowUp: 1 };
    let index = focus.get();
    if (event.key in moves) index = Math.min(days.length - 1, Math.max(0, index + moves[event.key]));
    else if (event.key === 'Home') index = 0;
    else if (event.key === 'End') index = days.length - 1;
    else return;
    event.preventDefault();
    for (const element of bars.children) element.setAttribute('tabindex', '-1');
    const target = bars.querySelector(`[data-index="${index}"]`);
    target?.setAttribute('tabindex', '0');
    target?.focus();
  });
  chart.append(bars);
  if (!max) {
    chart.append(svg('text', {
      x: margin.left + plotWidth / 2, y: margin.top + plotHeight / 2, class: 'chart-empty', 'text-anchor': 'middle',
      'aria-hidden': 'true',
    }, 'Nothing spent yet'));
  }
  reset();
  return chart;
}

/** Videos by status as a donut with a legend. */
export function statusChart(byStatus) {
  const entries = STATUS_ORDER.map((status) => ({ status, label: STATUS_LABELS[status], count: Math.max(0, Number(byStatus[status]) || 0) }));
  const total = entries.reduce((sum, entry) => sum + entry.count, 0);
  const size = 160;
  const radius = 60;
  const stroke = 22;
  const circumference = 2 * Math.PI * radius;

  const chart = svg('svg', {
    width: size, height: size, viewBox: `0 0 ${size} ${size}`, class: 'donut', role: 'img',
    'aria-label': total
      ? `Videos by status: ${entries.filter((e) => e.count).map((e) => `${e.label} ${e.count}`).join(', ')}`
      : 'No videos yet',
  });
  chart.append(svg('circle', { cx: size / 2, cy: size / 2, r: radius, class: 'donut-track', 'stroke-width': stroke, fill: 'none' }));
  // Each status is an arc drawn with a dash of its share, offset by the shares before it, starting at 12 o'clock.
  const arcs = svg('g', { transform: `rotate(-90 ${size / 2} ${size / 2})` });
  let offset = 0;
  const gap = entries.filter((e) => e.count).length > 1 ? 2 : 0;
  for (const entry of entries) {
    if (!entry.count) continue;
    const length = (entry.count / total) * circumference;
    arcs.append(svg('circle', {
      cx: size / 2, cy: size / 2, r: radius, fill: 'none', 'stroke-width': stroke, class: `donut-arc seg-${entry.status}`,
      'stroke-dasharray': `${Math.max(0.5, length - gap)} ${circumference}`, 'stroke-dashoffset': -offset,
    }, svg('title', {}, `${entry.label}: ${entry.count}`)));
    offset += length;
  }
  chart.append(arcs,
    svg('text', { x: size / 2, y: size / 2 - 4, class: 'donut-total', 'text-anchor': 'middle', 'aria-hidden': 'true' }, formatNumber(total)),
    svg('text', { x: size / 2, y: size / 2 + 18, class: 'donut-caption', 'text-anchor': 'middle', 'aria-hidden': 'true' }, total === 1 ? 'video' : 'videos'));

  const legend = h('ul', { class: 'legend', role: 'list' }, entries.map((entry) => h('li', { class: entry.count ? '' : 'is-zero' },
    h('span', { class: `swatch seg-${entry.status}`, 'aria-hidden': 'true' }),
    h('span', { class: 'legend-label' }, entry.label),
    h('span', { class: 'legend-count' }, formatNumber(entry.count),
      total ? h('span', { class: 'hint' }, ` · ${Math.round((entry.count / total) * 100)}%`) : null))));
  return h('div', { class: 'status-chart' }, chart, legend);
}
