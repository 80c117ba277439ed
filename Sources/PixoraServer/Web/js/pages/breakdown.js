// Scene breakdown (/new): the plan made from the draft's prompt, editable in place (title, narration, visual,
// duration, mood), reordered by drag or keyboard, scenes added and removed; the price and the balance before
// "Generate". Every edit goes into the draft in localStorage so a reload loses nothing.

import { api, setCredits } from '../api.js';
import { navigate, refreshUser } from '../app.js';
import { h, mount, toast, errorText, loading, failure, emptyState, confirmDialog, useStyles } from '../ui.js';
import { CHOICES, capitalize, loadDraft, saveDraft, clearDraft, draftSettings, planKey, currentPlan } from './draft.js';

const MIN_SCENE = 1.5;
const MAX_SCENE = 30;
const MAX_TRANSITION = 3;
const MAX_SCENES = 40;
const MAX_NARRATION = 1200;

const TRANSITION_NAMES = {
  cut: 'Cut', fade: 'Fade', dissolve: 'Dissolve', fadeblack: 'Fade through black', fadewhite: 'Fade through white',
  slideleft: 'Slide left', slideright: 'Slide right', slideup: 'Slide up', slidedown: 'Slide down',
  wipeleft: 'Wipe left', wiperight: 'Wipe right', wipeup: 'Wipe up', wipedown: 'Wipe down',
  circleopen: 'Circle open', radial: 'Radial', smoothleft: 'Smooth left',
};

