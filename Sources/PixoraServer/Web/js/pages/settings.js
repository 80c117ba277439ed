// Settings (/settings): defaults for new videos (the landing page starts from them), which notifications reach
// you in the studio and by mail, the credits-low threshold and the theme. One document, saved as a whole.

import { api } from '../api.js';
import { h, mount, loading, failure, toast, showFormErrors, clearFormErrors, useStyles } from '../ui.js';
import { settingsOptions } from '../options.js';
import { segmented, select, toggle } from '../landing/controls.js';
import { saveUserSettings, videoDefaults } from '../user-settings.js';

const kinds = [
  ['videoReady', 'A video is ready'],
  ['videoFailed', 'A video failed (and was refunded)'],
  ['videoExpiring', 'A video expires within a day'],
  ['creditsLow', 'Credits run low'],
  ['exportReady', 'A data export is ready'],
  ['webhookDisabled', 'A webhook endpoint was turned off after days of failures'],
];

export async function render(main) {
  useStyles('/css/pages.css');
  useStyles('/css/settings.css');
  mount(main, loading('Loading your settings…'));
  let options;
  let settings;
  try {
    [options, settings] = await Promise.all([settingsOptions(), api('/users/me/settings')]);
  } catch (error) {
    mount(main, failure(error, () => render(main)));
    return;
  }
  const defaults = videoDefaults(options, settings);
  const aspect = segmented('aspectRatio', 'Aspect ratio', options.aspectRatio, defaults.aspectRatio);
  const quality = segmented('quality', 'Quality', options.quality, defaults.quality);
  const range = options.durationSeconds;
  const duration = h('input', { type: 'number', id: 'durationSeconds', name: 'defaults.durationSeconds', min: range.min, max: range.max, step: 1, value: defaults.durationSeconds });
  const style = select('style', options.style, defaults.style);
  const voices = [{ value: '', label: 'The server’s default voice' }, ...options.voice];
  const voice = select('voice', voices, settings.defaults?.voice ?? '');
  const music = toggle('music', 'Background music', defaults.music);
  const captions = toggle('captions', 'Captions', defaults.captions);

  const channels = {};
  const rows = kinds.map(([key, label]) => {
    const current = settings.notifications?.[key] ?? { inApp: true, mail: true };
    const inApp = h('input', { type: 'checkbox', id: `${key}-inApp`, checked: current.inApp !== false, 'aria-label': `${label}: in the studio` });
    const mail = h('input', { type: 'checkbox', id: `${key}-mail`, checked: current.mail !== false, 'aria-label': `${label}: by mail` });
    channels[key] = { inApp, mail };
    return h('tr', {}, h('th', { scope: 'row' }, label), h('td', {}, inApp), h('td', {}, mail));
  });
  const threshold = h('input', { type: 'number', id: 'creditsLowBelow', name: 'notifications.creditsLowBelow', min: 0, max: 100000, step: 1, value: settings.notifications?.creditsLowBelow ?? 20 });
  const theme = segmented('theme', 'Theme', [
    { value: 'system', label: 'System' }, { value: 'light', label: 'Light' }, { value: 'dark', label: 'Dark' },
  ], settings.theme || 'system');

  function read() {
    const notifications = { creditsLowBelow: Number(threshold.value) };
    for (const [key] of kinds) notifications[key] = { inApp: channels[key].inApp.checked, mail: channels[key].mail.checked };
    const chosen = {
      aspectRatio: aspect.value(), durationSeconds: Number(duration.value), style: style.value,
      quality: quality.value(), captions: captions.input.checked, music: music.input.checked,
    };
    if (voice.value) chosen.voice = voice.value;
    return { version: 1, defaults: chosen, notifications, theme: theme.value() };
  }

  const save = h('button', { type: 'submit', class: 'button primary', id: 'settings-save' }, 'Save settings');
  const form = h('form', { class: 'settings-form', novalidate: true, onsubmit: onSave },
    h('section', { class: 'card', 'aria-labelledby': 'defaults-title' },
      h('h2', { id: 'defaults-title' }, 'New videos start with'),
      aspect.element,
      h('div', { class: 'field' }, h('label', { for: 'durationSeconds' }, 'Duration (seconds)'), duration,
        h('span', { class: 'hint' }, `${range.min}–${range.max} seconds`)),
      h('div', { class: 'settings-pair' },
        h('div', { class: 'field' }, h('label', { for: 'style' }, 'Visual style'), style),
        h('div', { class: 'field' }, h('label', { for: 'voice' }, 'Narrator voice'), voice)),
      h('div', { class: 'toggle-row' }, music.element, captions.element),
      quality.element),
    h('section', { class: 'card', 'aria-labelledby': 'notify-title' },
      h('h2', { id: 'notify-title' }, 'Notifications'),
      h('p', { class: 'hint' }, 'Each mail has a link that switches its kind off without signing in.'),
      h('table', { class: 'notify-table' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'When'), h('th', { scope: 'col' }, 'In the studio'), h('th', { scope: 'col' }, 'By mail'))),
        h('tbody', {}, rows)),
      h('div', { class: 'field threshold' }, h('label', { for: 'creditsLowBelow' }, 'Warn when my balance falls below (credits)'), threshold)),
    h('section', { class: 'card', 'aria-labelledby': 'theme-title' },
      h('h2', { id: 'theme-title' }, 'Appearance'), theme.element),
    h('div', { class: 'button-row' }, save));

  async function onSave(event) {
    event.preventDefault();
    clearFormErrors(form);
    save.disabled = true;
    try {
      await saveUserSettings(read());
      toast('Settings saved.', 'success');
    } catch (error) {
      showFormErrors(form, error);
    } finally {
      save.disabled = false;
    }
  }

  mount(main, h('section', { class: 'page narrow settings-page' },
    h('div', { class: 'page-header' }, h('div', {}, h('h1', {}, 'Settings'),
      h('p', { class: 'muted' }, 'Your defaults, notifications and theme, on every device you sign in on.'))),
    form));
}
