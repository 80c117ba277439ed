// Landing page (/): the prompt box, the video settings and example prompts. A visitor may write and choose
// everything; "Generate" keeps the draft in localStorage and asks them to sign up, then /new picks it up.
// The choices come from the server (GET /settings/options): the form shows once they have arrived.

import { isSignedIn, currentUser } from '../api.js';
import { navigate, refreshUser } from '../app.js';
import { h, loading, setFieldError, clearFormErrors, confirmDialog, useStyles, toast, errorText } from '../ui.js';
import { debounce } from '../debounce.js';
import { settingsOptions, optionsFailure } from '../options.js';
import { examplePrompts } from '../landing/examples.js';
import { settingsPanel } from '../landing/settings-panel.js';
import { agentModeChoice, createWithAgent } from '../landing/agent-mode.js';
import { loadDraft, saveDraft, clearDraft, draftSettings, planKey } from './draft.js';
import { userSettings, videoDefaults } from '../user-settings.js';

export async function render(main) {
  useStyles('/css/pages.css');
  const user = currentUser();
  // Below the hero: the loading state, the failure, or the form once the options have arrived.
  let below = loading('Loading the settings…');
  const show = (element) => {
    below.replaceWith(element);
    below = element;
  };
  const page = h('div', { class: 'page landing' },
    h('header', { class: 'hero' },
      h('p', { class: 'eyebrow' }, user?.name ? `Welcome back, ${user.name}` : 'AI video studio'),
      h('h1', {}, 'Turn an idea into a narrated video'),
      h('p', { class: 'lead' }, 'Describe it in a few words. Pixora writes the script, paints every scene, records the voice, adds music and captions — and you can edit it all.')),
    below);
  main.append(page);

  let saveSoon = null;
  async function load() {
    show(loading('Loading the settings…'));
    let options;
    try {
      const [served, mine] = await Promise.all([settingsOptions(), userSettings()]);
      // The person's own defaults (Settings) come first; Reset goes back to them too.
      options = { ...served, defaults: videoDefaults(served, mine) };
    } catch (error) {
      show(optionsFailure(error, load));
      return;
    }
    if (!page.isConnected) return;
    saveSoon = showForm(show, options);
  }

  await load();
  return () => saveSoon?.flush();
}

/** Shows the prompt and settings form; returns its debounced draft save (flushed when the page is left). */
function showForm(show, options) {
  const maxPrompt = options.maxPromptLength;
  const draft = loadDraft();
  let settings = null; // the settings card, made below

  // --- Prompt -------------------------------------------------------------------------------------------
  const counter = h('span', { class: 'char-count', id: 'prompt-count' });
  const prompt = h('textarea', {
    id: 'prompt', name: 'prompt', rows: 5, maxlength: maxPrompt, autofocus: true, required: true,
    placeholder: 'Describe your video: the topic, who it is for, the feeling you want…',
    'aria-describedby': 'prompt-count prompt-hint',
  });
  prompt.value = draft?.prompt || '';

  function updateCount() {
    const length = prompt.value.length;
    counter.textContent = `${length} / ${maxPrompt}`;
    counter.classList.toggle('near-limit', length > maxPrompt * 0.9);
  }

  // Keeps what was typed across reloads (the draft is the same one /new reads).
  function persist() {
    saveSoon.cancel();
    const current = loadDraft() || {};
    saveDraft({ ...current, prompt: prompt.value, settings: settings.read(), mode: mode?.value() });
  }
  const saveSoon = debounce(persist, 300);

  prompt.addEventListener('input', () => {
    updateCount();
    if (prompt.value.trim()) clearFormErrors(form);
    saveSoon();
  });
  // Ctrl/Cmd+Enter submits from the prompt box.
  prompt.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  const examples = examplePrompts((text) => {
    prompt.value = text;
    updateCount();
    clearFormErrors(form);
    persist();
    prompt.focus();
  });

  // --- Settings -----------------------------------------------------------------------------------------
  settings = settingsPanel(options, draftSettings(draft, options.defaults), { onChange: saveSoon, onReset: persist });
  // Review the scenes first, or the director agent (only when the server has a language model).
  const mode = agentModeChoice(options, draft?.mode);
  mode?.element.addEventListener('change', () => saveSoon());

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
      mode?.element,
      h('div', { class: 'submit-row' }, submit, note)),
    settings.element);

  async function onSubmit(event) {
    event.preventDefault();
    clearFormErrors(form);
    const text = prompt.value.trim();
    const chosen = settings.read();
    if (!text) {
      setFieldError(prompt, 'Write what the video should be about (a sentence is enough).');
      prompt.focus();
      return;
    }
    if (text.length > maxPrompt) {
      setFieldError(prompt, `At most ${maxPrompt} characters, this has ${text.length}.`);
      prompt.focus();
      return;
    }
    if (!settings.validDuration(chosen.durationSeconds)) {
      setFieldError(settings.duration, `Choose a duration between ${settings.range.min} and ${settings.range.max} seconds.`);
      settings.duration.focus();
      return;
    }
    const previous = loadDraft() || {};
    if (mode?.value() === 'agent') {
      await startAgent(text, chosen, previous);
      return;
    }
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

  /** Agent mode skips the breakdown: the agent plans, so the video is created (and charged) from here. */
  let starting = false;
  async function startAgent(text, chosen, previous) {
    saveDraft({ ...previous, prompt: text, settings: chosen, mode: 'agent' });
    if (!isSignedIn()) {
      navigate('/signup?next=' + encodeURIComponent('/'));
      return;
    }
    if (starting) return;
    starting = true;
    submit.disabled = true;
    try {
      const video = await createWithAgent({ prompt: text, settings: chosen, key: crypto.randomUUID() });
      if (!video) return;
      clearDraft();
      refreshUser();
      toast('The director agent is making your video.', 'success');
      navigate(`/videos/${encodeURIComponent(video.id)}`);
    } catch (error) {
      toast(errorText(error), 'error');
    } finally {
      starting = false;
      submit.disabled = false;
    }
  }

  show(form);
  updateCount();
  prompt.focus();
  return saveSoon;
}