export async function render(main) {
  useStyles('/css/pages.css');
  const page = h('div', { class: 'page breakdown' });
  main.append(page);

  let draft = loadDraft();
  if (!draft?.prompt?.trim()) {
    mount(page, emptyState('Nothing to break down yet',
      'Start with a prompt: describe your video and choose its settings.',
      h('a', { class: 'button primary', href: '/', 'data-link': true }, 'Write a prompt')));
    return;
  }

  // Page state, shared by the closures below; nothing leaks out of render().
  let plan = null;
  let balance = null;
  // Credits per second of video, as the server prices it (from /plans or the price list).
  let rate = 1;
  let saveTimer = null;
  let busy = false;
  let finished = false; // the video exists: the draft is gone and must not be written back
  let removed = null; // {scene, index} of the last removal, for Undo
  let errors = {}; // "scenes[2].narration" → message
  let generalError = '';
  const abort = new AbortController();

  function persist() {
    clearTimeout(saveTimer);
    saveTimer = null;
    draft = { ...loadDraft(), ...draft, plan, planFor: planKey(draft.prompt, draftSettings(draft)) };
    saveDraft(draft);
  }
  function persistSoon() {
    if (finished) return;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(persist, 250);
  }
  function markEdited() {
    draft.edited = true;
    persistSoon();
  }

  if (!draft.idempotencyKey) {
    draft.idempotencyKey = crypto.randomUUID();
    saveDraft(draft);
  }

  // --- Loading the plan ---------------------------------------------------------------------------------

  async function load() {
    const saved = currentPlan(draft);
    if (saved) {
      plan = structuredClone(saved);
      normalize(plan);
      mount(page, loading('Loading your balance…'));
      try {
        const credits = await api('/users/me/credits', { signal: abort.signal });
        balance = credits.balance;
        if (typeof credits.pricing?.creditsPerSecond === 'number') rate = credits.pricing.creditsPerSecond;
        setCredits(balance);
      } catch (error) {
        if (error.name === 'AbortError') return;
        balance = null; // The page works without it; the server checks the balance at Generate anyway.
      }
      show();
      return;
    }
    await requestPlan(draft.settings?.seed);
  }

  /**
   * Asks the planner for a plan (a new seed makes a different one). While `replacing`, the current plan stays
   * on screen (dimmed) and comes back untouched if planning fails.
   */
  async function requestPlan(seed, { replacing = false } = {}) {
    if (replacing) {
      busy = 'regenerate';
      list?.classList.add('is-replanning');
      updateAside();
    } else {
      mount(page, planningState());
    }
    const settings = draftSettings(draft);
    if (seed !== undefined && seed !== null) settings.seed = seed;
    try {
      const answer = await api('/plans', { method: 'POST', body: { prompt: draft.prompt.trim(), settings }, signal: abort.signal });
      busy = false;
      plan = answer.plan;
      normalize(plan);
      balance = answer.balance;
      if (typeof answer.creditsPerSecond === 'number') rate = answer.creditsPerSecond;
      setCredits(balance);
      draft.edited = false;
      draft.settings = { ...draft.settings, seed: plan.settings.seed };
      errors = {};
      generalError = '';
      persist();
      show();
      return true;
    } catch (error) {
      busy = false;
      if (error.name === 'AbortError') return false;
      if (replacing) {
        list?.classList.remove('is-replanning');
        updateAside();
        toast(`The plan could not be regenerated: ${errorText(planErrorText(error))}`, 'error', 8000);
        return false;
      }
      mount(page, h('div', { class: 'page-header' }, h('h1', {}, 'Review your scenes')),
        failure(planErrorText(error), () => requestPlan(seed)),
        h('p', { class: 'back-row' }, h('a', { href: '/', 'data-link': true }, '← Change the prompt or settings')));
      return false;
    }
  }

  function planErrorText(error) {
    const fields = error.fields || {};
    const entries = Object.entries(fields);
    if (error.status === 422 && entries.length) {
      return { name: 'ApiError', message: `The plan could not be made: ${entries.map(([field, message]) => `${field.replace(/^settings\./, '')} ${message}`).join('; ')}.` };
    }
    return error;
  }

  function planningState() {
    return h('div', { class: 'planning-state', role: 'status' },
      h('span', { class: 'spinner large', 'aria-hidden': 'true' }),
      h('h1', {}, 'Planning your scenes…'),
      h('p', { class: 'muted' }, `“${shorten(draft.prompt, 140)}”`),
      h('p', { class: 'hint' }, 'The planner writes the script and splits it into scenes. This takes a few seconds.'));
  }

  // --- The editor ---------------------------------------------------------------------------------------

  const live = h('div', { class: 'visually-hidden', 'aria-live': 'polite' });
  let list = null;
  let aside = null;

  function announce(text) {
    live.textContent = '';
    // A new text node each time so screen readers repeat identical messages.
    setTimeout(() => { live.textContent = text; }, 30);
  }

  function show() {
    const titleInput = h('input', {
      id: 'plan-title', name: 'title', class: 'title-input', maxlength: 200, value: plan.title,
      'aria-describedby': 'plan-title-error',
      oninput: () => {
        plan.title = titleInput.value;
        clearError('title');
        markEdited();
        updateAside();
      },
    });
    list = h('ol', { class: 'scene-list', 'aria-label': 'Scenes' });
    aside = h('aside', { class: 'breakdown-aside', 'aria-label': 'Price and generation' });
    mount(page,
      h('div', { class: 'page-header breakdown-header' },
        h('div', {},
          h('a', { class: 'back-link', href: '/', 'data-link': true }, '← Prompt & settings'),
          h('h1', {}, 'Review your scenes'),
          h('p', { class: 'muted' }, 'Edit the words in place, reorder, add or remove scenes. Nothing is charged until you press Generate.'))),
      h('div', { class: 'breakdown-layout' },
        h('div', { class: 'breakdown-main' },
          h('section', { class: 'card plan-card' },
            h('div', { class: 'field' },
              h('label', { for: 'plan-title' }, 'Title'),
              titleInput,
              errorNote('title', 'plan-title-error')),
            h('p', { class: 'plan-summary' }, plan.summary),
            settingsChips(),
            h('details', { class: 'plan-prompt' },
              h('summary', {}, 'Your prompt'),
              h('p', {}, draft.prompt))),
          generalError ? h('div', { class: 'form-error', role: 'alert' }, generalError) : null,
          h('div', { class: 'scene-list-head' },
            h('h2', {}, `Scenes`, h('span', { class: 'count' }, String(plan.scenes.length))),
            h('p', { class: 'hint' }, 'Drag a scene by its handle, or focus a card and press Alt+↑ / Alt+↓.')),
          undoBar(),
          list),
        aside),
      live);
    drawScenes();
    updateAside();
  }

  function settingsChips() {
    const s = plan.settings;
    const voice = CHOICES.voice.find((choice) => choice.value === s.voice)?.label || s.voice;
    return h('ul', { class: 'chips', 'aria-label': 'Settings' },
      [s.aspectRatio, `${s.durationSeconds} s`, capitalize(s.style), capitalize(s.tone), voice,
        `${Number(s.speechRate).toFixed(1)}× speed`, s.music ? 'Music' : 'No music', s.captions ? 'Captions' : 'No captions', s.quality]
        .map((text) => h('li', { class: 'chip static' }, text)));
  }

  function undoBar() {
    if (!removed) return null;
    const { index, scene } = removed;
    const name = scene.keyPhrase ? ` (“${shorten(scene.keyPhrase, 40)}”)` : '';
    return h('div', { class: 'undo-bar', role: 'status' },
      h('span', {}, `Scene ${index + 1}${name} removed.`),
      h('button', { type: 'button', class: 'button small', onclick: undoRemove }, 'Undo'));
  }

  function drawScenes() {
    mount(list, plan.scenes.map((scene, index) => sceneCard(scene, index)));
    const bar = page.querySelector('.undo-bar');
    const fresh = undoBar();
    if (bar && fresh) bar.replaceWith(fresh);
    else if (bar) bar.remove();
    else if (fresh) list.before(fresh);
    const count = page.querySelector('.scene-list-head .count');
    if (count) count.textContent = String(plan.scenes.length);
  }

  function sceneCard(scene, index) {
    const total = plan.scenes.length;
    const number = index + 1;
    const base = `scenes[${index}]`;
    const idBase = `scene-${scene.id}`;

    const narration = h('textarea', {
      id: `${idBase}-narration`, rows: 3, maxlength: MAX_NARRATION,
      placeholder: 'What the narrator says in this scene',
      'aria-invalid': errors[`${base}.narration`] ? 'true' : null,
      'aria-describedby': `${idBase}-narration-error`,
    });
    narration.value = scene.narration;
    const narrationCount = h('span', { class: 'char-count' }, `${scene.narration.length} / ${MAX_NARRATION}`);
    narration.addEventListener('input', () => {
      scene.narration = narration.value;
      narrationCount.textContent = `${narration.value.length} / ${MAX_NARRATION}`;
      clearError(`${base}.narration`, narration);
      markEdited();
    });

    const visual = h('textarea', {
      id: `${idBase}-visual`, rows: 2, placeholder: 'What the picture shows',
      'aria-invalid': errors[`${base}.visual`] ? 'true' : null,
      'aria-describedby': `${idBase}-visual-error`,
    });
    visual.value = scene.visual;
    visual.addEventListener('input', () => {
      scene.visual = visual.value;
      clearError(`${base}.visual`, visual);
      markEdited();
    });

    const duration = h('input', {
      id: `${idBase}-duration`, type: 'number', min: MIN_SCENE, max: MAX_SCENE, step: 0.5, inputmode: 'decimal',
      value: String(round(scene.duration, 1)),
      'aria-invalid': errors[`${base}.duration`] ? 'true' : null,
      'aria-describedby': `${idBase}-duration-error`,
    });
    duration.addEventListener('change', () => {
      const seconds = Number(duration.value);
      if (!Number.isFinite(seconds) || seconds < MIN_SCENE || seconds > MAX_SCENE) {
        setError(`${base}.duration`, `Between ${MIN_SCENE} and ${MAX_SCENE} seconds.`, duration);
        return;
      }
      clearError(`${base}.duration`, duration);
      scene.duration = seconds;
      normalize(plan);
      markEdited();
      updateTransitions();
      updateAside();
    });

    const mood = h('select', { id: `${idBase}-mood` },
      CHOICES.mood.map((value) => h('option', { value }, capitalize(value))));
    mood.value = scene.mood;
    mood.addEventListener('change', () => {
      scene.mood = mood.value;
      markEdited();
    });

    const tools = h('div', { class: 'scene-tools' },
      iconButton('↑', `Move scene ${number} up`, index === 0, () => move(index, index - 1, 'up')),
      iconButton('↓', `Move scene ${number} down`, index === total - 1, () => move(index, index + 1, 'down')),
      iconButton('+', `Add a scene after scene ${number}`, total >= MAX_SCENES, () => addAfter(index), 'add'),
      iconButton('✕', total === 1 ? 'The only scene cannot be removed' : `Remove scene ${number}`, total === 1, () => remove(index), 'remove'));

    const handle = h('span', { class: 'drag-handle', title: 'Drag to reorder', 'aria-hidden': 'true' }, '⠿');
    const card = h('li', {
      class: 'scene-card', tabindex: 0, dataset: { index: String(index), id: scene.id },
      'aria-label': `Scene ${number} of ${total}`,
      'aria-keyshortcuts': 'Alt+ArrowUp Alt+ArrowDown',
    },
      h('div', { class: 'scene-head' },
        handle,
        h('span', { class: 'scene-number', 'aria-hidden': 'true' }, String(number)),
        h('div', { class: 'scene-title' },
          h('h3', {}, `Scene ${number}`),
          scene.keyPhrase ? h('span', { class: 'key-phrase' }, scene.keyPhrase) : null),
        tools),
      errors[`${base}`] ? h('p', { class: 'field-error' }, errors[base]) : null,
      h('div', { class: 'scene-body' },
        h('div', { class: 'field' },
          h('div', { class: 'label-row' }, h('label', { for: narration.id }, 'Narration'), narrationCount),
          narration, errorNote(`${base}.narration`, `${idBase}-narration-error`)),
        h('div', { class: 'field' },
          h('label', { for: visual.id }, 'Visual description'),
          visual, errorNote(`${base}.visual`, `${idBase}-visual-error`))),
      h('div', { class: 'scene-meta' },
        h('div', { class: 'field compact' },
          h('label', { for: duration.id }, 'Duration (s)'),
          duration, errorNote(`${base}.duration`, `${idBase}-duration-error`)),
        h('div', { class: 'field compact' },
          h('label', { for: mood.id }, 'Mood'),
          mood),
        h('p', { class: 'transition-note', dataset: { role: 'transition' } }, transitionText(index))),
      errorNote(`${base}.transition.duration`, `${idBase}-transition-error`),
      errorNote(`${base}.id`, `${idBase}-id-error`));

    // Keyboard reordering on the focused card itself (inside a textarea Alt+arrows keep their usual meaning).
    card.addEventListener('keydown', (event) => {
      if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
      if (event.target !== card && !event.target.closest('.scene-tools')) return;
      event.preventDefault();
      const to = event.key === 'ArrowUp' ? index - 1 : index + 1;
      if (to >= 0 && to < plan.scenes.length) move(index, to, 'card');
    });

    // The card is draggable only while the handle is held, so text in its fields stays selectable.
    handle.addEventListener('pointerdown', () => { card.draggable = true; });
    card.addEventListener('pointerup', () => { card.draggable = false; });
    card.addEventListener('dragstart', (event) => {
      if (!card.draggable) return;
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setData('text/plain', String(index));
      card.classList.add('dragging');
      list.classList.add('is-dragging');
    });
    card.addEventListener('dragend', () => {
      card.draggable = false;
      card.classList.remove('dragging');
      list.classList.remove('is-dragging');
      clearDropMarks();
    });
    card.addEventListener('dragover', (event) => {
      if (!list.classList.contains('is-dragging')) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'move';
      const after = event.clientY > card.getBoundingClientRect().top + card.offsetHeight / 2;
      clearDropMarks();
      card.classList.add(after ? 'drop-after' : 'drop-before');
    });
    card.addEventListener('drop', (event) => {
      event.preventDefault();
      const from = Number(event.dataTransfer.getData('text/plain'));
      const after = card.classList.contains('drop-after');
      clearDropMarks();
      if (!Number.isInteger(from)) return;
      let to = index + (after ? 1 : 0);
      if (from < to) to -= 1;
      if (to !== from) move(from, to, 'drag');
    });
    return card;
  }

  function clearDropMarks() {
    for (const marked of list.querySelectorAll('.drop-before, .drop-after')) marked.classList.remove('drop-before', 'drop-after');
  }

  function transitionText(index) {
    if (index === plan.scenes.length - 1) return 'Last scene';
    const transition = plan.scenes[index].transition;
    const name = TRANSITION_NAMES[transition.kind] || transition.kind;
    return transition.kind === 'cut' ? 'Then: cut to the next scene' : `Then: ${name.toLowerCase()} (${round(transition.duration, 2)} s)`;
  }

  function updateTransitions() {
    list.querySelectorAll('[data-role="transition"]').forEach((note, index) => { note.textContent = transitionText(index); });
  }

  // --- Structural edits ---------------------------------------------------------------------------------

  /** After scenes were added, moved or removed: transitions refitted, saved, drawn, re-priced. */
  function restructured() {
    // Errors are keyed by position: after a change of order they would point at the wrong scene.
    errors = {};
    removed = null;
    normalize(plan);
    markEdited();
    persist();
    drawScenes();
    updateAside();
  }

  /** Moves a scene; `via` says what to focus afterwards ('up'/'down' buttons, the card, or a drop). */
  function move(from, to, via) {
    const [scene] = plan.scenes.splice(from, 1);
    plan.scenes.splice(to, 0, scene);
    restructured();
    const card = list.children[to];
    const button = via === 'up' || via === 'down' ? card.querySelector(`[data-tool="${via}"]`) : null;
    (button && !button.disabled ? button : card).focus();
    announce(`Scene moved to position ${to + 1} of ${plan.scenes.length}.`);
  }

  function addAfter(index) {
    if (plan.scenes.length >= MAX_SCENES) return;
    const neighbour = plan.scenes[index];
    const scene = {
      id: newSceneId(plan),
      narration: '',
      visual: '',
      keyPhrase: '',
      mood: neighbour.mood,
      duration: 5,
      musicGroup: Math.max(0, neighbour.musicGroup ?? 0),
      transition: { kind: 'fade', duration: 0.5 },
    };
    plan.scenes.splice(index + 1, 0, scene);
    restructured();
    list.children[index + 1].querySelector('textarea').focus();
    announce(`Scene ${index + 2} added. Write its narration and visual description.`);
  }

  function remove(index) {
    if (plan.scenes.length <= 1) return;
    const [scene] = plan.scenes.splice(index, 1);
    removed = { scene, index };
    errors = {};
    normalize(plan);
    markEdited();
    persist();
    drawScenes();
    updateAside();
    const card = list.children[Math.min(index, plan.scenes.length - 1)];
    card.focus();
    announce(`Scene ${index + 1} removed. Press Undo to bring it back.`);
  }

  function undoRemove() {
    if (!removed) return;
    const { scene, index } = removed;
    removed = null;
    if (plan.scenes.some((other) => other.id === scene.id)) scene.id = newSceneId(plan);
    plan.scenes.splice(Math.min(index, plan.scenes.length), 0, scene);
    normalize(plan);
    markEdited();
    persist();
    drawScenes();
    updateAside();
    list.children[Math.min(index, plan.scenes.length - 1)].focus();
    announce(`Scene ${index + 1} is back.`);
  }

  // --- Errors next to the fields ------------------------------------------------------------------------

  function errorNote(key, id) {
    return h('span', { class: 'field-error', id, hidden: !errors[key] }, errors[key] || '');
  }

  function setError(key, message, input) {
    errors[key] = message;
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      const note = document.getElementById(input.getAttribute('aria-describedby'));
      if (note) {
        note.textContent = message;
        note.hidden = false;
      }
    }
  }

  function clearError(key, input) {
    if (!errors[key]) return;
    delete errors[key];
    const target = input || document.getElementById('plan-title');
    target?.removeAttribute('aria-invalid');
    const note = target && document.getElementById(target.getAttribute('aria-describedby'));
    if (note) {
      note.textContent = '';
      note.hidden = true;
    }
  }

  /** Checks what the server would refuse; returns {"scenes[1].visual": "…"} style problems. */
  function localProblems() {
    const problems = {};
    if (!plan.title.trim()) problems.title = 'Give the video a title.';
    plan.scenes.forEach((scene, index) => {
      const base = `scenes[${index}]`;
      if (!scene.visual.trim()) problems[`${base}.visual`] = 'Describe what this scene shows.';
      if (scene.narration.length > MAX_NARRATION) problems[`${base}.narration`] = `At most ${MAX_NARRATION} characters.`;
      if (!(scene.duration >= MIN_SCENE && scene.duration <= MAX_SCENE)) problems[`${base}.duration`] = `Between ${MIN_SCENE} and ${MAX_SCENE} seconds.`;
    });
    return problems;
  }

  /** Shows problems (keys without the "plan." prefix) next to their scene, then focuses the first. */
  function showProblems(problems, message) {
    errors = {};
    const unplaced = [];
    for (const [rawKey, text] of Object.entries(problems)) {
      const key = rawKey.replace(/^plan\./, '');
      const match = key.match(/^scenes\[(\d+)\](?:\.(.+))?$/);
      if (key === 'title') errors.title = text;
      else if (match && Number(match[1]) < plan.scenes.length) {
        const field = match[2] || '';
        const known = ['narration', 'visual', 'duration', 'transition.duration', 'id'];
        // Fields without an input of their own get a label so the words make sense on the card.
        const labels = { 'transition.duration': 'Transition into the next scene', id: 'Scene id' };
        const shown = labels[field] ? `${labels[field]}: ${text}` : (field && !known.includes(field) ? `${field} ${text}` : text);
        errors[known.includes(field) ? `scenes[${match[1]}].${field}` : `scenes[${match[1]}]`] = shown;
      } else unplaced.push(`${key} ${text}.`);
    }
    generalError = unplaced.length ? [message, ...unplaced].join(' ') : `${message} The problems are marked below.`;
    show();
    const first = page.querySelector('[aria-invalid="true"]') || page.querySelector('.field-error:not([hidden])')?.closest('.scene-card') || page.querySelector('.form-error');
    if (first) {
      first.scrollIntoView({ block: 'center', behavior: 'smooth' });
      if (first.focus) first.focus({ preventScroll: true });
    }
  }

  // --- Price, regenerate, generate ----------------------------------------------------------------------

  function updateAside() {
    if (!aside) return;
    const price = priceOf(plan, rate);
    const perSecond = rate === 1 ? '1 credit per second' : `${round(rate, 2)} credits per second`;
    const enough = balance === null || balance >= price;
    const length = plannedLength(plan);
    const target = Number(plan.settings.durationSeconds);
    const generate = h('button', {
      type: 'button', class: 'button primary large block', id: 'generate', disabled: !enough || Boolean(busy),
      'aria-describedby': enough ? null : 'balance-warning', onclick: generateVideo,
    }, busy === 'generate' ? [h('span', { class: 'spinner small', 'aria-hidden': 'true' }), 'Starting…'] : `Generate · ${price} credits`);
    mount(aside,
      h('div', { class: 'card price-card' },
        h('h2', {}, 'Ready to generate?'),
        h('dl', { class: 'price-list' },
          h('div', {}, h('dt', {}, 'Price'), h('dd', { class: 'price' }, `${price} credits`)),
          h('div', {}, h('dt', {}, 'Your balance'), h('dd', {}, balance === null ? '–' : `${balance} credits`)),
          balance !== null && enough ? h('div', { class: 'after' }, h('dt', {}, 'After generating'), h('dd', {}, `${balance - price} credits`)) : null),
        length > target * 1.1
          ? h('p', { class: 'hint' }, `${perSecond}: your scenes add up to about ${round(length, 1)} s, more than the ${target} s you asked for, so the price follows the scenes.`)
          : h('p', { class: 'hint' }, `${perSecond} of the ${target}-second video you asked for.`),
        Math.abs(length - target) >= 1 && length <= target * 1.1
          ? h('p', { class: 'hint' }, `The scenes add up to about ${round(length, 1)} s; the narration sets the final length.`)
          : null,
        enough ? null : h('p', { class: 'balance-warning', id: 'balance-warning', role: 'alert' },
          `You need ${price} credits but have ${balance}. Choose a shorter duration on the prompt page (each second costs ${round(rate, 2)} credit${rate === 1 ? '' : 's'}), or ask an administrator for more credits.`),
        generate,
        h('button', {
          type: 'button', class: 'button ghost block', disabled: Boolean(busy), onclick: regenerate,
        }, busy === 'regenerate' ? 'Planning…' : '↻ Regenerate plan'),
        h('p', { class: 'hint saved-note' }, draft.edited ? '✓ Your edits are saved in this browser.' : 'Edits are saved in this browser as you type.')));
  }

  async function regenerate() {
    if (busy) return;
    if (draft.edited) {
      const ok = await confirmDialog({
        title: 'Regenerate the plan?',
        message: 'A new plan replaces the scenes, including the edits you made.',
        confirm: 'Regenerate',
        danger: true,
      });
      if (!ok) return;
    }
    removed = null;
    if (await requestPlan(randomSeed(), { replacing: true })) {
      document.getElementById('plan-title')?.focus();
      announce('A new plan is ready.');
      toast('A new plan is ready.', 'success');
    }
  }

  async function generateVideo() {
    if (busy) return;
    persist();
    const problems = localProblems();
    if (Object.keys(problems).length) {
      showProblems(problems, 'Some scenes need attention before generating.');
      return;
    }
    generalError = '';
    busy = 'generate';
    updateAside();
    try {
      const video = await api('/videos', {
        method: 'POST',
        body: { prompt: draft.prompt.trim(), plan },
        headers: { 'Idempotency-Key': draft.idempotencyKey },
        signal: abort.signal,
      });
      busy = false;
      finished = true;
      clearDraft();
      refreshUser();
      toast('Your video is being generated.', 'success');
      navigate(`/videos/${encodeURIComponent(video.id)}`, { replace: true });
    } catch (error) {
      busy = false;
      if (error.name === 'AbortError') return;
      if (error.status === 402) {
        if (typeof error.details?.balance === 'number') {
          balance = error.details.balance;
          setCredits(balance);
        }
        updateAside();
        document.getElementById('balance-warning')?.scrollIntoView({ block: 'center' });
        return;
      }
      if (error.status === 422 && Object.keys(error.fields).length) {
        showProblems(error.fields, 'The server could not accept the plan.');
        return;
      }
      updateAside();
      toast(errorText(error), 'error', 8000);
    }
  }

  await load();
  return () => {
    abort.abort();
    if (saveTimer && plan && !finished) persist();
  };
}

