// The remix chat: the history (the user's messages and the replies; a reply that changed nothing is marked so),
// suggestions, and the box to write in (Enter sends, Shift+Enter starts a new line). The workspace sends the
// message and applies the new plan version.

import { h, errorText } from '../ui.js';
import { formatDateTime } from '../format.js';

const SUGGESTIONS = ['Make it 20 seconds', 'More dramatic', 'Faster pacing', 'Fewer scenes', 'No narration', 'Make scene 2 longer'];

/**
 * chatPanel({messages, send(text) → Promise<ChatReply>}) → {element}. `send` rejects with an ApiError when the
 * server refuses; the message then stays in the box and the reason shows under it.
 */
export function chatPanel({ messages, send }) {
  const list = h('ol', { class: 'chat-log', 'aria-live': 'polite', 'aria-label': 'Chat about the plan' });
  const input = h('textarea', {
    id: 'chat-message', name: 'message', rows: 2, maxlength: 2000, required: true,
    placeholder: 'Say what to change, e.g. “make it 10 seconds”',
  });
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const sendButton = h('button', { type: 'submit', class: 'button primary', id: 'chat-send' }, 'Send');
  const form = h('form', { class: 'chat-form', novalidate: true },
    h('label', { for: 'chat-message', class: 'visually-hidden' }, 'Message'),
    input, error,
    h('div', { class: 'chat-actions' },
      h('ul', { class: 'chips chat-suggestions', 'aria-label': 'Suggestions' },
        SUGGESTIONS.map((text) => h('li', {}, h('button', {
          type: 'button', class: 'chip', onclick: () => { input.value = text; input.focus(); },
        }, text)))),
      sendButton));
  let busy = false;

  function draw(items) {
    list.replaceChildren(...(items.length ? items.map(item) : [h('li', { class: 'chat-empty muted small' },
      'Tell the plan what to change. Each change makes a new version you can compare and restore.')]));
    list.scrollTop = list.scrollHeight;
  }

  const shown = [...messages];
  draw(shown);

  async function submit() {
    const text = input.value.trim();
    if (!text || busy) return;
    busy = true;
    error.hidden = true;
    sendButton.disabled = true;
    sendButton.replaceChildren(h('span', { class: 'spinner small', 'aria-hidden': 'true' }), 'Sending…');
    const pending = h('li', { class: 'chat-message role-user pending' }, h('p', {}, text));
    list.querySelector('.chat-empty')?.remove();
    list.append(pending);
    list.scrollTop = list.scrollHeight;
    try {
      const reply = await send(text);
      shown.push(...(reply.messages || []));
      draw(shown);
      input.value = '';
    } catch (problem) {
      pending.remove();
      if (problem.name === 'AbortError') return;
      error.textContent = errorText(problem);
      error.hidden = false;
    } finally {
      busy = false;
      sendButton.disabled = false;
      sendButton.textContent = 'Send';
    }
    input.focus();
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    }
  });

  return {
    element: h('section', { class: 'card chat-panel', 'aria-labelledby': 'chat-title' },
      h('h3', { id: 'chat-title' }, 'Change the plan by chatting'),
      list, form),
  };
}

function item(message) {
  const assistant = message.role === 'assistant';
  const unchanged = assistant && !message.planVersion;
  return h('li', { class: `chat-message role-${message.role}${unchanged ? ' unchanged' : ''}`, dataset: { number: String(message.number) } },
    h('p', {}, message.text),
    h('p', { class: 'chat-meta small muted' },
      assistant ? (unchanged ? h('span', { class: 'chat-note' }, 'Nothing changed') : h('span', { class: 'chat-note changed' }, `Made version ${message.planVersion}`)) : null,
      h('time', { datetime: message.createdAt }, formatDateTime(message.createdAt))));
}
