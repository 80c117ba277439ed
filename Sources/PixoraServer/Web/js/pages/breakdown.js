// Scene breakdown (/new): the plan made from the draft's prompt, editable in place (title, narration, visual,
// duration, mood), reordered by drag or keyboard, scenes added and removed; the price and the balance before
// "Generate". Every edit goes into the draft in localStorage so a reload loses nothing.

import { api, setCredits } from '../api.js';
import { navigate, refreshUser } from '../app.js';
import { h, mount, toast, errorText, loading, failure, emptyState, confirmDialog, useStyles } from '../ui.js';
import { shorten } from '../format.js';
import { debounce } from '../debounce.js';
import { settingsOptions, optionsFailure } from '../options.js';
import { FieldErrors } from '../breakdown/field-errors.js';
import { planCard } from '../breakdown/plan-card.js';
import { priceCard } from '../breakdown/price-card.js';
import { sceneEdits } from '../breakdown/scene-edits.js';
import { normalize, randomSeed, localProblems, placeProblems, planErrorText } from '../breakdown/plan-rules.js';
import { loadDraft, saveDraft, clearDraft, draftSettings, planKey, currentPlan } from './draft.js';

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
  let options = null; // the server's settings options (choices, defaults)
  let plan = null;
  let balance = null;
  // Credits per second of video, as the server prices it (from /plans or the price list).
  let rate = 1;
  let busy = false;
  let finished = false; // the video exists: the draft is gone and must not be written back
  const errors = new FieldErrors(); // "scenes[2].narration" → message
  let generalError = '';
  const abort = new AbortController();

  function persist() {
    saveSoon.cancel();
    draft = { ...loadDraft(), ...draft, plan, planFor: planKey(draft.prompt, draftSettings(draft, options.defaults)) };
    saveDraft(draft);
  }
  const saveSoon = debounce(persist, 250);
  function markEdited() {
    draft.edited = true;
    if (!finished) saveSoon();
  }

  if (!draft.idempotencyKey) {
    draft.idempotencyKey = crypto.randomUUID();
    saveDraft(draft);
  }

  // --- Loading the plan ---------------------------------------------------------------------------------

  async function load() {
    if (!options) {
      mount(page, loading('Loading the settings…'));
      try {
        options = await settingsOptions();
      } catch (error) {
        mount(page, h('div', { class: 'page-header' }, h('h1', {}, 'Review your scenes')), optionsFailure(error, load));
        return;
      }
      if (abort.signal.aborted) return;
    }
    const saved = currentPlan(draft, options.defaults);
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
    const settings = draftSettings(draft, options.defaults);
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
      errors.reset();
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

  // The scene list and its moves, additions and removals.
  const sceneList = sceneEdits({
    page,
    get plan() { return plan; },
    get list() { return list; },
    get options() { return options; },
    errors,
    markEdited,
    persist,
    updateAside,
    announce,
  });

  function show() {
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
          planCard({
            plan, prompt: draft.prompt, errors, options,
            onTitle: (text) => {
              plan.title = text;
              errors.clear('title');
              markEdited();
              updateAside();
            },
          }),
          generalError ? h('div', { class: 'form-error', role: 'alert' }, generalError) : null,
          h('div', { class: 'scene-list-head' },
            h('h2', {}, `Scenes`, h('span', { class: 'count' }, String(plan.scenes.length))),
            h('p', { class: 'hint' }, 'Drag a scene by its handle, or focus a card and press Alt+↑ / Alt+↓.')),
          sceneList.undoBar(),
          list),
        aside),
      live);
    sceneList.draw();
    updateAside();
  }

  /** Shows problems (keys without the "plan." prefix) next to their scene, then focuses the first. */
  function showProblems(problems, message) {
    const { errors: placed, unplaced } = placeProblems(plan, problems);
    errors.reset(placed);
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
    mount(aside, priceCard({ plan, rate, balance, busy, edited: draft.edited, onGenerate: generateVideo, onRegenerate: regenerate }));
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
    sceneList.forgetRemoval();
    if (await requestPlan(randomSeed(), { replacing: true })) {
      document.getElementById('plan-title')?.focus();
      announce('A new plan is ready.');
      toast('A new plan is ready.', 'success');
    }
  }

  async function generateVideo() {
    if (busy) return;
    persist();
    const problems = localProblems(plan);
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
    if (saveSoon.pending && plan && !finished) persist();
  };
}