// --- Plan rules -------------------------------------------------------------------------------------------

/** Keeps a plan valid after edits: scene lengths in range and each transition fitting its neighbours. */
function normalize(plan) {
  const scenes = plan.scenes;
  for (const scene of scenes) {
    scene.duration = Math.min(MAX_SCENE, Math.max(MIN_SCENE, Number(scene.duration) || 5));
    if (!Number.isInteger(scene.musicGroup) || scene.musicGroup < 0) scene.musicGroup = 0;
    if (!scene.transition) scene.transition = { kind: 'cut', duration: 0 };
    if (scene.keyPhrase === undefined) scene.keyPhrase = '';
  }
  scenes.forEach((scene, index) => {
    const transition = scene.transition;
    if (transition.kind === 'cut') {
      transition.duration = 0;
      return;
    }
    const next = scenes[index + 1];
    if (!next) return;
    const limit = Math.min(MAX_TRANSITION, Math.min(scene.duration, next.duration) / 2);
    // Rounded down so the server's check (overlap ≤ limit) passes.
    if (transition.duration > limit) transition.duration = Math.floor(limit * 100) / 100;
    if (transition.duration < 0) transition.duration = 0;
  });
}

/**
 * The server's rule (PixoraCore Pricing.price(for: Plan)): `rate` credits per second of the target, or of the planned
 * length once edits make the plan more than 10% longer. The server charges its own figure; this only shows it.
 */
