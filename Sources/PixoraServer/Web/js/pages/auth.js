// Sign in, sign up, forgot password and reset password (mode from the router). Forms validate before sending
// and show the server's words; after signing in or up the `next` query is honoured (e.g. /new with a draft).

import { api, startSession } from '../api.js';
import { navigate } from '../app.js';
import { h, toast, errorSentence, showFormErrors, clearFormErrors, setFieldError, useStyles } from '../ui.js';
import { plural } from '../format.js';
import { loadDraft, safeNext } from './draft.js';
import { providerButtons, finishProviderSignIn } from './provider-signin.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function render(main, { mode, query }) {
  useStyles('/css/pages.css');
  const next = safeNext(query.get('next'));
  const views = { signin: signIn, signup: signUp, forgot, reset };
  const view = (views[mode] || signIn)(query, next);
  main.append(h('div', { class: 'page narrow auth-page' }, view));
}

// --- Sign in / sign up ----------------------------------------------------------------------------------

function signIn(query, next) {
  const form = h('form', { class: 'card auth-card', novalidate: true },
    heading('Welcome back', 'Sign in to continue to your studio.'),
    draftNote(next),
    formError(),
    providerButtons(next),
    emailField({ autofocus: true }),
    passwordField('password', 'Password', { autocomplete: 'current-password' },
      h('a', { href: '/forgot-password', 'data-link': true, class: 'field-link' }, 'Forgot password?')),
    submitButton('Sign in'),
    h('p', { class: 'auth-switch' }, 'New to Pixora? ', h('a', { href: withNext('/signup', next), 'data-link': true }, 'Create an account')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = validate(form, { password: 'any' });
    if (!values) return;
    send(form, '/auth/login', { email: values.email, password: values.password }, 'Signing in…', (body) => {
      startSession(body);
      toast(`Signed in${body.user?.name ? ` as ${body.user.name}` : ''}.`, 'success');
      navigate(next || '/dashboard', { replace: true });
    });
  });
  finishProviderSignIn(query, form, (back) => navigate(safeNext(back) || '/dashboard', { replace: true }));
  return form;
}

function signUp(query, next) {
  const form = h('form', { class: 'card auth-card', novalidate: true },
    heading('Create your account', 'Free to start: you get 100 credits, enough for a few short videos.'),
    draftNote(next),
    formError(),
    providerButtons(next),
    h('div', { class: 'field' },
      h('label', { for: 'name' }, 'Name ', h('span', { class: 'hint' }, '(optional)')),
      h('input', { id: 'name', name: 'name', autocomplete: 'name', maxlength: 100 })),
    emailField({ autofocus: true }),
    passwordField('password', 'Password', { autocomplete: 'new-password', 'aria-describedby': 'password-hint' },
      null, h('span', { class: 'hint', id: 'password-hint' }, 'At least 8 characters.')),
    passwordField('confirm', 'Confirm password', { autocomplete: 'new-password' }),
    submitButton('Create account'),
    h('p', { class: 'auth-switch' }, 'Already have an account? ', h('a', { href: withNext('/signin', next), 'data-link': true }, 'Sign in')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = validate(form, { password: 'new', confirm: true });
    if (!values) return;
    const body = { email: values.email, password: values.password };
    const name = form.elements.name.value.trim();
    if (name) body.name = name;
    send(form, '/auth/register', body, 'Creating your account…', (session) => {
      startSession(session);
      toast(`Welcome to Pixora! You have ${session.user?.credits ?? 100} credits.`, 'success');
      navigate(next || '/', { replace: true });
    });
  });
  return form;
}

/** On sign-in/up pages: tells the visitor their prompt is waiting. */
function draftNote(next) {
  const draft = loadDraft();
  const prompt = draft?.prompt?.trim();
  if (!prompt) return null;
  const short = prompt.length > 90 ? prompt.slice(0, 88).trimEnd() + '…' : prompt;
  return h('div', { class: 'draft-note', role: 'note' },
    h('span', { class: 'draft-note-icon', 'aria-hidden': 'true' }, '✦'),
    h('div', {},
      h('strong', {}, 'Your prompt is waiting'),
      h('p', { class: 'draft-note-prompt' }, `“${short}”`),
      h('p', { class: 'hint' }, next === '/new'
        ? 'Right after this you will review its scenes. Nothing is charged until you press Generate there.'
        : 'It is kept in this browser; you can continue from the Create page.')));
}

