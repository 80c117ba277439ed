// Unsaved edits kept on this device (the model's draft): offered in a banner when the editor opens or another
// version is loaded, to restore as they were, re-apply as operations to the version now open, or discard.

import { toast, errorText } from '../ui.js';
import { formatDateTime } from '../format.js';
import { ensureAssets } from './asset-links.js';

/** Offers the stored draft of `page` (the EditorPage), if there is one. */
export function offerDraft(page) {
  const draft = page.model.readDraft();
  if (!draft) return;
  const when = draft.savedAt ? formatDateTime(draft.savedAt) : 'earlier';
  const on = draft.baseVersion && draft.baseVersion !== page.model.baseVersion ? ` (made on version ${draft.baseVersion})` : '';
  showDraftBanner(page, `You have unsaved edits from ${when}${on}.`, draft);
}

export function showDraftBanner(page, text, draft) {
  page.draftBanner?.remove();
  // Edits made on another version are best replayed as operations on this one (keeping, e.g., a new scene).
  const replayable = draft.operations?.length && draft.baseVersion !== page.model.baseVersion;
  const banner = page.banners.show('info', text, [
    replayable ? { label: `Re-apply my edits to version ${page.model.baseVersion}`, primary: true, onClick: () => reapplyDraft(page, draft, banner) } : null,
    { label: replayable ? 'Restore them as they were' : 'Restore my edits', primary: !replayable, onClick: () => restoreDraft(page, draft, banner) },
    { label: 'Discard them', onClick: () => {
      // Only forget the stored draft when it is still the one offered.
      const stored = page.model.readDraft();
      if (stored && stored.savedAt === draft.savedAt) page.model.discardDraft();
      banner.remove();
    } },
  ]);
  page.draftBanner = banner;
}

async function restoreDraft(page, draft, banner) {
  try {
    await ensureAssets(page, draft.state);
    const operations = draft.baseVersion === page.model.baseVersion ? draft.operations || null : null;
    page.model.commit(draft.state, { label: 'Restore unsaved edits', source: 'draft', operations });
    banner.remove();
    toast('Your edits are back. Undo removes them again.', 'success');
  } catch (error) {
    toast(`The draft could not be restored: ${errorText(error)}`, 'error');
  }
}

async function reapplyDraft(page, draft, banner) {
  try {
    const { changes } = await page.model.apply(draft.operations, { label: 'Re-apply unsaved edits', source: 'draft' });
    banner.remove();
    toast(`Your edits were re-applied${changes.length ? ` (${changes.length} change${changes.length > 1 ? 's' : ''})` : ''}. Undo removes them again.`, 'success');
  } catch {
    // operationFailed explains; "Restore them as they were" stays available.
  }
}
