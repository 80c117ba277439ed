// The editor's document: the current EditorState, undo/redo stacks of whole states, a dirty flag compared
// with the saved (base) state, and a draft in localStorage so a reload never loses edits.
// Every edit is a list of operations sent to POST /editor/apply: the server owns the timeline arithmetic
// (clip starts, voice/captions/overlays moving with their clip, music re-laid), and its answer replaces
// the current state. Operations are sent one after another so each applies to the latest state.

import { api } from '../api.js';

const DRAFT_PREFIX = 'pixora.editor.';
const UNDO_LIMIT = 100;

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

function copy(value) {
  return value === undefined ? undefined : structuredClone(value);
}

/**
 * Events (EventTarget): `change` {detail: {state, changes, label, source}} after every new state,
 * `busy` {detail: boolean} while operations are in flight, `error` {detail: {error, operations}}.
 */
export class EditorModel extends EventTarget {
  constructor(videoId) {
    super();
    this.videoId = videoId;
    this.baseState = null;
    this.baseVersion = null;
    this.current = null;
    this.undoStack = [];
    this.redoStack = [];
    this.pending = Promise.resolve();
    this.inFlight = 0;
    this.sequence = 0;
    this.savedEntryId = 0;
  }

  get state() { return this.current; }
  get dirty() { return Boolean(this.current && this.baseState && !same(this.current, this.baseState)); }
  get canUndo() { return this.undoStack.length > 0; }
  get canRedo() { return this.redoStack.length > 0; }
  get busy() { return this.inFlight > 0; }
  get undoLabel() { return this.undoStack.at(-1)?.label || ''; }
  get redoLabel() { return this.redoStack.at(-1)?.label || ''; }

  /** Starts editing a saved version: no history, not dirty. */
  load(state, versionNumber) {
    this.baseState = copy(state);
    this.baseVersion = versionNumber;
    this.current = copy(state);
    this.undoStack = [];
    this.redoStack = [];
    this.savedEntryId = 0;
    this.operationsLost = false;
    this.emit({ changes: [], label: 'Loaded', source: 'load' });
  }

  /** The saved version became `state` (after Save): edits since then stay, the draft follows. */
  markSaved(state, versionNumber) {
    this.baseState = copy(state);
    this.baseVersion = versionNumber;
    this.savedEntryId = this.undoStack.at(-1)?.id || 0;
    this.operationsLost = false;
    this.saveDraft();
    this.emit({ changes: [], label: 'Saved', source: 'saved' });
  }

  /**
   * Sends operations to the server and makes its answer the current state. Resolves with
   * {entryId, changes} (entryId identifies the undo entry), or rejects with the ApiError.
   */
  apply(operations, { label, source = 'timeline' } = {}) {
    const run = async () => {
      this.setBusy(+1);
      try {
        const answer = await api('/editor/apply', { method: 'POST', body: { editorState: this.current, operations } });
        const changes = answer.changes || [];
        const entryId = this.commit(answer.editorState, { label: label || changes[0] || 'Edit', changes, source, operations });
        return { entryId, changes };
      } catch (error) {
        this.dispatchEvent(new CustomEvent('error', { detail: { error, operations } }));
        throw error;
      } finally {
        this.setBusy(-1);
      }
    };
    const result = this.pending.then(run, run);
    this.pending = result.catch(() => {});
    return result;
  }

  /** Runs `task(currentState)` in the operation queue (e.g. the assistant), so it sees the latest state. */
  enqueue(task) {
    const run = async () => {
      this.setBusy(+1);
      try {
        return await task(this.current);
      } finally {
        this.setBusy(-1);
      }
    };
    const result = this.pending.then(run, run);
    this.pending = result.catch(() => {});
    return result;
  }

