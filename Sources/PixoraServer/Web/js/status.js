// A video's (or a version's) status in words: the one list of labels, the badge, and whether work is under way.

import { h } from './ui.js';

export const STATUS_LABELS = {
  queued: 'Queued', running: 'Generating', completed: 'Ready', failed: 'Failed', cancelled: 'Cancelled',
  expired: 'Expired', paused: 'Paused',
  ready: 'Ready', rendering: 'Rendering', analyzing: 'Analyzing', analyzed: 'Analyzed', active: 'In progress',
};

/** Status → label and badge class. */
export function statusBadge(status) {
  return h('span', { class: `badge status-${status}` }, STATUS_LABELS[status] || status);
}

/**
 * "expires in 3 days" (hours under two days, minutes under two hours) for a completed video that will expire;
 * null otherwise (kept forever, unfinished, or expired: its badge says so).
 */
export function expiryText(video, now = Date.now()) {
  if (video.status !== 'completed' || !video.expiresAt) return null;
  const minutes = Math.max(0, Math.round((Date.parse(video.expiresAt) - now) / 60000));
  if (minutes >= 2 * 24 * 60) return `expires in ${Math.round(minutes / (24 * 60))} days`;
  if (minutes >= 120) return `expires in ${Math.round(minutes / 60)} hours`;
  return `expires in ${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** Queued or running: the server is still working on it. */
export function isActive(status) {
  return status === 'queued' || status === 'running';
}

/** Started and not finished: generating, waiting for a worker, or paused by its owner (the progress page shows it). */
export function inProgress(status) {
  return isActive(status) || status === 'paused';
}

/** A video whose job (generation, version render, scene regeneration) is still queued or running. */
export function hasActiveJob(video) {
  return Boolean(video.job && isActive(video.job.state));
}
