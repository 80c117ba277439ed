// Landing page (/): the prompt box, the video settings and example prompts. A visitor may write and choose
// everything; "Generate" keeps the draft in localStorage and asks them to sign up, then /new picks it up.

import { api, isSignedIn, currentUser } from '../api.js';
import { navigate } from '../app.js';
import { h, setFieldError, clearFormErrors, confirmDialog, useStyles } from '../ui.js';
import {
  CHOICES, DEFAULT_SETTINGS, MAX_PROMPT, capitalize, loadDraft, saveDraft, draftSettings, planKey,
} from './draft.js';

const EXAMPLES = [
  { label: 'How bees make honey', prompt: 'How bees make honey: from flower nectar to the honeycomb, explained simply for curious kids.' },
  { label: 'Morning routine', prompt: 'A calm, inspiring morning routine for a productive day: water, stretching, a short walk and planning three tasks.' },
  { label: 'Volcanoes', prompt: 'Why volcanoes erupt: magma, pressure and plate tectonics, with a dramatic look at famous eruptions.' },
  { label: 'Coffee shop ad', prompt: 'A playful 20-second ad for a neighbourhood coffee shop that roasts its own beans, vertical for social media.' },
  { label: 'Saving money', prompt: 'Five practical tips to save money every month without feeling deprived.' },
  { label: 'The water cycle', prompt: 'The water cycle: evaporation, clouds, rain and rivers returning to the sea.' },
];

