// The assistant column: natural-language instructions ("make scene 2 longer") that the server turns into
// EditorState operations. Each applied instruction is one undo entry, listed with its changes and an Undo.

import { api } from '../api.js';
import { h, errorText, confirmDialog } from '../ui.js';

const SUGGESTIONS = [
  'make scene 2 longer',
  'quieter music',
  'use slide transitions',
  'turn captions off',
  "add title 'Hello' at the start",
];

export class Assistant {
  constructor({ model }) {
    this.model = model;
    this.entries = []; // {entryId, button}
    this.build();
    this.onChange = () => this.refreshUndoButtons();
    model.addEventListener('change', this.onChange);
  }

  build() {
    this.log = h('ol', { class: 'assistant-log', 'aria-live': 'polite', 'aria-label': 'Conversation' },
      h('li', { class: 'assistant-message bot intro' },
        h('p', {}, 'Tell me what to change, in your own words. I edit the timeline; you can undo any step.')));
    this.input = h('textarea', {
      id: 'assistant-input', name: 'instruction', rows: '2', maxlength: '500',
      placeholder: 'e.g. make scene 2 longer', 'aria-describedby': 'assistant-hint',
    });
    this.input.addEventListener('keydown', (event) => {
      // Enter sends, Shift+Enter adds a line.
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.form.requestSubmit();
      }
    });
    this.sendButton = h('button', { type: 'submit', class: 'button primary' }, 'Send');
    this.form = h('form', { class: 'assistant-form', novalidate: true, onsubmit: (event) => { event.preventDefault(); this.send(this.input.value); } },
      h('label', { for: 'assistant-input', class: 'visually-hidden' }, 'Instruction for the assistant'),
      this.input,
      h('div', { class: 'assistant-form-row' },
        h('span', { class: 'hint', id: 'assistant-hint' }, 'Enter to send · Shift+Enter for a new line'),
        this.sendButton));
    const chips = h('div', { class: 'chips', role: 'group', 'aria-label': 'Suggestions' },
      ...SUGGESTIONS.map((text) => h('button', { type: 'button', class: 'chip', onclick: () => this.send(text) }, text)));
    this.element = h('section', { class: 'assistant panel', 'aria-labelledby': 'assistant-title' },
      h('h2', { id: 'assistant-title', class: 'panel-title' }, 'Assistant'),
      this.log, chips, this.form);
  }

  destroy() {
    this.model.removeEventListener('change', this.onChange);
  }

  async send(raw) {
    const instruction = raw.trim();
    if (!instruction) {
      this.input.focus();
      this.input.setAttribute('aria-invalid', 'true');
      return;
    }
    this.input.removeAttribute('aria-invalid');
    this.input.value = '';
    this.addMessage('user', h('p', {}, instruction));
    const pending = this.addMessage('bot pending', h('p', { class: 'muted' }, 'Working on it…'));
    this.sendButton.disabled = true;
    try {
      // Asked and committed inside the model's queue, so no timeline edit slips in between.
      const { answer, entryId } = await this.model.enqueue(async (state) => {
        const reply = await api('/editor/assistant', { method: 'POST', body: { instruction, editorState: state } });
        const id = reply.operations?.length
          ? this.model.commit(reply.editorState, { label: `Assistant: ${instruction}`, changes: reply.changes || [], source: 'assistant', operations: reply.operations })
          : null;
        return { answer: reply, entryId: id };
      });
      const changes = answer.changes || [];
      pending.replaceChildren(...this.replyContent(answer.reply, changes, entryId));
      pending.className = 'assistant-message bot';
    } catch (error) {
      pending.className = 'assistant-message bot error';
      if (error.code === 'not_understood') {
        pending.replaceChildren(h('p', {}, errorText(error)));
      } else {
        pending.replaceChildren(h('p', {}, `That did not work: ${errorText(error)}`));
      }
    } finally {
      this.sendButton.disabled = false;
      this.scrollDown();
    }
  }

  replyContent(reply, changes, entryId) {
    const parts = [h('p', {}, reply || (changes.length ? 'Done.' : 'Nothing to change.'))];
    if (changes.length) parts.push(h('ul', { class: 'change-list' }, ...changes.map((change) => h('li', {}, change))));
    if (entryId) {
      const button = h('button', { type: 'button', class: 'button small ghost undo-step' }, 'Undo');
      button.addEventListener('click', () => this.undo(entryId));
      this.entries.push({ entryId, button });
      parts.push(h('div', { class: 'button-row' }, button));
      this.refreshUndoButtons();
    } else if (!changes.length) {
      // Understood but nothing to do (e.g. already so).
    }
    return parts;
  }

  async undo(entryId) {
    await this.model.pending;
    const later = this.model.editsAfter(entryId);
    if (later === null) return;
    if (later > 0) {
      const ok = await confirmDialog({
        title: 'Undo this instruction?',
        message: `${later} later edit${later === 1 ? ' was' : 's were'} made after it; ${later === 1 ? 'it is' : 'they are'} undone too. You can redo them.`,
        confirm: 'Undo',
      });
      if (!ok) return;
    }
    this.model.undoTo(entryId);
  }

  refreshUndoButtons() {
    for (const { entryId, button } of this.entries) {
      const undoable = this.model.editsAfter(entryId) !== null;
      const undone = this.model.redoStack.some((entry) => entry.id === entryId);
      button.disabled = !undoable;
      button.textContent = undoable || !undone ? 'Undo' : 'Undone';
      button.title = undoable || undone ? '' : 'No longer available: another version was loaded.';
    }
  }

  addMessage(kind, ...children) {
    const item = h('li', { class: `assistant-message ${kind}` }, ...children);
    this.log.append(item);
    this.scrollDown();
    return item;
  }

  scrollDown() {
    this.log.scrollTop = this.log.scrollHeight;
  }

  /** A line from the editor itself (e.g. after a scene was regenerated). */
  note(text) {
    this.addMessage('bot note', h('p', {}, text));
  }
}