// --- Forgot / reset -------------------------------------------------------------------------------------

function forgot() {
  const done = h('div', { class: 'auth-done', role: 'status', hidden: true });
  const form = h('form', { class: 'card auth-card', novalidate: true },
    heading('Forgot your password?', 'Enter the email you signed up with and we will send you a link to choose a new password.'),
    formError(),
    emailField({ autofocus: true }),
    submitButton('Send reset link'),
    done,
    h('p', { class: 'auth-switch' }, h('a', { href: '/signin', 'data-link': true }, '← Back to sign in')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    done.hidden = true;
    const values = validate(form, {});
    if (!values) return;
    send(form, '/auth/request-password-reset', { email: values.email }, 'Sending…', () => {
      // The same words whether or not the account exists: the server does not tell either.
      done.replaceChildren(
        h('span', { class: 'auth-done-icon', 'aria-hidden': 'true' }, '✉'),
        h('div', {},
          h('strong', {}, 'Check your inbox'),
          h('p', {}, `If an account uses ${values.email}, a link to reset its password is on its way. It works once, for one hour.`),
          h('p', { class: 'hint' }, 'Nothing after a few minutes? Check the spam folder, or send the link again.')));
      done.hidden = false;
      form.querySelector('[type="submit"]').textContent = 'Send again';
    });
  });
  return form;
}

function reset(query) {
  const token = query.get('token');
  if (!token) {
    return h('div', { class: 'card auth-card' },
      heading('This link is incomplete', 'The password reset link has no token. Open the link from the mail again, or ask for a new one.'),
      h('a', { class: 'button primary', href: '/forgot-password', 'data-link': true }, 'Ask for a new link'));
  }
  const form = h('form', { class: 'card auth-card', novalidate: true },
    heading('Choose a new password', 'After this, every device signed in to your account is signed out.'),
    formError(),
    passwordField('password', 'New password', { autocomplete: 'new-password', autofocus: true, 'aria-describedby': 'password-hint' },
      null, h('span', { class: 'hint', id: 'password-hint' }, 'At least 8 characters.')),
    passwordField('confirm', 'Confirm new password', { autocomplete: 'new-password' }),
    submitButton('Change password'),
    h('p', { class: 'auth-switch' }, h('a', { href: '/signin', 'data-link': true }, '← Back to sign in')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = validate(form, { password: 'new', confirm: true, noEmail: true });
    if (!values) return;
    send(form, '/auth/reset-password', { token, password: values.password }, 'Changing…', () => {
      toast('Your password is changed. Sign in with the new one.', 'success', 7000);
      navigate('/signin', { replace: true });
    }, (error) => {
      if (error.code === 'invalid_token') {
        const summary = form.querySelector('.form-error');
        summary.replaceChildren(
          'This reset link is not valid any more: it was used already or is older than an hour. ',
          h('a', { href: '/forgot-password', 'data-link': true }, 'Ask for a new link'), '.');
        summary.hidden = false;
        return true;
      }
      return false;
    });
  });
  return form;
}

// --- Pieces ---------------------------------------------------------------------------------------------

function heading(title, text) {
  return h('div', { class: 'auth-heading' },
    h('img', { src: '/img/logo.svg', alt: '', width: 40, height: 40, class: 'auth-logo' }),
    h('h1', {}, title),
    text ? h('p', { class: 'muted' }, text) : null);
}

function formError() {
  return h('div', { class: 'form-error', role: 'alert', hidden: true });
}

function emailField({ autofocus = false } = {}) {
  return h('div', { class: 'field' },
    h('label', { for: 'email' }, 'Email'),
    h('input', { id: 'email', name: 'email', type: 'email', autocomplete: 'email', inputmode: 'email', autofocus, required: true, maxlength: 254, spellcheck: 'false' }));
}