export async function render(main) {
  useStyles('/css/pages.css');
  const draft = loadDraft();
  const settings = draftSettings(draft);
  let saveTimer = null;

  // --- Prompt -------------------------------------------------------------------------------------------
  const counter = h('span', { class: 'char-count', id: 'prompt-count' });
  const prompt = h('textarea', {
    id: 'prompt', name: 'prompt', rows: 5, maxlength: MAX_PROMPT, autofocus: true, required: true,
    placeholder: 'Describe your video: the topic, who it is for, the feeling you want…',
    'aria-describedby': 'prompt-count prompt-hint',
  });
  prompt.value = draft?.prompt || '';

  function updateCount() {
    const length = prompt.value.length;
    counter.textContent = `${length} / ${MAX_PROMPT}`;
    counter.classList.toggle('near-limit', length > MAX_PROMPT * 0.9);
  }

  // Keeps what was typed across reloads (the draft is the same one /new reads).
  function persistSoon() {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(persist, 300);
  }
  function persist() {
    clearTimeout(saveTimer);
    const current = loadDraft() || {};
    saveDraft({ ...current, prompt: prompt.value, settings: readSettings() });
  }

  prompt.addEventListener('input', () => {
    updateCount();
    if (prompt.value.trim()) clearFormErrors(form);
    persistSoon();
  });
  // Ctrl/Cmd+Enter submits from the prompt box.
  prompt.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  const examples = h('div', { class: 'example-list', role: 'group', 'aria-labelledby': 'examples-label' },
    EXAMPLES.map((example) => h('button', {
      type: 'button', class: 'chip', title: example.prompt,
      onclick: () => {
        prompt.value = example.prompt;
        updateCount();
        clearFormErrors(form);
        persist();
        prompt.focus();
      },
    }, example.label)));

  // --- Settings -----------------------------------------------------------------------------------------
  const aspect = segmented('aspectRatio', 'Aspect ratio', CHOICES.aspectRatio.map((choice) => ({
    value: choice.value, label: choice.label, hint: choice.hint, icon: h('span', { class: `ratio-icon ratio-${choice.value.replace(':', 'x')}`, 'aria-hidden': 'true' }),
  })), settings.aspectRatio);
  const quality = segmented('quality', 'Quality', CHOICES.quality.map((value) => ({ value, label: value })), settings.quality);

  const durationRange = h('input', { type: 'range', id: 'duration-range', min: 5, max: 120, step: 1, 'aria-label': 'Duration in seconds (slider)' });
  const durationNumber = h('input', { type: 'number', id: 'duration', name: 'durationSeconds', min: 5, max: 120, step: 1, inputmode: 'numeric', class: 'duration-number', 'aria-describedby': 'duration-hint' });
  durationRange.value = durationNumber.value = String(settings.durationSeconds);
  const durationHint = h('span', { class: 'hint', id: 'duration-hint' });
  // Credits per second as this server prices videos (the public price list; 1 until it answers).
  let creditsPerSecond = 1;
  function updateDurationHint() {
    const seconds = Number(durationNumber.value);
    durationHint.textContent = Number.isFinite(seconds) && seconds >= 5 && seconds <= 120
      ? `5–120 seconds · costs ${Math.ceil(seconds * creditsPerSecond)} credits`
      : 'Between 5 and 120 seconds';
  }
  api('/pricing', { auth: false }).then((pricing) => {
    if (typeof pricing?.creditsPerSecond === 'number') {
      creditsPerSecond = pricing.creditsPerSecond;
      updateDurationHint();
    }
  }).catch(() => { /* The hint keeps the standard rate; the breakdown shows the real price. */ });
  durationRange.addEventListener('input', () => {
    durationNumber.value = durationRange.value;
    durationNumber.removeAttribute('aria-invalid');
    updateDurationHint();
    persistSoon();
  });
  durationNumber.addEventListener('input', () => {
    const seconds = Number(durationNumber.value);
    if (Number.isFinite(seconds) && seconds >= 5 && seconds <= 120) durationRange.value = String(seconds);
    updateDurationHint();
    persistSoon();
  });

  const style = select('style', CHOICES.style.map((value) => ({ value, label: capitalize(value) })), settings.style);
  const tone = select('tone', CHOICES.tone.map((value) => ({ value, label: capitalize(value) })), settings.tone);
  const voice = select('voice', CHOICES.voice, settings.voice);

  const rate = h('input', { type: 'range', id: 'speech-rate', name: 'speechRate', min: 0.5, max: 2, step: 0.1, 'aria-describedby': 'rate-value' });
  rate.value = String(settings.speechRate);
  const rateValue = h('output', { id: 'rate-value', for: 'speech-rate', class: 'range-value' });
  const showRate = () => { rateValue.textContent = `${Number(rate.value).toFixed(1)}×`; };
  rate.addEventListener('input', () => { showRate(); persistSoon(); });

  const music = toggle('music', 'Background music', settings.music);
  const captions = toggle('captions', 'Captions', settings.captions);

  function readSettings() {
    return {
      aspectRatio: aspect.value(),
      durationSeconds: Number(durationNumber.value),
      style: style.value,
      tone: tone.value,
      voice: voice.value,
      speechRate: Number(rate.value),
      music: music.input.checked,
      captions: captions.input.checked,
      quality: quality.value(),
    };
  }

  const settingsPanel = h('section', { class: 'card settings-panel', 'aria-labelledby': 'settings-title' },
    h('div', { class: 'settings-head' },
      h('h2', { id: 'settings-title' }, 'Settings'),
      h('button', { type: 'button', class: 'button ghost small', onclick: resetSettings }, 'Reset')),
    aspect.element,
    h('div', { class: 'field' },
      h('label', { for: 'duration' }, 'Duration'),
      h('div', { class: 'range-row' }, durationRange, h('span', { class: 'number-unit' }, durationNumber, h('span', { 'aria-hidden': 'true' }, 's'))),
      durationHint),
    h('div', { class: 'settings-pair' },
      h('div', { class: 'field' }, h('label', { for: 'style' }, 'Visual style'), style),
      h('div', { class: 'field' }, h('label', { for: 'tone' }, 'Tone'), tone)),
    h('div', { class: 'field' }, h('label', { for: 'voice' }, 'Narrator voice'), voice),
    h('div', { class: 'field' },
      h('label', { for: 'speech-rate' }, 'Speech rate'),
      h('div', { class: 'range-row' }, rate, rateValue)),
    h('div', { class: 'toggle-row' }, music.element, captions.element),
    quality.element);
  settingsPanel.addEventListener('change', persistSoon);

  function resetSettings() {
    aspect.set(DEFAULT_SETTINGS.aspectRatio);
    quality.set(DEFAULT_SETTINGS.quality);
    durationRange.value = durationNumber.value = String(DEFAULT_SETTINGS.durationSeconds);
    style.value = DEFAULT_SETTINGS.style;
    tone.value = DEFAULT_SETTINGS.tone;
    voice.value = DEFAULT_SETTINGS.voice;
    rate.value = String(DEFAULT_SETTINGS.speechRate);
    music.input.checked = DEFAULT_SETTINGS.music;
    captions.input.checked = DEFAULT_SETTINGS.captions;
    showRate();
    updateDurationHint();
    persist();
  }

  // --- Submit -------------------------------------------------------------------------------------------
  const signedIn = isSignedIn();
  const submit = h('button', { type: 'submit', class: 'button primary large' }, 'Generate', h('span', { 'aria-hidden': 'true' }, '→'));
  const credits = currentUser()?.credits;
  const note = h('p', { class: 'hint submit-note', id: 'prompt-hint' }, signedIn
    ? `Next you review and edit the scenes and see the price. Nothing is charged yet${typeof credits === 'number' ? ` (you have ${credits} credits)` : ''}.`
    : 'You will create a free account (100 credits to start) — your prompt and settings are kept.');

  const form = h('form', { class: 'landing-form', novalidate: true, onsubmit: onSubmit },
    h('div', { class: 'card prompt-card' },
      h('div', { class: 'field prompt-field' },
        h('div', { class: 'label-row' }, h('label', { for: 'prompt' }, 'What is your video about?'), counter),
        prompt),
      h('div', { class: 'examples' }, h('span', { class: 'examples-label', id: 'examples-label' }, 'Try an example'), examples),
      h('div', { class: 'submit-row' }, submit, note)),
    settingsPanel);

  async function onSubmit(event) {
    event.preventDefault();
    clearFormErrors(form);
    const text = prompt.value.trim();
    const chosen = readSettings();
    if (!text) {
      setFieldError(prompt, 'Write what the video should be about (a sentence is enough).');
      prompt.focus();
      return;
    }
    if (text.length > MAX_PROMPT) {
      setFieldError(prompt, `At most ${MAX_PROMPT} characters, this has ${text.length}.`);
      prompt.focus();
      return;
    }
    if (!Number.isFinite(chosen.durationSeconds) || chosen.durationSeconds < 5 || chosen.durationSeconds > 120) {
      setFieldError(durationNumber, 'Choose a duration between 5 and 120 seconds.');
      durationNumber.focus();
      return;
    }
    const previous = loadDraft() || {};
    // An edited breakdown made for other words would be replaced: ask before throwing the edits away.
    if (previous.plan && previous.edited && previous.planFor !== planKey(text, chosen)) {
      const ok = await confirmDialog({
        title: 'Replace your edited scenes?',
        message: 'You changed the prompt or the settings, so a new plan will be made and your scene edits will be replaced.',
        confirm: 'Make a new plan',
      });
      if (!ok) return;
    }
    saveDraft({ ...previous, prompt: text, settings: chosen });
    if (isSignedIn()) {
      navigate('/new');
    } else {
      // The sign-up page explains that the prompt is waiting (a toast would cover its button on a phone).
      navigate('/signup?next=' + encodeURIComponent('/new'));
    }
  }

  const user = currentUser();
  main.append(h('div', { class: 'page landing' },
    h('header', { class: 'hero' },
      h('p', { class: 'eyebrow' }, user?.name ? `Welcome back, ${user.name}` : 'AI video studio'),
      h('h1', {}, 'Turn an idea into a narrated video'),
      h('p', { class: 'lead' }, 'Describe it in a few words. Pixora writes the script, paints every scene, records the voice, adds music and captions — and you can edit it all.')),
    form));

  updateCount();
  updateDurationHint();
  showRate();
  prompt.focus();
  return () => {
    if (saveTimer) persist();
  };
}

