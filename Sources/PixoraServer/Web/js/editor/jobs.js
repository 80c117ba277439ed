// Following a video's job (scene regeneration, version render) on its Server-Sent Events stream.
// The signed eventsUrl lasts an hour: when the stream closes for good, a fresh one is fetched.

import { api } from '../api.js';
import { capitalize } from '../format.js';
import { parseEvent, progressPercent } from '../stream.js';

/**
 * Calls onProgress(body) for each `progress` event and onEnd(body) once at the `end` event (body is the
 * EventBody: {status, currentVersion, job: {id, kind, state, error, progress}}). `jobId` (optional) ignores
 * events of other jobs. Returns a function that stops following.
 */
export function followVideo(videoId, { jobId = null, onProgress, onEnd, onError }) {
  let source = null;
  let stopped = false;
  let retries = 0;
  let timer = 0;

  const relevant = (body) => !jobId || !body.job || body.job.id === jobId;

  const open = async (url) => {
    if (stopped) return;
    try {
      const eventsUrl = url || (await api(`/videos/${encodeURIComponent(videoId)}`)).eventsUrl;
      if (stopped) return;
      source = new EventSource(eventsUrl);
    } catch (error) {
      onError?.(error);
      schedule();
      return;
    }
    source.addEventListener('progress', (event) => {
      retries = 0;
      const body = parseEvent(event.data);
      if (!body || !relevant(body)) return;
      // A stream opened before our job started may still end with the previous job: ignore that end.
      onProgress?.(body);
    });
    source.addEventListener('end', (event) => {
      const body = parseEvent(event.data);
      if (body && jobId && body.job && body.job.id !== jobId) {
        // An older job's end: our job is not on the stream yet; look again shortly.
        close();
        schedule(1500);
        return;
      }
      stop();
      onEnd?.(body || {});
    });
    source.addEventListener('deleted', () => {
      stop();
      onError?.(new Error('This video was deleted.'));
    });
    source.addEventListener('error', () => {
      // EventSource retries by itself while CONNECTING; CLOSED means the URL was refused (expired).
      if (source?.readyState === EventSource.CLOSED) {
        close();
        schedule();
      }
    });
  };

  const schedule = (delay) => {
    if (stopped) return;
    retries += 1;
    if (retries > 8) {
      onError?.(new Error('Lost the connection to the progress stream. Reload the page to see where it stands.'));
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(() => open(null), delay ?? Math.min(10000, 1000 * retries));
  };

  const close = () => {
    source?.close();
    source = null;
  };

  const stop = () => {
    stopped = true;
    clearTimeout(timer);
    close();
  };

  open(null);
  return stop;
}

/** The share done (0–100) and a line for people, from an EventBody's job progress. */
export function progressOf(body) {
  const progress = body?.job?.progress;
  const percent = progressPercent(progress);
  const message = capitalize(progress?.message);
  let line = message || (body?.job?.state === 'queued' ? 'Waiting for a worker…' : 'Working…');
  if (progress?.etaSeconds > 0) line += ` · about ${Math.ceil(progress.etaSeconds)} s left`;
  return { percent, line };
}
