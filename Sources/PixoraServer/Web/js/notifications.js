// The header's bell: the unread count, live over the notification stream (Server-Sent Events on the signed link
// the list returns), and a panel with the newest notifications, marking read and links to what they are about.

import { api, isSignedIn, onSessionChange } from './api.js';
import { h, toast, errorText } from './ui.js';
import { formatDateTime } from './format.js';
import { parseEvent, linkExpiry } from './stream.js';
import { lineIcon } from './icons.js';

const bell = document.getElementById('bell');
const badge = document.getElementById('bell-count');
const panel = document.getElementById('bell-panel');
let source = null;
let latestId = null;
let started = false;
let navigate = null;

function showCount(unread) {
  badge.textContent = unread > 99 ? '99+' : String(unread);
  badge.hidden = unread === 0;
  bell.setAttribute('aria-label', unread === 0 ? 'Notifications' : `Notifications: ${unread} unread`);
}

function item(notification) {
  const unread = !notification.readAt;
  const open = async () => {
    close();
    if (unread) await markRead(notification.id);
    if (notification.link && navigate) navigate(notification.link);
  };
  return h('li', { class: `notification${unread ? ' unread' : ''}`, dataset: { id: notification.id, kind: notification.kind } },
    h('button', { type: 'button', class: 'notification-open', onclick: open },
      h('span', { class: 'notification-title' }, notification.title),
      h('span', { class: 'notification-body' }, notification.body),
      h('time', { class: 'hint', datetime: notification.createdAt }, formatDateTime(notification.createdAt))),
    unread ? h('button', { type: 'button', class: 'button ghost small notification-read', onclick: () => markRead(notification.id) }, 'Mark read') : null);
}

async function markRead(id) {
  try {
    await api(`/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' });
    await refresh();
  } catch (error) {
    toast(errorText(error), 'error');
  }
}

async function markAll() {
  try {
    await api('/notifications/read-all', { method: 'POST' });
    await refresh();
  } catch (error) {
    toast(errorText(error), 'error');
  }
}

/** Reads the newest page; draws the panel and (re)opens the stream when its signed link is missing or old. */
async function refresh() {
  if (!isSignedIn()) return;
  const page = await api('/notifications?limit=20');
  showCount(page.unread);
  latestId = page.items[0]?.id ?? null;
  panel.replaceChildren(
    h('div', { class: 'bell-head' },
      h('h2', {}, 'Notifications'),
      h('button', { type: 'button', class: 'button ghost small', id: 'bell-read-all', onclick: markAll, disabled: page.unread === 0 }, 'Mark all read')),
    page.items.length
      ? h('ul', { class: 'notification-list' }, page.items.map(item))
      : h('p', { class: 'hint bell-empty' }, 'Nothing yet. You will hear here when a video is ready.'),
    h('a', { class: 'bell-settings', href: '/settings', 'data-link': true, onclick: close }, 'Notification settings'));
  const expiry = linkExpiry(source?.url);
  if (!source || source.readyState === EventSource.CLOSED || !expiry || expiry * 1000 - Date.now() < 60_000) {
    listen(page.eventsUrl);
  }
}

function listen(url) {
  source?.close();
  source = new EventSource(url);
  const onEvent = (event) => {
    const data = parseEvent(event.data);
    if (!data) return;
    showCount(data.unread);
    if (data.latest && data.latest.id !== latestId) {
      latestId = data.latest.id;
      if (started && !data.latest.readAt) toast(data.latest.title, 'info');
      if (!panel.hidden) refresh().catch(() => {});
    }
    started = true;
  };
  source.addEventListener('progress', onEvent);
  source.addEventListener('end', onEvent);
  // A link that no longer verifies closes the stream for good: ask for a new one.
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) setTimeout(() => refresh().catch(() => {}), 5000);
  });
}

function open() {
  panel.hidden = false;
  bell.setAttribute('aria-expanded', 'true');
  refresh().catch((error) => toast(errorText(error), 'error'));
}

function close() {
  panel.hidden = true;
  bell.setAttribute('aria-expanded', 'false');
}

function stop() {
  source?.close();
  source = null;
  latestId = null;
  started = false;
  close();
}

/** Starts the bell for the signed-in person; `go(path)` opens a notification's link inside the studio. */
export function startBell(go) {
  navigate = go;
  bell.prepend(lineIcon('bell'));
  bell.addEventListener('click', () => (panel.hidden ? open() : close()));
  document.addEventListener('click', (event) => {
    if (!panel.hidden && !panel.contains(event.target) && !bell.contains(event.target)) close();
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !panel.hidden) {
      close();
      bell.focus();
    }
  });
  onSessionChange((session) => {
    if (!session) stop();
    else if (!source) refresh().catch(() => {});
  });
  if (isSignedIn()) refresh().catch((error) => console.warn('notifications', errorText(error)));
}
