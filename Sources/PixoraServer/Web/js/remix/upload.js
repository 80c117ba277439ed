// Sending a remix project's files (POST /api/v1/projects, multipart) with XMLHttpRequest, whose upload events
// give a progress bar that fetch cannot. Errors become the same ApiError as every other request.

import { accessToken, errorFrom, ApiError } from '../api.js';

/**
 * Uploads `form` (FormData with kind, sample and the optional parts). `onProgress(fraction)` follows the bytes
 * sent (1 once everything is sent and the server is checking the files). Resolves with the created Project;
 * `signal` aborts the upload.
 */
export async function uploadProject(form, { onProgress = () => {}, signal } = {}) {
  const token = await accessToken();
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/api/v1/projects');
    if (token) request.setRequestHeader('Authorization', `Bearer ${token}`);
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    });
    request.upload.addEventListener('load', () => onProgress(1));
    request.addEventListener('load', async () => {
      const response = new Response(request.responseText, {
        status: request.status,
        headers: { 'Content-Type': request.getResponseHeader('Content-Type') || '' },
      });
      if (response.ok) {
        try {
          resolve(await response.json());
        } catch {
          reject(new ApiError(request.status, 'invalid_answer', 'The server answered something unexpected. Please try again.'));
        }
      } else {
        reject(await errorFrom(response));
      }
    });
    // The server may stop reading a body it has already refused (too large): the browser sees a broken
    // connection rather than the answer.
    request.addEventListener('error', () => reject(new ApiError(0, 'network',
      'The upload was interrupted. The file may be larger than the server accepts, or the connection dropped.')));
    request.addEventListener('abort', () => reject(new DOMException('The upload was cancelled.', 'AbortError')));
    signal?.addEventListener('abort', () => request.abort(), { once: true });
    request.send(form);
  });
}
