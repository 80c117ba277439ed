// The studio's shell: routing (History API), the header (session, credits, theme), and page lifecycles.
// Each page is an ES module in ./pages exporting `render(main, {params, query})`; it may return a cleanup
// function, called when the user leaves the page (close streams, stop players).

import { api, isSignedIn, currentUser, onSessionChange, signOut, updateUser } from './api.js';
import { toast, errorText, mount, loading, failure } from './ui.js';
import { applyTheme, cycleTheme, themeLabel } from './theme.js';
import { startBell } from './notifications.js';
import './user-settings.js';

const routes = [
  { pattern: '/', page: 'landing', nav: 'home', title: 'Create a video' },
  { pattern: '/signin', page: 'auth', mode: 'signin', title: 'Sign in', guest: true },
  { pattern: '/signup', page: 'auth', mode: 'signup', title: 'Sign up', guest: true },
  { pattern: '/forgot-password', page: 'auth', mode: 'forgot', title: 'Forgot password' },
  { pattern: '/reset-password', page: 'auth', mode: 'reset', title: 'Choose a new password' },
  { pattern: '/new', page: 'breakdown', nav: 'home', title: 'Scene breakdown', auth: true },
  { pattern: '/dashboard', page: 'dashboard', nav: 'dashboard', title: 'My videos', auth: true },
  { pattern: '/profile', page: 'profile', nav: 'profile', title: 'Profile', auth: true },
  { pattern: '/analytics', page: 'analytics', nav: 'analytics', title: 'Analytics', auth: true },
  { pattern: '/settings', page: 'settings', nav: 'profile', title: 'Settings', auth: true },
  { pattern: '/billing', page: 'billing', nav: 'billing', title: 'Billing', auth: true },
  { pattern: '/videos/:id', page: 'video', nav: 'dashboard', title: 'Video', auth: true },
  { pattern: '/remix', page: 'remix', nav: 'projects', title: 'Remix a video', auth: true },
  { pattern: '/projects', page: 'projects', nav: 'projects', title: 'Projects', auth: true },
  { pattern: '/projects/:id', page: 'project', nav: 'projects', title: 'Remix project', auth: true },
  { pattern: '/studio/new', page: 'studio-new', nav: 'studio', title: 'New studio project', auth: true },
  { pattern: '/studio/:id', page: 'studio', nav: 'projects', title: 'Studio project', auth: true },
  { pattern: '/videos/:id/edit', page: 'editor', nav: 'dashboard', title: 'Editor', auth: true, wide: true },
];

function match(path) {
  const parts = path.split('/').filter(Boolean);
  for (const route of routes) {
    const wanted = route.pattern.split('/').filter(Boolean);
    if (wanted.length !== parts.length) continue;
    const params = {};
    let ok = true;
    wanted.forEach((segment, index) => {
      if (segment.startsWith(':')) params[segment.slice(1)] = decodeURIComponent(parts[index]);
      else if (segment !== parts[index]) ok = false;
    });
    if (ok) return { route, params };
  }
  return null;
}

let cleanup = null;
let renderCount = 0;
const leaveGuards = new Set();

/** A page with unsaved work registers a guard returning a message; navigation then asks first. */
export function guardLeave(guard) {
  leaveGuards.add(guard);
  return () => leaveGuards.delete(guard);
}

function pendingLeaveMessage() {
  for (const guard of leaveGuards) {
    const message = guard();
    if (message) return message;
  }
  return null;
}

window.addEventListener('beforeunload', (event) => {
  if (pendingLeaveMessage()) {
    event.preventDefault();
    event.returnValue = '';
  }
});

/** Goes to a path inside the studio. */
export function navigate(path, { replace = false } = {}) {
  const message = pendingLeaveMessage();
  if (message && !window.confirm(message)) return;
  if (replace) history.replaceState({}, '', path);
  else history.pushState({}, '', path);
  render();
}

