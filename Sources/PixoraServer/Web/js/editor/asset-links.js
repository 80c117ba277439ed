// The links of the editor's media. Signed links last an hour, so they are fetched again now and then and after a
// media error; states from drafts or older versions may use assets the editor answer did not include, which
// are found among the scenes or fetched with the session and shown from memory.

import { api, accessToken } from '../api.js';

function stateKeys(state) {
  return [...state.clips.map((clip) => clip.asset), ...state.audio.voice.segments.map((s) => s.asset), ...state.audio.music.segments.map((s) => s.asset)];
}

/** Makes sure every asset of `state` has a link in page.assets. */
export async function ensureAssets(page, state) {
  const missing = [...new Set(stateKeys(state))].filter((key) => !page.assets[key]);
  if (!missing.length) return;
  const fromScenes = new Map();
  for (const scene of page.scenes || []) for (const asset of scene.assets || []) fromScenes.set(asset.key, asset.url);
  const token = await accessToken();
  await Promise.all(missing.map(async (key) => {
    if (fromScenes.has(key)) {
      page.assets[key] = fromScenes.get(key);
      return;
    }
    // Fetched with the session and shown from memory.
    const response = await fetch(`/api/v1/assets/${encodeURIComponent(key)}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
    if (!response.ok) throw new Error(`an asset of this state is no longer available (HTTP ${response.status})`);
    const url = URL.createObjectURL(await response.blob());
    page.objectUrls.push(url);
    page.assets[key] = url;
  }));
  page.player.setAssets(page.assets);
}

/** Fresh signed links for every asset (not more than once a minute after a media error). */
export async function refreshAssets(page, afterError = false) {
  if (page.destroyed || (afterError && Date.now() - page.lastAssetRefresh < 60_000)) return;
  page.lastAssetRefresh = Date.now();
  try {
    const [editor, scenes] = await Promise.all([
      api(`/videos/${encodeURIComponent(page.videoId)}/editor?version=${page.model.baseVersion}`).catch(() => null),
      api(`/videos/${encodeURIComponent(page.videoId)}/scenes`).catch(() => null),
    ]);
    if (page.destroyed) return;
    if (scenes) page.scenes = scenes.scenes;
    if (editor?.assets) Object.assign(page.assets, editor.assets);
    for (const scene of page.scenes || []) {
      for (const asset of scene.assets || []) if (page.assets[asset.key] && !page.assets[asset.key].startsWith('blob:')) page.assets[asset.key] = asset.url;
    }
    page.player.setAssets(page.assets);
    page.assetsPanel.render();
    page.timeline.render(page.model.state);
  } catch (error) {
    console.warn('asset links could not be refreshed', error);
  }
}
