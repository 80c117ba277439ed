// A video's (or a version's) status in words: the one list of labels, the badge, and whether work is under way.

import { h } from './ui.js';

export const STATUS_LABELS = {
  queued: 'Queued', running: 'Generating', completed: 'Ready', failed: 'Failed', cancelled: 'Cancelled',
  ready: 'Ready', rendering: 'Rendering', analyzing: 'Analyzing', analyzed: 'Analyzed', active: 'In progress',
};

/** Status → label and badge class. */
export function statusBadge(status) {
  return h('span', { class: `badge status-${status}` }, STATUS_LABELS[status] || status);
}

/** Queued or running: the server is still working on it. */
export function isActive(status) {
  return status === 'queued' || status === 'running';
}

/** A video whose job (generation, version render, scene regeneration) is still queued or running. */
export function hasActiveJob(video) {
  return Boolean(video.job && isActive(video.job.state));
}
