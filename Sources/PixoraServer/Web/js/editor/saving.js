// Versions from the editor: Save (a new version the server renders, with the limit of kept versions), opening
// another version (unsaved edits kept as a draft), and a version restored as the video's current one.

import { api } from '../api.js';
import { refreshUser } from '../app.js';
import { toast, errorText, confirmDialog } from '../ui.js';
import { VERSION_LIMIT } from './versions.js';
import { showDraftBanner } from './draft-banner.js';
import { followJob } from './job-banners.js';

/** Loads version `number` of the video into `page` (the EditorPage). */
export async function openVersion(page, number) {
  if (page.model.dirty) {
    const ok = await confirmDialog({
      title: `Open version ${number}?`,
      message: 'Your unsaved edits are kept as a draft on this device; you can restore them later from the banner.',
      confirm: `Open version ${number}`,
    });
    if (!ok) return;
  }
  const draft = page.model.snapshotDraft();
  try {
    const editor = await api(`/videos/${encodeURIComponent(page.videoId)}/editor?version=${number}`);
    Object.assign(page.assets, editor.assets || {});
    page.player.setAssets(page.assets);
    page.player.pause();
    page.player.seek(0);
    page.model.load(editor.editorState, editor.version.number);
    if (draft) {
      page.model.keepDraft(draft);
      showDraftBanner(page, `Your unsaved edits of version ${draft.baseVersion} were kept as a draft.`, draft);
    }
    page.select(null);
    history.replaceState(history.state, '', `/videos/${encodeURIComponent(page.videoId)}/edit?version=${editor.version.number}`);
    page.versions.render();
    toast(`Editing version ${editor.version.number}.`, 'info');
  } catch (error) {
    toast(`Version ${number} could not be opened: ${errorText(error)}`, 'error');
  }
}

/** A version became the video's current one (Restore in the versions list). */
export function restored(page, video, version) {
  page.video = { ...page.video, ...video };
  refreshUser();
  const banner = page.banners.show('success', `Version ${version.number} is now the video's current version.`,
    version.number !== page.model.baseVersion ? [{ label: 'Open it in the editor', onClick: () => { banner.remove(); openVersion(page, version.number); } }] : [],
    { dismissible: true });
}

/** Saves the edited state as a new version and follows its render. */
export async function save(page) {
  if (page.saving) return;
  page.saving = true;
  page.updateHeader();
  try {
    await page.model.pending; // Edits still on their way are part of what is saved.
    const versions = page.versions.versions || (await page.versions.refresh()) || [];
    if (versions.length >= VERSION_LIMIT) {
      const removable = versions.find((v) => !v.current && v.status !== 'queued' && v.status !== 'rendering');
      const ok = await confirmDialog({
        title: 'Save a new version?',
        message: removable
          ? `At most ${VERSION_LIMIT} versions are kept: saving removes version ${removable.number} (the oldest one not in use).`
          : `At most ${VERSION_LIMIT} versions are kept and none can be removed right now.`,
        confirm: 'Save',
      });
      if (!ok) return;
    }
    const state = page.model.state;
    const answer = await api(`/videos/${encodeURIComponent(page.videoId)}/versions`, { method: 'POST', body: { editorState: state } });
    page.model.markSaved(state, answer.version.number);
    // A reload opens this version even before it is rendered (the video still shows the previous one).
    history.replaceState(history.state, '', `/videos/${encodeURIComponent(page.videoId)}/edit?version=${answer.version.number}`);
    const removed = answer.removedVersions || [];
    // Forget removed versions at once (their thumbnails are gone).
    if (page.versions.versions) page.versions.versions = page.versions.versions.filter((v) => !removed.includes(v.number));
    const removedText = removed.length
      ? ` Version${removed.length > 1 ? 's' : ''} ${removed.join(', ')} ${removed.length > 1 ? 'were' : 'was'} removed (at most ${VERSION_LIMIT} are kept).`
      : '';
    page.versions.refresh();
    followJob(page, answer.jobId, {
      title: `Rendering version ${answer.version.number}…`,
      extra: removedText,
      done: async (body) => {
        const versions = await page.versions.refresh();
        const version = versions?.find((v) => v.number === answer.version.number);
        if (body.job?.state === 'succeeded' && version?.status !== 'failed') {
          return {
            kind: 'success',
            text: `Version ${answer.version.number} is ready.${removedText}`,
            actions: [
              { label: 'Watch it', href: `/videos/${encodeURIComponent(page.videoId)}` },
              version?.videoUrl ? { label: 'Open the MP4', href: version.videoUrl, external: true } : null,
            ].filter(Boolean),
          };
        }
        return {
          kind: 'error',
          text: `Version ${answer.version.number} could not be rendered: ${version?.error || body.job?.error || 'unknown reason'}. Your edits are saved in it; try saving again.`,
        };
      },
    });
  } catch (error) {
    toast(`The version was not saved: ${errorText(error)}`, 'error', 8000);
  } finally {
    page.saving = false;
    page.updateHeader();
  }
}
