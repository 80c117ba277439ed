// The Look panel (the whole video's colour grade) and a clip's own look: a preset or one of the user's uploaded
// .cube LUTs, and an intensity. The preview approximates presets with CSS filters (look-preview.js).

import { h, toast } from '../ui.js';
import { api, accessToken, errorFrom } from '../api.js';
import { LOOK_PRESETS } from './look-preview.js';

let lutList = null;

/** The user's LUTs, asked once per page (again after an upload). */
export function loadLUTs(refresh = false) {
  if (!lutList || refresh) lutList = api('/luts').then((body) => body.luts).catch(() => []);
  return lutList;
}

/** Sends a .cube file as multipart (the JSON helper cannot); resolves with the stored LUT. */
async function uploadLUT(file) {
  const body = new FormData();
  body.append('file', file, file.name);
  const token = await accessToken();
  const response = await fetch('/api/v1/luts', { method: 'POST', body, headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw await errorFrom(response);
  return response.json();
}

const choiceOf = (look) => (!look ? '' : look.lut ? `lut:${look.lut}` : look.preset);
const lookOf = (choice, intensity) => (choice.startsWith('lut:')
  ? { lut: choice.slice(4), intensity } : { preset: choice, intensity });

/** A select of presets with the user's LUTs added when they arrive. */
function lookSelect(inspector, { name, label, first, look, onCommit }) {
  const field = inspector.selectField({ name, label, value: choiceOf(look), options: [...first, ...LOOK_PRESETS.filter(([v]) => v !== 'none')], onCommit });
  const select = field.querySelector('select');
  loadLUTs().then((luts) => {
    if (!luts.length) return;
    const group = h('optgroup', { label: 'Your LUTs' },
      ...luts.map((lut) => h('option', { value: `lut:${lut.lut}`, selected: look?.lut === lut.lut }, lut.name)));
    select.append(group);
    select.value = choiceOf(look);
  });
  return field;
}

function intensityField(inspector, { name, look, onInput, onCommit }) {
  const id = `${name}-${Math.random().toString(36).slice(2, 8)}`;
  const value = Math.round((look.intensity ?? 1) * 100);
  const output = h('output', { for: id, class: 'volume-value' }, `${value} %`);
  const input = h('input', { id, name, type: 'range', min: '0', max: '100', step: '5', value: String(value) });
  input.addEventListener('input', () => {
    output.textContent = `${input.value} %`;
    onInput(Number(input.value) / 100);
  });
  input.addEventListener('change', () => onCommit(Number(input.value) / 100));
  return h('div', { class: 'field volume-field' }, h('div', { class: 'volume-label' }, h('label', { for: id }, 'Intensity'), output), input);
}

const lutNote = (look) => (look?.lut
  ? h('p', { class: 'hint look-note' }, 'The preview shows LUTs ungraded; the render applies them exactly.') : null);

/** The whole video's look, with the LUT upload. */
export function lookPanel(inspector, state) {
  const look = state.look || null;
  const set = (next, label) => inspector.apply([next ? { op: 'setLook', look: next } : { op: 'clearLook' }], label);
  const fileId = 'look-upload-file';
  const file = h('input', { id: fileId, name: 'lutFile', type: 'file', accept: '.cube,text/plain' });
  const status = h('span', { class: 'hint', role: 'status' });
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    status.textContent = `Uploading ${chosen.name}…`;
    try {
      const lut = await uploadLUT(chosen);
      await loadLUTs(true);
      status.textContent = '';
      await set({ lut: lut.lut, intensity: 1 }, `Look: ${lut.name}`);
    } catch (error) {
      status.textContent = '';
      toast(`The LUT was not added: ${error.message}`, 'error', 8000);
    } finally {
      file.value = '';
    }
  });
  return h('div', { class: 'inspector-panel look-panel' },
    inspector.header('Look', 'The colour grade of the whole video; a clip can have its own.'),
    lookSelect(inspector, {
      name: 'videoLook', label: 'Look', look, first: [['', 'No look']],
      onCommit: (choice) => set(choice ? lookOf(choice, look?.intensity ?? 1) : null, choice ? 'Change the look' : 'Remove the look'),
    }),
    look ? intensityField(inspector, {
      name: 'lookIntensity', look,
      onInput: (intensity) => inspector.preview((draft) => { draft.look.intensity = intensity; }),
      onCommit: (intensity) => set({ ...look, intensity }, `Look at ${Math.round(intensity * 100)} %`),
    }) : null,
    lutNote(look),
    h('div', { class: 'field look-upload' }, h('label', { for: fileId }, 'Upload a .cube LUT'), file, status));
}

/** A clip's own look: follow the video's, none, a preset or a LUT, and its intensity. */
export function clipLookFields(inspector, state, index) {
  const look = state.clips[index].look || null;
  const set = (next, label) => inspector.apply(
    [next ? { op: 'setClipLook', clip: index, look: next } : { op: 'clearLook', clip: index }], label);
  return [
    lookSelect(inspector, {
      name: 'clipLook', label: 'Look of this clip', look, first: [['', 'The video’s look'], ['none', 'No look']],
      onCommit: (choice) => set(choice ? lookOf(choice, look?.intensity ?? 1) : null, `Look of clip ${index + 1}`),
    }),
    look && look.preset !== 'none' ? intensityField(inspector, {
      name: 'clipLookIntensity', look,
      onInput: (intensity) => inspector.preview((draft) => { draft.clips[index].look.intensity = intensity; }),
      onCommit: (intensity) => set({ ...look, intensity }, `Look of clip ${index + 1} at ${Math.round(intensity * 100)} %`),
    }) : null,
    lutNote(look),
  ];
}