function priceOf(plan, rate = 1) {
  const target = Number(plan.settings.durationSeconds) || 0;
  const planned = plannedLength(plan);
  return Math.ceil((planned > target * 1.1 ? planned : target) * rate);
}

function plannedLength(plan) {
  const total = plan.scenes.reduce((sum, scene) => sum + scene.duration, 0);
  const overlaps = plan.scenes.slice(0, -1).reduce((sum, scene) => sum + (scene.transition.kind === 'cut' ? 0 : scene.transition.duration), 0);
  return total - overlaps;
}

function newSceneId(plan) {
  const taken = new Set(plan.scenes.map((scene) => scene.id));
  let id;
  do id = `scene-${Math.random().toString(36).slice(2, 8)}`; while (taken.has(id));
  return id;
}

function randomSeed() {
  return Math.floor(Math.random() * 2 ** 31) + 1;
}

function round(value, digits) {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function shorten(text, length) {
  const clean = text.trim();
  return clean.length > length ? clean.slice(0, length - 1).trimEnd() + '…' : clean;
}

function iconButton(symbol, label, disabled, onclick, tool) {
  return h('button', {
    type: 'button', class: `icon-button tool${tool ? ' tool-' + tool : ''}`, 'aria-label': label, title: label, disabled, onclick,
    dataset: { tool: tool || (symbol === '↑' ? 'up' : symbol === '↓' ? 'down' : '') },
  }, symbol);
}
