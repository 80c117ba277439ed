// Sign in with Google or another OpenID Connect provider: the "Continue with …" buttons of the sign-in and
// sign-up pages, and the return from the provider. The server's callback sends the browser to
// /signin#signin=<one-time code> (a fragment never reaches a server or a Referer) or
// /signin?signin_error=<reason>; the code is exchanged for the usual session with a POST, so no token ever sits
// in a URL.

import { api, startSession } from '../api.js';
import { h, toast, showFormErrors } from '../ui.js';

const NEXT_KEY = 'pixora.signin.next';

const REASONS = {
  cancelled: (name) => `Signing in with ${name} was cancelled. Try again, or use your email and password.`,
  expired: () => 'That sign-in took too long or was already used. Please start it again.',
  unavailable: (name) =>
    `${name} could not be reached just now. Please try again in a moment, or use your email and password.`,
  rejected: (name) => `${name}'s answer could not be verified, so you were not signed in. Please try again.`,
  unverified_email: (name) => `${name} has not verified your email address, so Pixora cannot use it. `
    + 'Verify it there first, or sign up with email and password.',
};

let providersRequest = null;

/** The configured providers ({id, name}), asked once per page load; none when the server cannot say. */
function providers() {
  providersRequest ??= api('/auth/oidc/providers', { auth: false }).then((body) => body.providers || [], () => []);
  return providersRequest;
}

/** A block of "Continue with …" buttons, filled in when the server names providers (hidden otherwise). */
export function providerButtons(next) {
  const list = h('div', { class: 'provider-buttons' });
  const block = h('div', { class: 'provider-signin', hidden: true }, list,
    h('p', { class: 'provider-divider', role: 'separator' }, h('span', {}, 'or use your email')));
  providers().then((found) => {
    if (!found.length) return;
    list.replaceChildren(...found.map((provider) => h('a', {
      class: 'button large block provider-button',
      href: `/api/v1/auth/oidc/${encodeURIComponent(provider.id)}/start`,
      dataset: { provider: provider.id },
      // Remembered across the round trip through the provider, in this tab only.
      onclick: () => sessionStorage.setItem(NEXT_KEY, next || ''),
    }, providerMark(provider.id), `Continue with ${provider.name}`)));
    block.hidden = false;
  });
  return block;
}

function providerMark(id) {
  const kind = id === 'google' ? 'google' : 'generic';
  const mark = kind === 'google' ? 'G' : '⇢';
  return h('span', { class: `provider-mark provider-mark-${kind}`, 'aria-hidden': 'true' }, mark);
}

/**
 * Finishes a return from a provider on the sign-in page: exchanges the fragment's code for a session and calls
 * `done(next)`, or shows why it failed in `form`. True when the page came back from a provider.
 */
export function finishProviderSignIn(query, form, done) {
  const code = new URLSearchParams(location.hash.slice(1)).get('signin');
  const reason = query.get('signin_error');
  if (!code && !reason) return false;
  // The code works once: drop it from the address bar and the history straight away.
  history.replaceState(history.state, '', '/signin');
  const next = sessionStorage.getItem(NEXT_KEY) || null;
  sessionStorage.removeItem(NEXT_KEY);
  if (reason) {
    providers().then((found) => {
      const name = found.find((provider) => provider.id === query.get('provider'))?.name || 'The provider';
      const message = (REASONS[reason] || REASONS.rejected)(name);
      showFormErrors(form, { name: 'ApiError', message });
    });
    return true;
  }
  form.setAttribute('aria-busy', 'true');
  api('/auth/oidc/exchange', { method: 'POST', body: { code }, auth: false }).then((session) => {
    startSession(session);
    toast(`Signed in${session.user?.name ? ` as ${session.user.name}` : ''}.`, 'success');
    done(next);
  }, (error) => {
    form.removeAttribute('aria-busy');
    showFormErrors(form, { name: 'ApiError', message: error.code === 'invalid_token'
      ? 'That sign-in link was already used or is too old. Please sign in again.'
      : error.message });
  });
  return true;
}
