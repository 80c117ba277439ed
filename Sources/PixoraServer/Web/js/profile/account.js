// The profile's account card: the picture (avatar.js), the display name (saved with its own button), the
// sign-in email (read only) and the date the account was made.

import { api, updateUser } from '../api.js';
import { h, toast, errorSentence, showFormErrors, clearFormErrors, setFieldError } from '../ui.js';
import { avatarEditor } from './avatar.js';

const NAME_MAX = 100;

/** The card for `user`. Returns {element, refresh(), pendingMessage()}. */
export function accountSection(user, signal, teardown) {
  let saved = user;

  const nameInput = h('input', {
    type: 'text', id: 'profile-name', name: 'name', value: user.name || '', autocomplete: 'name', placeholder: 'What should we call you?',
    'aria-describedby': 'name-count',
  });
  const nameCount = h('span', { class: 'hint name-count', id: 'name-count', 'aria-live': 'polite' });
  const nameButton = h('button', { type: 'submit', class: 'button primary' }, 'Save name');
  const nameForm = h('form', { class: 'profile-name-form', novalidate: true },
    h('div', { class: 'form-error', role: 'alert', hidden: true }),
    h('div', { class: 'field' },
      h('div', { class: 'label-row' }, h('label', { for: 'profile-name' }, 'Display name'), nameCount),
      nameInput),
    h('div', { class: 'button-row' }, nameButton));

  const emailInput = h('input', { type: 'email', id: 'profile-email', value: user.email || '', readonly: true, 'aria-describedby': 'email-hint' });
  const memberSince = h('p', { class: 'hint member-since' });
  const avatar = avatarEditor({ user: () => saved, signal, teardown, onSaved: (next) => showUser(next) });

  const element = h('section', { class: 'card profile-account', 'aria-labelledby': 'account-title' },
    h('h2', { id: 'account-title' }, 'Account'),
    avatar.element,
    nameForm,
    h('div', { class: 'field' },
      h('label', { for: 'profile-email' }, 'Email'),
      emailInput,
      h('span', { class: 'hint', id: 'email-hint' }, 'Your sign-in address. It cannot be changed here.')),
    memberSince);

  function showUser(next) {
    saved = { ...saved, ...next };
    avatar.showSaved();
    if (document.activeElement !== nameInput) nameInput.value = saved.name || '';
    emailInput.value = saved.email || '';
    memberSince.textContent = saved.createdAt
      ? `Member since ${new Date(saved.createdAt).toLocaleDateString(undefined, { year: 'numeric', month: 'long', day: 'numeric' })}`
      : '';
    countName();
  }

  function countName() {
    const length = nameInput.value.trim().length;
    nameCount.textContent = `${length}/${NAME_MAX}`;
    nameCount.classList.toggle('over', length > NAME_MAX);
  }

  async function saveName(event) {
    event.preventDefault();
    clearFormErrors(nameForm);
    const name = nameInput.value.trim();
    if (name.length > NAME_MAX) {
      setFieldError(nameInput, `At most ${NAME_MAX} characters; this is ${name.length}.`);
      nameInput.focus();
      return;
    }
    if (name === (saved.name || '')) {
      toast('Your name is already saved.', 'info');
      return;
    }
    nameButton.disabled = true;
    nameButton.textContent = 'Saving…';
    try {
      const next = await api('/users/me/profile', { method: 'PATCH', body: { name }, signal });
      updateUser(next);
      showUser(next);
      nameInput.value = next.name || '';
      countName();
      toast('Name saved.', 'success');
    } catch (error) {
      if (error.name === 'AbortError') return;
      showFormErrors(nameForm, error);
    } finally {
      nameButton.disabled = false;
      nameButton.textContent = 'Save name';
    }
  }

  nameInput.addEventListener('input', () => {
    countName();
    if (nameInput.getAttribute('aria-invalid') && nameInput.value.trim().length <= NAME_MAX) clearFormErrors(nameForm);
  });
  nameForm.addEventListener('submit', saveName);

  showUser(user);
  avatar.setChooseLabel(user.avatarUrl);

  return {
    element,
    /** Re-reads the profile: the stored copy may be old and avatar links expire after an hour. */
    async refresh() {
      try {
        const next = await api('/users/me/profile', { signal });
        updateUser(next);
        showUser(next);
        avatar.setChooseLabel(next.avatarUrl);
      } catch (error) {
        if (error.name === 'AbortError') return;
        toast(`Your profile could not be refreshed. ${errorSentence(error)}`, 'error');
      }
    },
    pendingMessage() {
      if (avatar.pending) return 'Your new profile picture is not saved yet. Leave anyway?';
      if (nameInput.value.trim() !== (saved.name || '')) return 'Your new name is not saved yet. Leave anyway?';
      return null;
    },
  };
}
