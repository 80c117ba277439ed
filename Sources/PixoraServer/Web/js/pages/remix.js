// New remix (/remix): upload a sample video you like, say what the new video is about, and optionally add a
// character picture and an audio file (music bed or voice-over). The upload shows its progress; the server
// checks the files (their type is what is inside, not the name) and answers in words when it refuses one.
// Once created, the project's page follows the analysis.

import { navigate, guardLeave } from '../app.js';
import { h, mount, useStyles, clearFormErrors, showFormErrors } from '../ui.js';
import { fileField } from '../remix/file-field.js';
import { uploadProject } from '../remix/upload.js';

const MB = 1024 * 1024;
// The server's default limits (PIXORA_UPLOAD_MAX_MB for the sample); it may be set otherwise, so a bigger
// sample is sent all the same and the server has the last word.
const SAMPLE_HINT_BYTES = 200 * MB;
const CHARACTER_BYTES = 20_000_000;
const AUDIO_BYTES = 200_000_000;

export async function render(main) {
  useStyles('/css/pages.css');
  useStyles('/css/remix.css');
  const abort = new AbortController();
  let busy = false;
  let disposed = false;
  guardLeave(() => (busy ? 'The upload is not finished: leaving cancels it.' : null));

  const sample = fileField({
    id: 'sample', label: 'Sample video', what: 'a video', accept: 'video/*,.mp4,.mov,.m4v,.webm,.mkv,.avi',
    types: ['video/'], extensions: ['.mp4', '.mov', '.m4v', '.webm', '.mkv', '.avi'],
    hint: 'A video whose pacing, look and sound you like: at most 10 minutes (and 200 MB unless your server allows more).',
    onChange: (file) => {
      sizeNote.hidden = !(file && file.size > SAMPLE_HINT_BYTES);
    },
  });
  const sizeNote = h('p', { class: 'hint size-note', hidden: true },
    'This file is larger than the usual 200 MB limit; the server will say if it is too large.');
  sample.element.append(sizeNote);
  const character = fileField({
    id: 'character', label: 'Character picture', what: 'a PNG, JPEG or WebP picture', accept: 'image/png,image/jpeg,image/webp',
    types: ['image/png', 'image/jpeg', 'image/webp'], extensions: ['.png', '.jpg', '.jpeg', '.webp'], maxBytes: CHARACTER_BYTES,
    hint: 'Optional. Shown in every scene (a PNG with transparency works best).',
  });
  const audio = fileField({
    id: 'audio', label: 'Audio', what: 'a WAV, MP3, M4A or OGG file', accept: 'audio/*,.wav,.mp3,.m4a,.ogg',
    types: ['audio/'], extensions: ['.wav', '.mp3', '.m4a', '.ogg'], maxBytes: AUDIO_BYTES,
    hint: 'Optional. Your own music bed, or a voice-over that replaces the narration.',
    onChange: (file) => { audioRole.disabled = !file; },
  });
  const audioRole = h('fieldset', { class: 'audio-role', disabled: true },
    h('legend', {}, 'Use the audio as'),
    h('div', { class: 'segmented' },
      ['music', 'voiceOver'].map((value) => h('label', { class: 'segment' },
        h('input', { type: 'radio', name: 'audioRole', value, checked: value === 'music' }),
        h('span', { class: 'segment-label' }, value === 'music' ? 'Music' : 'Voice-over')))));

  const topic = h('textarea', {
    id: 'topic', name: 'topic', rows: 3, maxlength: 500,
    placeholder: 'What should your video be about? e.g. “how bees make honey, for curious kids”',
  });
  const title = h('input', { id: 'title', name: 'title', maxlength: 200, placeholder: 'Defaults to the sample’s file name' });

  const bar = h('span', {});
  const progressbar = h('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': 0, 'aria-labelledby': 'upload-state' }, bar);
  const uploadState = h('span', { id: 'upload-state', class: 'small' });
  const progressBox = h('div', { class: 'upload-progress', hidden: true, role: 'status' }, uploadState, progressbar);
  const submit = h('button', { type: 'submit', class: 'button primary large', id: 'upload' }, 'Upload and analyze');
  const cancel = h('button', { type: 'button', class: 'button ghost', hidden: true, onclick: () => abort.abort() }, 'Cancel upload');

  const form = h('form', { class: 'remix-form', novalidate: true },
    h('div', { class: 'form-error', role: 'alert', hidden: true }),
    h('section', { class: 'card' },
      h('h2', {}, '1. The sample'),
      sample.element),
    h('section', { class: 'card' },
      h('h2', {}, '2. Your video'),
      h('div', { class: 'field' }, h('label', { for: 'topic' }, 'Topic ', h('span', { class: 'hint' }, '(optional)')), topic),
      h('div', { class: 'field' }, h('label', { for: 'title' }, 'Project title ', h('span', { class: 'hint' }, '(optional)')), title)),
    h('section', { class: 'card' },
      h('h2', {}, '3. Extras ', h('span', { class: 'hint' }, '(optional)')),
      h('div', { class: 'extras-grid' }, character.element, h('div', {}, audio.element, audioRole))),
    progressBox,
    h('div', { class: 'submit-row' },
      submit, cancel,
      h('p', { class: 'hint submit-note' }, 'Analysis is free. You choose the plan and see the price before anything is charged.')));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    clearFormErrors(form);
    if (!sample.file) {
      showFormErrors(form, { name: 'Error', message: 'Choose a sample video to remix.', fields: { sample: 'Choose a video file.' } });
      sample.input.focus();
      return;
    }
    const problem = [sample, character, audio].map((field) => field.check()).find(Boolean);
    if (problem) {
      showFormErrors(form, { name: 'Error', message: problem });
      return;
    }
    const body = new FormData();
    body.append('kind', 'remix');
    body.append('sample', sample.file, sample.file.name);
    if (topic.value.trim()) body.append('topic', topic.value.trim());
    if (title.value.trim()) body.append('title', title.value.trim());
    if (character.file) body.append('character', character.file, character.file.name);
    if (audio.file) {
      body.append('audio', audio.file, audio.file.name);
      body.append('audioRole', form.querySelector('input[name="audioRole"]:checked').value);
    }
    setBusy(true);
    try {
      const project = await uploadProject(body, { signal: abort.signal, onProgress: showProgress });
      busy = false;
      navigate(`/projects/${encodeURIComponent(project.id)}`);
    } catch (error) {
      setBusy(false);
      if (error.name === 'AbortError') {
        if (!disposed) showFormErrors(form, { name: 'Error', message: 'The upload was cancelled.' });
        return;
      }
      showFormErrors(form, error);
      form.querySelector('.form-error')?.scrollIntoView({ block: 'nearest' });
    }
  });

  function setBusy(value) {
    busy = value;
    submit.disabled = value;
    cancel.hidden = !value;
    progressBox.hidden = !value;
    if (value) showProgress(0);
    submit.replaceChildren(...(value ? [h('span', { class: 'spinner small', 'aria-hidden': 'true' }), 'Uploading…'] : ['Upload and analyze']));
  }

  function showProgress(fraction) {
    const value = Math.round(fraction * 100);
    bar.style.width = `${value}%`;
    progressbar.setAttribute('aria-valuenow', String(value));
    uploadState.textContent = fraction >= 1 ? 'Uploaded. The server is checking the files…' : `Uploading… ${value}%`;
  }

  mount(main, h('div', { class: 'page medium remix-new' },
    h('header', { class: 'page-header' },
      h('div', {},
        h('a', { class: 'back-link', href: '/projects', 'data-link': true }, '← Remix projects'),
        h('h1', {}, 'Remix a video'),
        h('p', { class: 'muted' }, 'Upload a video you like. Pixora measures its shots, pacing, colours and sound, plans a 9:16 video like it on your topic, and lets you change the plan by chatting.'))),
    form));
  return () => {
    disposed = true;
    abort.abort();
  };
}
