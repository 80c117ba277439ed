// A file field of the remix form: a drop zone around a real <input type=file> (keyboard and screen readers use
// the input), the chosen file's name and size, "Remove", and a quick check of type and size. The check is only
// for quick feedback: the server looks inside the file and decides.

import { h, setFieldError } from '../ui.js';
import { formatBytes } from '../format.js';

/**
 * fileField({id, label, hint, accept, types, extensions, maxBytes, what, onChange}) → {element, file, check(),
 * clear()}. `types` are accepted media types (or prefixes ending in '/'), `extensions` the accepted name endings;
 * a file passes when either matches. `what` names the kind of file in messages ("a video").
 */
export function fileField({ id, label, hint, accept, types, extensions, maxBytes, what, onChange = () => {} }) {
  const input = h('input', { type: 'file', id, name: id, accept, class: 'file-input', 'aria-describedby': `${id}-hint` });
  const chosen = h('span', { class: 'file-chosen' });
  const remove = h('button', { type: 'button', class: 'button ghost small', hidden: true, onclick: () => clear() }, 'Remove');
  const zone = h('div', { class: 'drop-zone', dataset: { state: 'empty' } },
    h('span', { class: 'drop-icon', 'aria-hidden': 'true' }, '⇪'),
    h('span', { class: 'drop-text' }, 'Drop a file here or ', h('span', { class: 'drop-browse' }, 'choose one')),
    input);
  const element = h('div', { class: 'field file-field' },
    h('label', { for: id }, label),
    zone,
    h('div', { class: 'file-row', hidden: true }, chosen, remove),
    h('span', { class: 'hint', id: `${id}-hint` }, hint));
  let file = null;

  function show() {
    zone.dataset.state = file ? 'chosen' : 'empty';
    chosen.textContent = file ? `${file.name} · ${formatBytes(file.size)}` : '';
    remove.hidden = !file;
    chosen.parentElement.hidden = !file;
    remove.setAttribute('aria-label', file ? `Remove ${file.name}` : 'Remove');
  }

  function take(next) {
    file = next || null;
    clearError();
    show();
    if (file) check();
    onChange(file);
  }

  function clear() {
    input.value = '';
    take(null);
    input.focus();
  }

  function clearError() {
    input.removeAttribute('aria-invalid');
    element.querySelector('.field-error')?.remove();
    input.setAttribute('aria-describedby', `${id}-hint`);
  }

  /** The problem with the chosen file in words (shown next to the field), or null. */
  function check() {
    if (!file) return null;
    const name = file.name.toLowerCase();
    const typeOK = types.some((type) => (type.endsWith('/') ? file.type.startsWith(type) : file.type === type));
    const nameOK = extensions.some((ending) => name.endsWith(ending));
    let problem = null;
    if (!typeOK && !nameOK) problem = `“${file.name}” does not look like ${what} (${extensions.join(', ')}).`;
    else if (file.size === 0) problem = `“${file.name}” is empty.`;
    else if (maxBytes && file.size > maxBytes) problem = `“${file.name}” is ${formatBytes(file.size)}; at most ${formatBytes(maxBytes)} can be uploaded.`;
    if (problem) setFieldError(input, problem);
    return problem;
  }

  input.addEventListener('change', () => take(input.files[0]));
  for (const type of ['dragenter', 'dragover']) {
    zone.addEventListener(type, (event) => {
      event.preventDefault();
      zone.classList.add('dragging');
    });
  }
  for (const type of ['dragleave', 'drop']) zone.addEventListener(type, () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    const dropped = event.dataTransfer?.files?.[0];
    if (!dropped) return;
    // Keep the input's own list in step, so the form and the field show the same file.
    const list = new DataTransfer();
    list.items.add(dropped);
    input.files = list.files;
    take(dropped);
  });

  return { element, input, get file() { return file; }, check, clear };
}
