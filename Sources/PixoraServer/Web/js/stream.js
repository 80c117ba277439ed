// A video's event stream (Server-Sent Events on a signed link): the events' data, the link's expiry and the
// share of a job that is done.

/** An event's JSON data, or null when it is not JSON. */
export function parseEvent(data) {
  try {
    return JSON.parse(data);
  } catch {
    return null;
  }
}

/** The expiry (seconds since 1970) of a signed link: access=<expiry>.<user>.<signature>. */
export function linkExpiry(url) {
  try {
    const access = new URL(url, location.origin).searchParams.get('access');
    const expiry = Number(access?.split('.')[0]);
    return Number.isFinite(expiry) && expiry > 0 ? expiry : null;
  } catch {
    return null;
  }
}

/** A signed link without its signature: the same file whatever the expiry. */
export function linkPath(url) {
  return url ? url.split('?')[0] : '';
}

/** 0–100 from a JobProgress (fraction 0…1; `percent` accepted too). */
export function progressPercent(progress) {
  const raw = typeof progress?.percent === 'number' ? progress.percent : (progress?.fraction || 0) * 100;
  return Math.max(0, Math.min(100, Math.round(raw)));
}
