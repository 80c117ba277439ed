// The video page's share dialog: make a public link (with how long it works), copy it, see each link's views and
// expiry, and revoke a link. Anyone with a link watches the video at /s/<token> without signing in.

import { h, mount, toast, loading, failure, errorText, useStyles } from '../ui.js';
import { formatDateTime, plural } from '../format.js';

/** The lifetimes offered, in seconds; a week is the server's default. */
const LIFETIMES = [
  [3600, '1 hour'],
  [86_400, '1 day'],
  [7 * 86_400, '7 days'],
  [30 * 86_400, '30 days'],
];

/** Opens the dialog for the finished video `current`; `ctx.get(suffix, options)` calls the video's API. */
export function openShareDialog(ctx, current) {
  useStyles('/css/share.css');
  const list = h('ul', { class: 'share-list', 'aria-label': 'Share links', dataset: { role: 'share-list' } });
  const lifetime = h('select', { name: 'expiresInSeconds' },
    LIFETIMES.map(([seconds, label]) => h('option', { value: String(seconds), selected: seconds === 7 * 86_400 }, label)));
  const create = h('button', { type: 'submit', class: 'button primary' }, 'Create link');
  const form = h('form', { class: 'share-form' },
    h('label', { class: 'field' }, 'The link works for', lifetime),
    create);
  const dialog = h('dialog', { class: 'dialog share-dialog', 'aria-labelledby': 'share-title' },
    h('h2', { id: 'share-title' }, 'Share this video'),
    h('p', { class: 'hint' }, 'Anyone with a link can watch the video without signing in, until the link expires or you revoke it.'),
    current.expiresAt
      ? h('p', { class: 'hint' }, `Links end by ${formatDateTime(current.expiresAt)}, when the video's files are deleted.`)
      : null,
    form,
    list,
    h('div', { class: 'dialog-actions' },
      h('button', { type: 'button', class: 'button ghost', onclick: () => dialog.close() }, 'Close')));
  dialog.addEventListener('close', () => dialog.remove());

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    create.disabled = true;
    try {
      const share = await ctx.get('/shares', { method: 'POST', body: { expiresInSeconds: Number(lifetime.value) } });
      await refresh();
      await copy(share.url);
    } catch (error) {
      if (error.name !== 'AbortError') toast(errorText(error), 'error');
    } finally {
      create.disabled = false;
    }
  });

  async function refresh() {
    try {
      const { shares } = await ctx.get('/shares');
      mount(list, shares.length ? shares.map(row) : h('li', { class: 'hint share-empty' }, 'No links yet.'));
    } catch (error) {
      if (error.name !== 'AbortError') mount(list, h('li', {}, failure(error, refresh)));
    }
  }

  function row(share) {
    const expired = new Date(share.expiresAt).getTime() <= Date.now();
    const revoke = h('button', { type: 'button', class: 'button ghost small danger-text' }, 'Revoke');
    revoke.addEventListener('click', async () => {
      revoke.disabled = true;
      try {
        await ctx.get(`/shares/${encodeURIComponent(share.id)}`, { method: 'DELETE' });
        toast('Link revoked: it no longer opens.', 'success');
        await refresh();
      } catch (error) {
        revoke.disabled = false;
        if (error.name !== 'AbortError') toast(errorText(error), 'error');
      }
    });
    const address = share.url
      ? h('input', { class: 'share-url', readonly: true, value: share.url, 'aria-label': 'Share link', onfocus: (event) => event.target.select() })
      : h('span', { class: 'hint' }, 'This link can no longer be shown; revoke it and make a new one.');
    return h('li', { class: `share-item${expired ? ' expired' : ''}`, dataset: { shareId: share.id } },
      h('div', { class: 'share-row' },
        address,
        share.url && !expired
          ? h('button', { type: 'button', class: 'button small', onclick: () => copy(share.url) }, 'Copy') : null,
        revoke),
      h('p', { class: 'hint share-meta' },
        plural(share.views, 'view'), ' · ',
        expired ? `expired ${formatDateTime(share.expiresAt)}` : `works until ${formatDateTime(share.expiresAt)}`));
  }

  async function copy(url) {
    try {
      await navigator.clipboard.writeText(url);
      toast('Link copied.', 'success');
    } catch {
      // No clipboard (an insecure origin, or permission refused): select the address so it can be copied by hand.
      list.querySelector('.share-url')?.select();
      toast('Link ready: copy it from the list.', 'info');
    }
  }

  document.body.append(dialog);
  dialog.showModal();
  mount(list, h('li', {}, loading('Loading links…')));
  refresh();
}
