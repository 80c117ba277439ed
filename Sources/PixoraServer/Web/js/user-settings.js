// The signed-in person's settings (GET/PUT /users/me/settings): defaults for new videos, notification choices and
// the theme. Read once per page load and shared; the theme follows them, and a theme chosen in the studio (the
// header's button, the profile) is saved back.

import { api, isSignedIn, onSessionChange } from './api.js';
import { setTheme, themePreference } from './theme.js';

let answer = null;

/** The settings document, or null for a visitor or when the server cannot answer (the page then uses its own). */
export function userSettings() {
  if (!isSignedIn()) return Promise.resolve(null);
  if (!answer) {
    answer = api('/users/me/settings').catch((error) => {
      answer = null;
      console.warn('settings could not be loaded', error);
      return null;
    });
  }
  return answer;
}

/** Saves the whole document; resolves with it as saved (and applies its theme). */
export async function saveUserSettings(document) {
  const saved = await api('/users/me/settings', { method: 'PUT', body: document });
  answer = Promise.resolve(saved);
  if (saved.theme !== themePreference()) setTheme(saved.theme);
  return saved;
}

/** The server's defaults for a new video (`options.defaults`) with the person's own on top. */
export function videoDefaults(options, settings) {
  const mine = settings?.defaults || {};
  const known = (list, value) => list?.some((choice) => choice.value === value);
  const out = { ...options.defaults };
  if (known(options.aspectRatio, mine.aspectRatio)) out.aspectRatio = mine.aspectRatio;
  if (known(options.quality, mine.quality)) out.quality = mine.quality;
  if (known(options.style, mine.style)) out.style = mine.style;
  if (known(options.voice, mine.voice)) out.voice = mine.voice;
  if (typeof mine.durationSeconds === 'number') out.durationSeconds = mine.durationSeconds;
  if (typeof mine.captions === 'boolean') out.captions = mine.captions;
  if (typeof mine.music === 'boolean') out.music = mine.music;
  return out;
}

// The saved theme wins on every device once signed in; a theme picked here is saved for the others.
async function followTheme() {
  const settings = await userSettings();
  if (settings?.theme && settings.theme !== themePreference()) setTheme(settings.theme);
}
// Saves one at a time, each with the theme chosen last, so quick clicks end on the last choice.
let themeSaves = Promise.resolve();
window.addEventListener('pixora-theme', () => {
  themeSaves = themeSaves.then(async () => {
    const settings = await userSettings();
    const wanted = themePreference();
    if (!settings || settings.theme === wanted) return;
    const saved = await api('/users/me/settings', { method: 'PUT', body: { ...settings, theme: wanted } });
    answer = Promise.resolve(saved);
  }).catch((error) => console.warn('the theme could not be saved', error));
});
onSessionChange((session) => {
  answer = null;
  if (session) followTheme();
});
followTheme();