/** A password input with a show/hide button; `extra` sits beside the label, `hint` under the input. */
function passwordField(name, label, attributes, extra = null, hint = null) {
  const input = h('input', { id: name, name, type: 'password', required: true, ...attributes });
  const reveal = h('button', {
    type: 'button', class: 'reveal', 'aria-label': `Show ${label.toLowerCase()}`, 'aria-pressed': 'false',
    onclick: () => {
      const show = input.type === 'password';
      input.type = show ? 'text' : 'password';
      reveal.textContent = show ? 'Hide' : 'Show';
      reveal.setAttribute('aria-pressed', String(show));
      reveal.setAttribute('aria-label', `${show ? 'Hide' : 'Show'} ${label.toLowerCase()}`);
    },
  }, 'Show');
  return h('div', { class: 'field' },
    h('div', { class: 'label-row' }, h('label', { for: name }, label), extra),
    h('div', { class: 'password-wrap' }, input, reveal),
    hint);
}

function submitButton(label) {
  return h('button', { type: 'submit', class: 'button primary large block' }, label);
}

function withNext(path, next) {
  return next ? `${path}?next=${encodeURIComponent(next)}` : path;
}

/**
 * Client checks before sending. rules: password 'any' (just present) | 'new' (≥ 8); confirm: must match;
 * noEmail: the form has no email field. Returns the values or null after marking the fields.
 */
function validate(form, rules) {
  clearFormErrors(form);
  const email = form.elements.email?.value.trim() ?? '';
  const password = form.elements.password?.value ?? '';
  const confirm = form.elements.confirm?.value ?? '';
  const problems = [];
  if (!rules.noEmail && form.elements.email) {
    if (!email) problems.push([form.elements.email, 'Enter your email address.']);
    else if (!EMAIL.test(email)) problems.push([form.elements.email, 'This does not look like an email address (like name@example.com).']);
  }
  if (rules.password === 'any' && !password) problems.push([form.elements.password, 'Enter your password.']);
  if (rules.password === 'new') {
    if (password.length < 8) problems.push([form.elements.password, password ? `Use at least 8 characters (this has ${password.length}).` : 'Choose a password of at least 8 characters.']);
    else if (new TextEncoder().encode(password).length > 72) problems.push([form.elements.password, 'That is too long: at most 72 bytes.']);
  }
  if (rules.confirm && password.length >= 8 && confirm !== password) {
    problems.push([form.elements.confirm, confirm ? 'The passwords do not match.' : 'Type the password again.']);
  }
  for (const [input, message] of problems) setFieldError(input, message);
  if (problems.length) {
    problems[0][0].focus();
    return null;
  }
  return { email, password };
}

/** Sends a form: disables it, shows progress on the button, explains errors; `handle(error)` may take over. */
async function send(form, path, body, busyLabel, onDone, handle) {
  const button = form.querySelector('[type="submit"]');
  const label = button.textContent;
  button.disabled = true;
  button.textContent = busyLabel;
  form.setAttribute('aria-busy', 'true');
  try {
    const answer = await api(path, { method: 'POST', body, auth: false });
    button.textContent = label;
    onDone(answer);
  } catch (error) {
    button.textContent = label;
    if (handle?.(error)) return;
    if (error.status === 429) {
      showFormErrors(form, { message: rateLimitText(error), name: 'ApiError' });
    } else if (error.status === 409 && error.code === 'email_taken') {
      showFormErrors(form, error);
      const summary = form.querySelector('.form-error');
      summary.append(' ', h('a', { href: '/signin', 'data-link': true }, 'Sign in instead'), ' or ',
        h('a', { href: '/forgot-password', 'data-link': true }, 'reset your password'), '.');
    } else if (error.status === 401 && path === '/auth/login') {
      showFormErrors(form, { message: errorSentence(error) || 'The email or the password is wrong.', name: 'ApiError' });
      form.elements.password.select();
    } else {
      showFormErrors(form, { name: 'ApiError', message: errorSentence(error), details: error.details, fields: error.fields });
    }
    form.querySelector('[aria-invalid="true"]')?.focus();
  } finally {
    button.disabled = false;
    form.removeAttribute('aria-busy');
  }
}

/** "Too many attempts" with the wait in words (Retry-After, also in details.retryAfterSeconds). */
function rateLimitText(error) {
  const seconds = Number(error.details?.retryAfterSeconds);
  if (!Number.isFinite(seconds) || seconds <= 0) return 'Too many sign-in attempts. Please wait a few minutes and try again.';
  const wait = seconds < 60
    ? plural(Math.ceil(seconds), 'second')
    : plural(Math.ceil(seconds / 60), 'minute');
  return `Too many sign-in attempts. For your security, please wait ${wait} before trying again.`;
}