  /**
   * Makes `state` current, keeping the previous one for undo. `operations` are the ones that made it (null when
   * unknown, e.g. a restored draft): they let unsaved edits be re-applied to another version. Returns the undo
   * entry's id.
   */
  commit(state, { label = 'Edit', changes = [], source = 'timeline', operations = null } = {}) {
    if (same(state, this.current)) {
      this.emit({ changes, label, source });
      return null;
    }
    const id = ++this.sequence;
    this.undoStack.push({ id, state: this.current, label, operations });
    if (this.undoStack.length > UNDO_LIMIT) {
      this.undoStack.shift();
      // The oldest edits since the saved state are forgotten: the operation list is no longer complete.
      if (!this.savedEntryId) this.operationsLost = true;
    }
    this.redoStack = [];
    this.current = copy(state);
    this.saveDraft();
    this.emit({ changes, label, source });
    return id;
  }

  undo() {
    return this.step(this.undoStack, this.redoStack, 'Undid', 'undo');
  }

  redo() {
    return this.step(this.redoStack, this.undoStack, 'Redid', 'redo');
  }

  /** Makes the newest entry of `from` current again, keeping the current state in `to` (undo and redo). */
  step(from, to, verb, source) {
    // While an edit is on its way its answer would land on top of the undone state: wait for it.
    if (this.busy) return false;
    const entry = from.pop();
    if (!entry) return false;
    to.push({ id: entry.id, state: this.current, label: entry.label, operations: entry.operations });
    this.current = entry.state;
    this.saveDraft();
    this.emit({ changes: [], label: `${verb}: ${entry.label}`, source });
    return true;
  }

  /** How many edits were made after the undo entry `id` (null when it is not undoable any more). */
  editsAfter(id) {
    const index = this.undoStack.findIndex((entry) => entry.id === id);
    return index < 0 ? null : this.undoStack.length - 1 - index;
  }

  /** Undoes back to (and including) the entry `id`. */
  undoTo(id) {
    if (this.busy || this.editsAfter(id) === null) return false;
    while (this.undoStack.length) {
      const top = this.undoStack.at(-1);
      this.undo();
      if (top.id === id) break;
    }
    return true;
  }

  /** The operations made since the saved state, in order; null when some are unknown (or undone past it). */
  operationsSinceBase() {
    if (this.operationsLost) return null;
    let start = 0;
    if (this.savedEntryId) {
      start = this.undoStack.findIndex((entry) => entry.id === this.savedEntryId) + 1;
      if (start === 0) return null;
    }
    const entries = this.undoStack.slice(start);
    if (entries.some((entry) => !entry.operations)) return null;
    return entries.flatMap((entry) => entry.operations);
  }

  // Drafts: one per video, with the version number the edits started from and the operations that made them.

  get draftKey() { return DRAFT_PREFIX + this.videoId; }

  saveDraft() {
    try {
      if (this.dirty) {
        localStorage.setItem(this.draftKey, JSON.stringify(this.snapshotDraft()));
      } else {
        localStorage.removeItem(this.draftKey);
      }
    } catch (error) {
      // A full or disabled storage only loses the reload safety net; editing goes on.
      console.warn('could not keep the editor draft', error);
    }
  }

  /** The stored draft when it differs from the loaded state, else null. */
  readDraft() {
    try {
      const draft = JSON.parse(localStorage.getItem(this.draftKey) || 'null');
      if (!draft?.state?.clips || same(draft.state, this.current)) return null;
      return draft;
    } catch {
      return null;
    }
  }

  discardDraft() {
    localStorage.removeItem(this.draftKey);
  }

  /** The unsaved edits as a draft object ({baseVersion, state, operations, savedAt}), or null when clean. */
  snapshotDraft() {
    if (!this.dirty) return null;
    return { baseVersion: this.baseVersion, state: this.current, operations: this.operationsSinceBase(), savedAt: new Date().toISOString() };
  }

  /** Keeps a draft under the draft key even though the editor moves to another state. */
  keepDraft(draft) {
    try {
      localStorage.setItem(this.draftKey, JSON.stringify(draft));
    } catch (error) {
      console.warn('could not keep the editor draft', error);
    }
  }

  setBusy(delta) {
    this.inFlight = Math.max(0, this.inFlight + delta);
    this.dispatchEvent(new CustomEvent('busy', { detail: this.busy }));
  }

  emit(detail) {
    this.dispatchEvent(new CustomEvent('change', { detail: { state: this.current, ...detail } }));
  }
}
