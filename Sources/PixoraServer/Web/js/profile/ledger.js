// The profile's transaction history: the credits ledger, newest first, a page at a time ("Load more").

import { api } from '../api.js';
import { h, mount, toast, loading, failure, errorSentence } from '../ui.js';
import { capitalize, formatDateTime, formatNumber } from '../format.js';

const TRANSACTIONS_PAGE = 20;

// Ledger reasons in words. The server's names are in PixoraStore/CreditLedger.swift; the short aliases are kept
// in case older rows or other servers use them.
const REASONS = {
  signup_grant: 'Welcome credits',
  video_charge: 'Video',
  video_refund: 'Refund',
  refund: 'Refund',
  scene_regeneration: 'Scene regeneration',
  scene_charge: 'Scene regeneration',
  scene_regeneration_refund: 'Scene regeneration refund',
  admin_adjustment: 'Adjustment',
  admin_grant: 'Adjustment',
  credit_purchase: 'Credits bought',
};

/** A reason the list above does not know, in words ("gift_code" → "Gift code"). */
function humanize(reason) {
  return capitalize(String(reason || 'Change').replace(/_/g, ' '));
}

export async function loadHistory(section, signal) {
  const body = h('tbody');
  const moreBox = h('div', { class: 'history-more' });
  let cursor = null;

  mount(section, h('h2', { id: 'history-title' }, 'Transaction history'), loading('Loading transactions…'));

  const row = (item) => {
    const positive = item.delta > 0;
    return h('tr', {},
      h('td', { class: 'history-date' }, h('time', { datetime: item.createdAt }, formatDateTime(item.createdAt))),
      h('td', {},
        h('span', { class: `reason reason-${positive ? 'in' : 'out'}` }, REASONS[item.reason] || humanize(item.reason)),
        // On a phone the date column is hidden and the date shows under the reason instead.
        h('span', { class: 'reason-date hint', 'aria-hidden': 'true' }, formatDateTime(item.createdAt))),
      h('td', { class: `num delta ${positive ? 'plus' : 'minus'}` },
        h('span', { class: 'visually-hidden' }, positive ? 'added ' : 'spent '),
        `${positive ? '+' : '−'}${formatNumber(Math.abs(item.delta))}`),
      h('td', { class: 'num' }, formatNumber(item.balanceAfter)));
  };

  const page = async () => {
    const params = new URLSearchParams({ limit: String(TRANSACTIONS_PAGE) });
    if (cursor) params.set('cursor', cursor);
    return api(`/users/me/credits/transactions?${params}`, { signal });
  };

  const drawMore = () => mount(moreBox, cursor
    ? h('button', { type: 'button', class: 'button', onclick: (event) => more(event.currentTarget) }, 'Load more')
    : null);

  async function more(button) {
    button.disabled = true;
    button.textContent = 'Loading…';
    try {
      const result = await page();
      const start = body.rows.length;
      body.append(...(result.items || []).map(row));
      cursor = result.nextCursor || null;
      drawMore();
      // Move focus to the first new row's date so keyboard users continue where the list grew.
      const first = body.rows[start];
      if (first) {
        first.tabIndex = -1;
        first.focus();
      }
    } catch (error) {
      if (error.name === 'AbortError') return;
      toast(`More transactions could not be loaded. ${errorSentence(error)}`, 'error');
      button.disabled = false;
      button.textContent = 'Load more';
    }
  }

  try {
    const result = await page();
    const items = result.items || [];
    cursor = result.nextCursor || null;
    if (!items.length) {
      mount(section, h('h2', { id: 'history-title' }, 'Transaction history'),
        h('p', { class: 'empty small' }, 'No transactions yet.'));
      return;
    }
    body.append(...items.map(row));
    drawMore();
    mount(section,
      h('h2', { id: 'history-title' }, 'Transaction history'),
      h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'history-title' },
        h('table', { class: 'history-table' },
          h('caption', { class: 'visually-hidden' }, 'Credit transactions, newest first'),
          h('thead', {}, h('tr', {},
            h('th', { scope: 'col', class: 'history-date' }, 'Date'), h('th', { scope: 'col' }, 'What'),
            h('th', { scope: 'col', class: 'num' }, 'Change'), h('th', { scope: 'col', class: 'num' }, 'Balance'))),
          body)),
      moreBox);
  } catch (error) {
    if (error.name === 'AbortError') return;
    mount(section, h('h2', { id: 'history-title' }, 'Transaction history'),
      failure(new Error(`Your transactions could not be loaded. ${errorSentence(error)}`), () => loadHistory(section, signal)));
  }
}
