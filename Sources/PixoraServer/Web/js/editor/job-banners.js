// The editor's server jobs in banners: a version rendering or a scene being regenerated, followed on the video's
// event stream until it ends; a regenerated scene then loads the new current version (unsaved edits kept).

import { api } from '../api.js';
import { refreshUser } from '../app.js';
import { errorText } from '../ui.js';
import { capitalize } from '../format.js';
import { isActive } from '../status.js';
import { REGENERATED } from './assets.js';
import { followVideo, progressOf } from './jobs.js';
import { showDraftBanner } from './draft-banner.js';

/** A video job started while the page was closed (or before a reload): follow it again. */
export function resumeJob(page) {
  const job = page.video.job;
  if (!job || !isActive(job.state)) return;
  if (job.kind === 'render_version') {
    followJob(page, job.id, {
      title: 'Rendering a version…',
      done: async (body) => {
        await page.versions.refresh();
        return body.job?.state === 'succeeded'
          ? { kind: 'success', text: 'The new version is ready.', actions: [{ label: 'Watch it', href: `/videos/${encodeURIComponent(page.videoId)}` }] }
          : { kind: 'error', text: `The version could not be rendered: ${body.job?.error || 'unknown reason'}.` };
      },
    });
  } else if (job.kind === 'regenerate_scene') {
    regenerating(page, { jobId: job.id });
  }
}

/** A scene regeneration was asked for (or is under way): follow it, then load what it made. */
export function regenerating(page, { index, kind, regeneration, jobId }) {
  const what = REGENERATED[kind] || 'a new take';
  const name = index !== undefined ? `scene ${index + 1}` : 'a scene';
  if (regeneration && page.credits) page.credits.balance = regeneration.balance;
  refreshScenes(page);
  followJob(page, jobId || regeneration.jobId, {
    title: `Making ${what} for ${name}…`,
    extra: regeneration?.prunedRevisions ? ` (${regeneration.prunedRevisions} old revision${regeneration.prunedRevisions > 1 ? 's were' : ' was'} dropped; 5 are kept)` : '',
    done: async (body) => {
      await refreshScenes(page);
      page.versions.refresh();
      if (body.job?.state !== 'succeeded') {
        refreshUser();
        refreshCredits(page);
        const price = regeneration?.price;
        return {
          kind: 'error',
          text: `Regenerating ${name} failed: ${body.job?.error || 'unknown reason'}.${price ? ` Your ${price} credit${price > 1 ? 's were' : ' was'} refunded.` : ' The charge was refunded.'}`,
        };
      }
      return reloadAfterRegeneration(page, name, what);
    },
  });
}

/** The regenerated video has a new current version: edit it; unsaved edits stay as a draft. */
async function reloadAfterRegeneration(page, name, what) {
  const draft = page.model.snapshotDraft();
  try {
    const editor = await api(`/videos/${encodeURIComponent(page.videoId)}/editor`);
    Object.assign(page.assets, editor.assets || {});
    page.player.setAssets(page.assets);
    page.model.load(editor.editorState, editor.version.number);
    history.replaceState(history.state, '', `/videos/${encodeURIComponent(page.videoId)}/edit`);
    page.timeline.render(page.model.state);
    page.versions.render();
    page.assistant.note(`${capitalize(name)} has ${what}. Now editing version ${editor.version.number}.`);
    if (draft) {
      page.model.keepDraft(draft);
      showDraftBanner(page, draft.operations?.length
        ? `The editor now shows version ${editor.version.number} with ${what} for ${name}. Your unsaved edits (made on version ${draft.baseVersion}) were kept: re-apply them to the new version, or restore them as they were (with the old ${name}).`
        : `The editor now shows version ${editor.version.number} with ${what} for ${name}. Your unsaved edits (made on version ${draft.baseVersion}) were kept as a draft; restoring them brings back the old ${name} too.`,
      draft);
    }
    return { kind: 'success', text: `Done: ${name} has ${what}. Now editing version ${editor.version.number}.` };
  } catch (error) {
    return { kind: 'error', text: `The scene was regenerated, but the editor could not reload it: ${errorText(error)}. Reload the page.` };
  }
}

async function refreshScenes(page) {
  try {
    page.scenes = (await api(`/videos/${encodeURIComponent(page.videoId)}/scenes`)).scenes;
  } catch (error) {
    console.warn('scenes could not be refreshed', error);
  }
  page.assetsPanel.render();
  if (page.model.state) page.timeline.render(page.model.state);
}

async function refreshCredits(page) {
  try {
    page.credits = await api('/users/me/credits');
    page.assetsPanel.renderScenes();
  } catch {
    // Prices keep their last known value.
  }
}

/** Shows a job's progress in a banner; `done(body)` → {kind, text, actions} for the final banner. */
export function followJob(page, jobId, { title, extra = '', done }) {
  page.jobBanner?.remove();
  page.jobRunning = true;
  page.assetsPanel.renderScenes();
  page.versions.render();
  const banner = page.banners.show('progress', title, [], { progress: 0, detail: `Waiting for a worker…${extra}` });
  page.jobBanner = banner;
  const stop = followVideo(page.videoId, {
    jobId,
    onProgress: (body) => {
      const { percent, line } = progressOf(body);
      banner.setProgress(percent);
      banner.setDetail(`${line}${extra}`);
    },
    onEnd: async (body) => {
      page.stops.delete(stop);
      page.jobRunning = false;
      let result;
      try {
        result = await done(body);
      } catch (error) {
        result = { kind: 'error', text: errorText(error) };
      }
      if (page.destroyed) return;
      banner.remove();
      if (page.jobBanner === banner) page.jobBanner = null;
      page.banners.show(result.kind, result.text, result.actions || [], { dismissible: true });
      page.assetsPanel.renderScenes();
      page.versions.render();
      refreshUser();
    },
    onError: (error) => {
      banner.setDetail(errorText(error));
    },
  });
  page.stops.add(stop);
}
