// A new guided studio project (/studio/new): the topic and the settings every step follows. Creating it charges
// nothing; each step is priced when it runs.

import { api } from '../api.js';
import { navigate } from '../app.js';
import { h, mount, loading, useStyles, showFormErrors, clearFormErrors, setFieldError } from '../ui.js';
import { settingsOptions, optionsFailure } from '../options.js';
import { segmented, select, toggle } from '../landing/controls.js';

export async function render(main) {
  useStyles('/css/pages.css');
  useStyles('/css/studio.css');
  const page = h('section', { class: 'page medium studio-new' });
  main.append(page);
  mount(page, loading());
  let options;
  try {
    options = await settingsOptions();
  } catch (error) {
    mount(page, optionsFailure(error, () => { main.replaceChildren(); render(main); }));
    return undefined;
  }
  const defaults = options.defaults;
  const range = options.durationSeconds;
  const topic = h('textarea', {
    id: 'studio-topic', name: 'topic', rows: 3, maxlength: 500, required: true, autofocus: true,
    placeholder: 'How bees make honey, for curious kids' });
  const aspect = segmented('aspectRatio', 'Aspect ratio', options.aspectRatio, defaults.aspectRatio);
  const quality = segmented('quality', 'Quality', options.quality, defaults.quality);
  const duration = h('input', { id: 'studio-duration', name: 'durationSeconds', type: 'number', min: range.min,
    max: range.max, step: 1, inputmode: 'numeric', value: String(defaults.durationSeconds) });
  const style = select('style', options.style, defaults.style);
  const voice = select('voice', options.voice, defaults.voice);
  const music = toggle('music', 'Background music', defaults.music);
  const captions = toggle('captions', 'Captions', defaults.captions);
  const submit = h('button', { type: 'submit', class: 'button primary large' }, 'Create the project');

  const form = h('form', { class: 'studio-new-form', novalidate: true },
    h('div', { class: 'form-error', role: 'alert', hidden: true }),
    h('div', { class: 'card' },
      h('div', { class: 'field' }, h('label', { for: 'studio-topic' }, 'Topic'), topic,
        h('span', { class: 'hint' }, 'What the video is about. The idea step turns it into three concepts.'))),
    h('div', { class: 'card' },
      h('h2', {}, 'Settings'),
      aspect.element,
      h('div', { class: 'settings-grid' },
        h('div', { class: 'field' }, h('label', { for: 'studio-duration' }, 'Duration (seconds)'), duration,
          h('span', { class: 'hint' }, `${range.min} to ${range.max} seconds`)),
        h('div', { class: 'field' }, h('label', { for: 'style' }, 'Visual style'), style),
        h('div', { class: 'field' }, h('label', { for: 'voice' }, 'Narrator voice'), voice)),
      h('div', { class: 'toggle-row' }, music.element, captions.element),
      quality.element),
    h('div', { class: 'button-row submit-row' }, submit,
      h('a', { class: 'button ghost', href: '/projects', 'data-link': true }, 'Cancel')));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormErrors(form);
    const text = topic.value.trim();
    if (!text) {
      setFieldError(topic, 'Write what the video is about.');
      topic.focus();
      return;
    }
    submit.disabled = true;
    try {
      const project = await api('/projects', {
        method: 'POST',
        body: {
          kind: 'studio', topic: text,
          settings: {
            aspectRatio: aspect.value(), quality: quality.value(), durationSeconds: Number(duration.value),
            style: style.value, voice: voice.value, music: music.input.checked, captions: captions.input.checked,
          },
        },
      });
      navigate(`/studio/${encodeURIComponent(project.id)}`);
    } catch (error) {
      submit.disabled = false;
      showFormErrors(form, error);
    }
  });

  mount(page,
    h('div', { class: 'page-header' }, h('div', {},
      h('a', { class: 'back-link', href: '/projects', 'data-link': true }, '← Projects'),
      h('h1', {}, 'New studio project'),
      h('p', { class: 'muted' }, 'Eight steps from idea to export: approve cheap pictures before paying for clips, '
        + 'and come back to any step without losing the rest.'))),
    form);
  return undefined;
}