async function render() {
  const count = ++renderCount;
  if (cleanup) {
    try { cleanup(); } catch (error) { console.warn('page cleanup failed', error); }
    cleanup = null;
  }
  leaveGuards.clear();
  const main = document.getElementById('main');
  const url = new URL(location.href);
  const found = match(url.pathname.replace(/\/+$/, '') || '/');
  updateHeader();
  if (!found) {
    document.title = 'Not found · Pixora';
    mount(main, notFound());
    return;
  }
  const { route, params } = found;
  if (route.auth && !isSignedIn()) {
    navigate(`/signin?next=${encodeURIComponent(url.pathname + url.search)}`, { replace: true });
    return;
  }
  if (route.guest && isSignedIn()) {
    navigate(url.searchParams.get('next') || '/dashboard', { replace: true });
    return;
  }
  document.title = `${route.title} · Pixora`;
  document.body.classList.toggle('wide', Boolean(route.wide));
  for (const link of document.querySelectorAll('[data-nav]')) {
    link.toggleAttribute('aria-current', link.dataset.nav === route.nav);
    if (link.dataset.nav === route.nav) link.setAttribute('aria-current', 'page');
  }
  mount(main, loading());
  try {
    const module = await import(`./pages/${route.page}.js`);
    if (count !== renderCount) return;
    main.replaceChildren();
    const result = await module.render(main, { params, query: url.searchParams, mode: route.mode });
    if (count !== renderCount) {
      if (typeof result === 'function') result();
      return;
    }
    cleanup = typeof result === 'function' ? result : null;
  } catch (error) {
    console.error(error);
    if (count === renderCount) mount(main, failure(error, () => render()));
  }
  if (count === renderCount && !main.contains(document.activeElement)) {
    const focus = main.querySelector('[autofocus]') || main;
    focus.focus({ preventScroll: true });
  }
}

function notFound() {
  const box = document.createElement('section');
  box.className = 'page narrow empty';
  box.innerHTML = '<h1>Page not found</h1><p>There is nothing at this address.</p><a class="button primary" href="/" data-link>Go to the studio</a>';
  return box;
}

function updateHeader() {
  const signedIn = isSignedIn();
  // The header's sign-in and sign-up links keep where the visitor was going (?next=…).
  const next = new URL(location.href).searchParams.get('next');
  const keep = next && next.startsWith('/') && !next.startsWith('//') ? `?next=${encodeURIComponent(next)}` : '';
  for (const link of document.querySelectorAll('.topbar-end a[href^="/signin"], .topbar-end a[href^="/signup"]')) {
    link.setAttribute('href', link.getAttribute('href').split('?')[0] + keep);
  }
  for (const element of document.querySelectorAll('[data-auth]')) {
    element.hidden = (element.dataset.auth === 'in') !== signedIn;
  }
  const user = currentUser();
  const pill = document.getElementById('credits-pill');
  if (signedIn && user && typeof user.credits === 'number') {
    pill.textContent = `${user.credits} credits`;
    pill.hidden = false;
  } else {
    pill.hidden = true;
  }
  // The avatar, or the first letter of the name or email, links to the profile.
  const avatar = document.getElementById('avatar-link');
  avatar.replaceChildren();
  if (signedIn && user) {
    if (user.avatarUrl) {
      const image = document.createElement('img');
      image.src = user.avatarUrl;
      image.alt = '';
      image.addEventListener('error', () => { image.remove(); avatar.textContent = initial(user); });
      avatar.append(image);
    } else {
      avatar.textContent = initial(user);
    }
    avatar.title = user.name || user.email || 'Profile';
  }
}

function initial(user) {
  return (user.name || user.email || '?').trim().charAt(0).toUpperCase();
}

// Same-origin links marked data-link navigate without reloading.
document.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-link]');
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || link.target) return;
  event.preventDefault();
  navigate(link.getAttribute('href'));
});

window.addEventListener('popstate', () => render());
onSessionChange((session) => {
  updateHeader();
  // Signed out in another tab or the refresh token was refused: pages that need a user go to sign-in.
  if (!session) {
    const found = match(location.pathname);
    if (found?.route.auth) {
      toast('You have been signed out.', 'info');
      navigate(`/signin?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
    }
  }
});

document.getElementById('signout').addEventListener('click', async () => {
  await signOut();
  toast('Signed out.', 'success');
  navigate('/');
});

const themeButton = document.getElementById('theme-toggle');
function showThemeButton() {
  themeButton.textContent = themeLabel().icon;
  themeButton.setAttribute('aria-label', `Theme: ${themeLabel().name}. Switch theme`);
  themeButton.title = `Theme: ${themeLabel().name}`;
}
themeButton.addEventListener('click', () => {
  cycleTheme();
  showThemeButton();
});
window.addEventListener('pixora-theme', showThemeButton);
applyTheme();
showThemeButton();

/** Refreshes the user in the header (credits after a charge or refund). */
export async function refreshUser() {
  if (!isSignedIn()) return;
  try {
    updateUser(await api('/users/me/profile'));
  } catch (error) {
    if (error.status !== 401) console.warn('profile refresh failed', errorText(error));
  }
}

render();
refreshUser();
startBell(navigate);
