// The API client: JSON in and out, the session (access + refresh token) kept in localStorage, silent refresh
// on 401 (one refresh at a time, shared by every waiting request), and errors turned into ApiError with the
// server's words.

const SESSION_KEY = 'pixora.session';
const listeners = new Set();

/** An error answered by the API (or the network), with a message meant for people. */
export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details || null;
  }

  /** Field problems of a 422 as {field: message}. */
  get fields() {
    const out = {};
    for (const issue of this.details?.issues || []) out[issue.field] = issue.message;
    return out;
  }
}

export function getSession() {
  try {
    return JSON.parse(localStorage.getItem(SESSION_KEY) || 'null');
  } catch {
    return null;
  }
}

export function isSignedIn() {
  return Boolean(getSession()?.refreshToken);
}

export function currentUser() {
  return getSession()?.user || null;
}

function saveSession(session) {
  if (session) localStorage.setItem(SESSION_KEY, JSON.stringify(session));
  else localStorage.removeItem(SESSION_KEY);
  for (const listener of listeners) listener(session);
}

/** Calls `listener(session)` when the user signs in or out, refreshes, or their profile changes. */
export function onSessionChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Another tab signed in or out.
window.addEventListener('storage', (event) => {
  if (event.key === SESSION_KEY) for (const listener of listeners) listener(getSession());
});

/** Keeps the user shown in the header up to date (name, avatar, credits). */
export function updateUser(user) {
  const session = getSession();
  if (session && user) saveSession({ ...session, user: { ...session.user, ...user } });
}

export function setCredits(credits) {
  const session = getSession();
  if (session && typeof credits === 'number') saveSession({ ...session, user: { ...session.user, credits } });
}

let refreshing = null;

/** Exchanges the refresh token for a new pair; one at a time. Resolves true when a new access token exists. */
async function refresh() {
  const session = getSession();
  if (!session?.refreshToken) return false;
  if (!refreshing) {
    refreshing = (async () => {
      try {
        const response = await fetch('/api/v1/auth/refresh', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ refreshToken: session.refreshToken }),
        });
        if (response.ok) {
          const body = await response.json();
          saveSession(sessionFrom(body));
          return true;
        }
        // Only a refused token ends the session; a server hiccup keeps it for the next try.
        if (response.status === 401 || response.status === 400) {
          // Another tab may have rotated the token a moment ago: use theirs if it differs.
          const latest = getSession();
          if (latest?.refreshToken && latest.refreshToken !== session.refreshToken) return true;
          saveSession(null);
        }
        return false;
      } catch {
        return false;
      } finally {
        setTimeout(() => { refreshing = null; }, 0);
      }
    })();
  }
  return refreshing;
}

function sessionFrom(body) {
  return {
    accessToken: body.accessToken,
    refreshToken: body.refreshToken,
    expiresAt: Date.now() + (body.expiresIn || 900) * 1000,
    user: body.user,
  };
}

/** Stores the tokens from a register / login answer. */
export function startSession(body) {
  saveSession(sessionFrom(body));
}

export async function signOut() {
  const session = getSession();
  saveSession(null);
  if (session?.refreshToken) {
    try {
      await fetch('/api/v1/auth/logout', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken: session.refreshToken }),
      });
    } catch {
      // Signed out locally either way.
    }
  }
}

/** The ApiError of a failed response (the server's `error.message`, else a generic sentence for the status). */
export async function errorFrom(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy page, an empty body).
  }
  const error = body?.error;
  if (error?.message) return new ApiError(response.status, error.code, error.message, error.details);
  const generic = {
    401: 'Your session has ended. Please sign in again.',
    403: 'You are not allowed to do that.',
    404: 'That was not found. It may have been deleted.',
    413: 'That is too large.',
    429: 'Too many attempts. Please wait a moment and try again.',
  };
  return new ApiError(response.status, 'http_' + response.status,
    generic[response.status] || `The server could not answer (HTTP ${response.status}). Please try again.`);
}

/**
 * Calls the API. `path` starts after /api/v1 (e.g. '/videos'). Options: method, body (JSON unless it is a
 * Blob/File), headers, auth (default true), signal. Resolves with the parsed JSON (null for 204).
 */
export async function api(path, options = {}) {
  const { method = 'GET', body, headers = {}, auth = true, signal } = options;
  const send = async () => {
    const request = { method, headers: { ...headers }, signal };
    if (body instanceof Blob) {
      request.body = body;
      if (!request.headers['Content-Type']) request.headers['Content-Type'] = body.type;
    } else if (body !== undefined) {
      request.body = JSON.stringify(body);
      request.headers['Content-Type'] = 'application/json';
    }
    const session = getSession();
    if (auth && session?.accessToken) request.headers.Authorization = `Bearer ${session.accessToken}`;
    try {
      return await fetch('/api/v1' + path, request);
    } catch (error) {
      if (error.name === 'AbortError') throw error;
      throw new ApiError(0, 'network', 'Cannot reach the Pixora server. Check your connection and try again.');
    }
  };
  if (auth) {
    const session = getSession();
    // Refresh shortly before expiry so long edits never meet an expired token.
    if (session?.refreshToken && (!session.expiresAt || session.expiresAt - Date.now() < 30_000)) await refresh();
  }
  let response = await send();
  if (response.status === 401 && auth && getSession()?.refreshToken) {
    if (await refresh()) response = await send();
  }
  if (!response.ok) throw await errorFrom(response);
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.text();
}

/** A fresh access token (refreshed when needed), for URLs that cannot carry headers. */
export async function accessToken() {
  const session = getSession();
  if (session?.refreshToken && (!session.expiresAt || session.expiresAt - Date.now() < 30_000)) await refresh();
  return getSession()?.accessToken || null;
}
