// The video page for a finished video: the player (fresh signed links when one expires), jump-to-scene strip,
// download and edit, details, versions, and a banner while a new version renders or a scene is regenerated.

import { h, mount, loading } from '../ui.js';
import { formatDuration, formatDateTime, formatTimeLeft } from '../format.js';
import { hasActiveJob, isActive } from '../status.js';
import { progressPercent } from '../stream.js';
import { videoHeader } from './header.js';
import { loadSceneNav } from './scene-nav.js';
import { loadVersions } from './versions.js';
import { openShareDialog } from './share.js';

/** Shows the finished `current`; sets ctx.player and ctx.view. */
export function showPreview(ctx, current) {
  const settings = current.settings || current.plan?.settings || {};
  const videoElement = h('video', {
    controls: true, preload: 'metadata', playsinline: true, src: current.videoUrl, poster: current.thumbnailUrl || null,
    'aria-label': `Video: ${current.title}`,
  });
  ctx.player = videoElement;
  const frame = h('div', { class: `player-frame frame-${(settings.aspectRatio || '16:9').replace(':', 'x')}` }, videoElement);
  const sceneStrip = h('ol', { class: 'scene-strip', 'aria-label': 'Jump to a scene' });
  const sceneSection = h('section', { class: 'scene-nav', 'aria-labelledby': 'scene-nav-title' },
    h('h2', { id: 'scene-nav-title' }, 'Scenes'),
    sceneStrip);
  mount(sceneStrip, h('li', { class: 'strip-loading' }, loading('Loading scenes…')));
  const versionsBox = h('div', { class: 'versions' }, loading('Loading versions…'));
  const jobBanner = h('div', { class: 'job-banner', hidden: true, role: 'status' });

  // A signed link expires after an hour: on a load error, fetch fresh links and carry on where it was.
  let lastFix = 0;
  videoElement.addEventListener('error', async () => {
    if (Date.now() - lastFix < 60_000) return;
    lastFix = Date.now();
    try {
      const fresh = await ctx.get();
      if (!fresh.videoUrl) return;
      const time = videoElement.currentTime;
      ctx.video = fresh;
      videoElement.src = fresh.videoUrl;
      videoElement.currentTime = time;
    } catch {
      // The player shows its own error state.
    }
  });

  const downloadLink = h('a', { class: 'button', href: current.videoUrl + '&download=1', download: '' }, '⬇ Download MP4');
  mount(ctx.page,
    videoHeader(ctx, current, [], true),
    jobBanner,
    h('div', { class: 'preview-layout' },
      h('div', { class: 'preview-main' }, frame, sceneSection),
      h('aside', { class: 'preview-aside' },
        h('div', { class: 'card actions-card' },
          h('a', { class: 'button primary large block', href: `${ctx.path}/edit`, 'data-link': true }, '✎ Edit in timeline'),
          downloadLink,
          h('button', { type: 'button', class: 'button', onclick: () => openShareDialog(ctx, current) }, 'Share')),
        h('section', { class: 'card details-card', 'aria-labelledby': 'details-title' },
          h('h2', { id: 'details-title' }, 'Details'),
          current.thumbnailUrl ? h('figure', { class: 'thumbnail' },
            h('img', { src: current.thumbnailUrl, alt: 'Thumbnail of the video' }),
            h('figcaption', { class: 'hint' }, 'Thumbnail')) : null,
          h('dl', { class: 'details-list' },
            detail('Duration', formatDuration(current.durationSeconds)),
            detail('Created', formatDateTime(current.createdAt)),
            detail('Credits', `${current.creditsUsed}`),
            detail('Format', [settings.aspectRatio, settings.quality, settings.fps ? `${settings.fps} fps` : null].filter(Boolean).join(' · ')),
            current.currentVersion ? detail('Version', `v${current.currentVersion}`) : null),
          h('details', { class: 'outcome-prompt' }, h('summary', {}, 'The prompt'), h('p', {}, current.prompt))),
        h('section', { class: 'card versions-card', 'aria-labelledby': 'versions-title' },
          h('h2', { id: 'versions-title' }, 'Versions'),
          versionsBox))));

  loadSceneNav(ctx, current, videoElement, sceneStrip, sceneSection);
  loadVersions(ctx, current, versionsBox, videoElement);

  // A completed video may be busy with a new version (editor save, scene regeneration): follow it.
  if (hasActiveJob(current)) followJob(ctx, current, jobBanner);
  ctx.view = {
    kind: 'preview',
    refresh(fresh) { if (hasActiveJob(fresh)) updateBanner(jobBanner, fresh.job); },
    follow(fresh) { if (hasActiveJob(fresh)) followJob(ctx, fresh, jobBanner); },
  };
}

function followJob(ctx, current, banner) {
  updateBanner(banner, current.job);
  ctx.live.open(current, (body) => updateBanner(banner, body.job));
}

function updateBanner(banner, job) {
  if (!job || !isActive(job.state)) {
    banner.hidden = true;
    return;
  }
  const value = job.progress ? progressPercent(job.progress) : 0;
  const what = job.kind === 'regenerate_scene' ? 'A scene is being regenerated' : 'A new version is rendering';
  banner.hidden = false;
  mount(banner,
    h('span', { class: 'spinner small', 'aria-hidden': 'true' }),
    h('span', {}, `${what}… ${value}%`, job.progress?.etaSeconds ? ` · ${formatTimeLeft(job.progress.etaSeconds)}` : ''),
    h('div', { class: 'progress' }, h('span', { style: { width: `${value}%` } })));
}

function detail(label, value) {
  return h('div', {}, h('dt', {}, label), h('dd', {}, value || '–'));
}
