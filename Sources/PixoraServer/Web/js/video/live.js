// Following a video's event stream on the video page: progress events to the view, the end and deletion to the
// page, the "Live / Reconnecting…" pill, and a fresh signed link (re-reading the video) when the browser gave up
// on the old one or it is about to expire.

import { parseEvent, linkExpiry } from '../stream.js';

export class Live {
  /**
   * options: page (holds the .connection pill), isDisposed(), onEnd(), onDeleted(), reconnect() (re-reads the
   * video and follows it again; a rejection other than an abort tries again later).
   */
  constructor({ page, isDisposed, onEnd, onDeleted, reconnect }) {
    Object.assign(this, { page, isDisposed, onEnd, onDeleted, reconnect });
    this.stream = null; // {source, timers}
    this.retryDelay = 2000;
  }

  /** Follows the video's event stream; `onProgress(body)` gets each progress event. */
  open(current, onProgress) {
    this.close();
    if (!current.eventsUrl || this.isDisposed()) return;
    const source = new EventSource(current.eventsUrl);
    const timers = [];
    this.stream = { source, timers };
    source.addEventListener('open', () => this.setConnection('live'));
    source.addEventListener('progress', (event) => {
      this.retryDelay = 2000;
      this.setConnection('live');
      const body = parseEvent(event.data);
      if (body) onProgress(body);
    });
    source.addEventListener('end', () => {
      this.close();
      this.onEnd();
    });
    source.addEventListener('deleted', () => {
      this.close();
      this.onDeleted();
    });
    source.addEventListener('error', () => {
      // CONNECTING: the browser retries by itself. CLOSED: it gave up (e.g. the signed link expired and the
      // server answered 401), so a fresh link is fetched with a growing pause.
      if (source.readyState === EventSource.CLOSED) {
        this.setConnection('reconnecting');
        this.reconnectSoon();
      } else {
        this.setConnection('reconnecting');
      }
    });
    // The signed link lasts an hour: switch to a fresh one a minute before it runs out.
    const expiry = linkExpiry(current.eventsUrl);
    if (expiry) {
      const wait = expiry * 1000 - Date.now() - 60_000;
      timers.push(setTimeout(() => this.reconnectSoon(0), Math.max(wait, 5_000)));
    }
  }

  /** Fetches the video again (fresh signed links) after `delay` ms and follows it, or shows what it became. */
  reconnectSoon(delay = this.retryDelay) {
    this.close();
    this.retryDelay = Math.min(this.retryDelay * 2, 30_000);
    const timer = setTimeout(async () => {
      if (this.isDisposed()) return;
      try {
        await this.reconnect();
      } catch (error) {
        if (error.name === 'AbortError') return;
        this.reconnectSoon();
      }
    }, delay);
    this.stream = { source: null, timers: [timer] };
  }

  close() {
    if (!this.stream) return;
    this.stream.source?.close();
    for (const timer of this.stream.timers) clearTimeout(timer);
    this.stream = null;
  }

  setConnection(state) {
    const pill = this.page.querySelector('.connection');
    if (!pill) return;
    pill.dataset.state = state;
    pill.textContent = state === 'live' ? 'Live' : 'Reconnecting…';
  }
}