/** A radio group drawn as a segmented control. */
function segmented(name, legend, options, selected) {
  const inputs = [];
  const element = h('fieldset', { class: 'field segmented-field' },
    h('legend', {}, legend),
    h('div', { class: 'segmented' }, options.map((option) => {
      const id = `${name}-${option.value.replace(/[^a-z0-9]/gi, '')}`;
      const input = h('input', { type: 'radio', name, id, value: option.value, checked: option.value === selected });
      inputs.push(input);
      return h('label', { for: id, class: 'segment', title: option.hint || null },
        input, option.icon || null,
        h('span', { class: 'segment-label' }, option.label),
        option.hint ? h('span', { class: 'segment-hint' }, option.hint) : null);
    })));
  return {
    element,
    value: () => inputs.find((input) => input.checked)?.value || options[0].value,
    set: (value) => { for (const input of inputs) input.checked = input.value === value; },
  };
}

function select(name, options, selected) {
  const element = h('select', { id: name, name }, options.map((option) => h('option', { value: option.value }, option.label)));
  element.value = selected;
  return element;
}

/** A checkbox drawn as a switch. */
function toggle(name, label, checked) {
  const input = h('input', { type: 'checkbox', id: name, name, role: 'switch', checked });
  return { input, element: h('label', { class: 'switch', for: name }, input, h('span', { class: 'switch-track', 'aria-hidden': 'true' }), h('span', {}, label)) };
}
