// Collections on the dashboard: the dialog that creates, renames and deletes them, and the one that puts a video
// into collections or takes it out. Names are user text: they only ever reach the page as text nodes.

import { api } from '../api.js';
import { h, toast, errorSentence, confirmDialog } from '../ui.js';

export const MAX_NAME = 60;

/** The user's collections, by name. */
export async function loadCollections(signal) {
  return (await api('/collections', { signal })).items || [];
}

/** A modal dialog whose body is `build(close)`; resolves when it closes. */
function modal(title, build) {
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: 'dialog collections-dialog', 'aria-labelledby': 'collections-title' });
    const close = () => dialog.close();
    dialog.append(h('h2', { id: 'collections-title' }, title), ...build(close),
      h('div', { class: 'dialog-actions' }, h('button', { type: 'button', class: 'button', onclick: close }, 'Done')));
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve();
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

function nameInput(attributes) {
  return h('input', { type: 'text', maxlength: String(MAX_NAME), required: true, autocomplete: 'off', ...attributes });
}

/** Create, rename and delete collections; `onChange()` after each change that succeeded. */
export function manageCollections(collections, onChange) {
  let list;
  const draw = () => list.replaceChildren(...collections.map(row));
  const row = (collection) => {
    const input = nameInput({ value: collection.name, 'aria-label': `Name of ${collection.name}` });
    const save = async (event) => {
      event.preventDefault();
      const name = input.value.trim();
      if (!name || name === collection.name) return;
      try {
        const renamed = await api(`/collections/${encodeURIComponent(collection.id)}`, { method: 'PATCH', body: { name } });
        Object.assign(collection, renamed);
        toast(`Renamed to “${renamed.name}”.`, 'success');
        onChange();
      } catch (error) {
        toast(`The collection could not be renamed. ${errorSentence(error)}`, 'error');
      }
    };
    const remove = async () => {
      const ok = await confirmDialog({
        title: 'Delete this collection?',
        message: `“${collection.name}” will be deleted. Its videos and projects stay in your library.`,
        confirm: 'Delete collection', cancel: 'Keep it', danger: true,
      });
      if (!ok) return;
      try {
        await api(`/collections/${encodeURIComponent(collection.id)}`, { method: 'DELETE' });
        collections.splice(collections.indexOf(collection), 1);
        draw();
        toast(`“${collection.name}” was deleted.`, 'success');
        onChange();
      } catch (error) {
        toast(`The collection could not be deleted. ${errorSentence(error)}`, 'error');
      }
    };
    return h('li', { class: 'collection-row', dataset: { id: collection.id } },
      h('form', { class: 'collection-rename', onsubmit: save }, input,
        h('button', { type: 'submit', class: 'button small' }, 'Rename')),
      h('span', { class: 'small muted' }, `${collection.videoCount} ${collection.videoCount === 1 ? 'video' : 'videos'}`),
      h('button', { type: 'button', class: 'button small danger', onclick: remove, 'aria-label': `Delete ${collection.name}` },
        'Delete'));
  };
  return modal('Collections', () => {
    list = h('ul', { class: 'collection-list', role: 'list' });
    draw();
    const input = nameInput({ id: 'new-collection', name: 'name', placeholder: 'New collection name' });
    const create = async (event) => {
      event.preventDefault();
      const name = input.value.trim();
      if (!name) return;
      try {
        const made = await api('/collections', { method: 'POST', body: { name } });
        collections.push(made);
        collections.sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
        input.value = '';
        draw();
        onChange();
      } catch (error) {
        toast(`The collection could not be created. ${errorSentence(error)}`, 'error');
      }
    };
    return [
      h('form', { class: 'collection-create', onsubmit: create },
        h('label', { for: 'new-collection', class: 'visually-hidden' }, 'New collection name'), input,
        h('button', { type: 'submit', class: 'button primary small' }, 'Create')),
      list,
    ];
  });
}

/** Ticks the collections that hold `video`; each tick puts it in or takes it out at once. */
export function chooseCollections(video, collections, onChange) {
  const member = new Set(video.collectionIds || []);
  return modal(`Collections of “${video.title || 'this video'}”`, () => {
    if (!collections.length) {
      return [h('p', { class: 'muted' }, 'You have no collections yet: create one with “Collections” above the list.')];
    }
    return [h('ul', { class: 'collection-list', role: 'list' }, collections.map((collection) => {
      const box = h('input', { type: 'checkbox', checked: member.has(collection.id), id: `in-${collection.id}` });
      box.addEventListener('change', async () => {
        const path = `/collections/${encodeURIComponent(collection.id)}/items/videos/${encodeURIComponent(video.id)}`;
        box.disabled = true;
        try {
          await api(path, { method: box.checked ? 'PUT' : 'DELETE' });
          if (box.checked) member.add(collection.id);
          else member.delete(collection.id);
          video.collectionIds = collections.map((c) => c.id).filter((id) => member.has(id));
          onChange(video);
        } catch (error) {
          box.checked = !box.checked;
          toast(`The collection could not be changed. ${errorSentence(error)}`, 'error');
        } finally {
          box.disabled = false;
        }
      });
      return h('li', { class: 'collection-choice' }, box, h('label', { for: `in-${collection.id}` }, collection.name));
    }))];
  });
}
