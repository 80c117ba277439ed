// The analysis of a remix project's sample: the player with the container facts, the shot timeline with its
// keyframes (a click seeks the player), the pacing chart, the palette, the sound lanes and the description.
// Everything the server measured is shown as text or drawn with DOM calls (no HTML from data).

import { h } from '../ui.js';
import { capitalize, formatBytes, formatDuration, round } from '../format.js';
import { shotTimeline } from './shot-timeline.js';
import { pacingChart, paletteSwatches, soundLanes } from './charts.js';

/**
 * The analysis section of `project` (status analyzed). `reread()` fetches the project again: signed links last an
 * hour, so a player or keyframe that fails to load gets fresh ones.
 */
export function analysisView(project, reread) {
  const analysis = project.analysis;
  if (!analysis) return h('p', { class: 'muted' }, 'The analysis is not available.');
  const sample = (project.files || []).find((file) => file.role === 'sample');
  const player = sample ? h('video', {
    controls: true, preload: 'metadata', playsinline: true, src: sample.url, class: 'sample-player',
    'aria-label': 'The sample video',
  }) : null;
  const seek = (seconds) => {
    if (!player) return;
    player.currentTime = seconds;
    player.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  };
  const duration = analysis.durationSeconds;
  const section = h('section', { class: 'analysis', 'aria-labelledby': 'analysis-title' },
    h('h2', { id: 'analysis-title', class: 'visually-hidden' }, 'Analysis of the sample'),
    h('div', { class: 'analysis-top' },
      h('div', { class: 'card sample-card' },
        h('h3', {}, 'The sample'),
        player ? h('div', { class: 'player-frame sample-frame' }, player) : h('p', { class: 'muted' }, 'The sample file is not available.'),
        facts(analysis)),
      descriptionCard(analysis.description)),
    h('div', { class: 'card shots-card' },
      h('div', { class: 'card-head' },
        h('h3', {}, 'Shots'),
        h('span', { class: 'muted small' }, `${analysis.shots.length} ${analysis.shots.length === 1 ? 'shot' : 'shots'} in ${formatDuration(duration)}`)),
      shotTimeline(analysis.shots, project.keyframeUrls || [], duration, seek)),
    h('div', { class: 'analysis-grid' },
      h('div', { class: 'card pacing-card' }, h('h3', {}, 'Pacing'), pacingChart(analysis.pacing, duration)),
      h('div', { class: 'card palette-card' }, h('h3', {}, 'Palette'), paletteSwatches(analysis.palette))),
    h('div', { class: 'card sound-card' }, h('h3', {}, 'Sound'), soundLanes(analysis.audio, duration)));
  renewLinks(section, player, reread);
  return section;
}

/** On the first load error of the player or a keyframe (an expired link), fetches fresh links once a minute. */
function renewLinks(section, player, reread) {
  let last = 0;
  const renew = async () => {
    if (Date.now() - last < 60_000) return;
    last = Date.now();
    try {
      const fresh = await reread();
      const sample = (fresh.files || []).find((file) => file.role === 'sample');
      if (player && sample && player.error) {
        const time = player.currentTime;
        player.src = sample.url;
        player.currentTime = time;
      }
      section.querySelectorAll('img.keyframe').forEach((image, index) => {
        if (image.complete && image.naturalWidth === 0 && fresh.keyframeUrls?.[index]) image.src = fresh.keyframeUrls[index];
      });
    } catch {
      // The broken picture stays; a reload of the page gets fresh links.
    }
  };
  player?.addEventListener('error', renew);
  section.querySelectorAll('img.keyframe').forEach((image) => image.addEventListener('error', renew));
}

function facts(analysis) {
  const c = analysis.container || {};
  const rows = [
    ['Length', `${formatDuration(analysis.durationSeconds)} (${round(analysis.durationSeconds, 1)} s)`],
    ['Picture', `${c.width}×${c.height} · ${round(c.fps || 0, 2)} fps · ${c.videoCodec || '–'}`],
    ['Sound', c.hasAudio ? (c.audioCodec || 'yes') : 'none'],
    ['File', `${c.formatName || '–'} · ${formatBytes(c.sizeBytes || 0)}${c.bitRate ? ` · ${Math.round(c.bitRate / 1000)} kbit/s` : ''}`],
  ];
  return h('dl', { class: 'details-list facts' }, rows.map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value))));
}

function descriptionCard(description) {
  if (!description) return h('div', { class: 'card description-card' }, h('h3', {}, 'Description'), h('p', { class: 'muted' }, 'No description.'));
  const rows = [
    ['Content', description.contentType], ['Style', description.style], ['Mood', description.mood], ['Audience', description.audience],
  ];
  const source = description.source === 'rules' ? 'Described from the measurements (rules).' : `Described by ${description.source}.`;
  return h('div', { class: 'card description-card' },
    h('h3', {}, 'Description'),
    h('p', { class: 'description-summary' }, description.summary),
    h('dl', { class: 'details-list' }, rows.map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, capitalize(String(value || '–')))))),
    h('p', { class: 'hint' }, source));
}
