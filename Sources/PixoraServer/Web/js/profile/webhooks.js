// The profile's "Webhooks" card: register an endpoint (https URL and the events it wants), see its signing secret
// once (with a copy button), list the endpoints with their switch, and per endpoint the delivery log (status,
// HTTP answer, latency, attempts, next retry, the answer's excerpt) with a replay button, a new secret and delete.

import { api } from '../api.js';
import { h, mount, toast, confirmDialog, errorSentence, showFormErrors, clearFormErrors, emptyState } from '../ui.js';
import { formatDateTime, plural } from '../format.js';

const EVENTS = [
  ['video.completed', 'A video is ready'],
  ['video.failed', 'A video failed (refunded)'],
  ['version.completed', 'A new version is rendered'],
  ['project.step.completed', 'A studio step is ready for review'],
];

/** The card. Returns {element, refresh()}; requests stop when `signal` aborts. */
export function webhooksSection(signal) {
  const list = h('div', { class: 'webhook-list', id: 'webhook-list', 'aria-live': 'polite' });
  const secretBox = h('div', { class: 'webhook-secret', id: 'webhook-secret', hidden: true });
  const urlInput = h('input', {
    type: 'url', id: 'webhook-url', name: 'url', placeholder: 'https://example.com/hooks/pixora', required: true,
    'aria-describedby': 'webhook-url-hint', maxlength: 2000,
  });
  const boxes = EVENTS.map(([value, label]) => h('label', { class: 'check' },
    h('input', { type: 'checkbox', name: 'events', value, checked: value.startsWith('video.') }), ' ', label));
  const form = h('form', { class: 'webhook-form', id: 'webhook-form', novalidate: true, onsubmit: create },
    h('div', { class: 'form-error', role: 'alert', hidden: true }),
    h('div', { class: 'field' },
      h('label', { for: 'webhook-url' }, 'Endpoint URL'), urlInput,
      h('span', { class: 'hint', id: 'webhook-url-hint' },
        'Pixora POSTs a signed JSON body (Standard Webhooks) and retries for about a day until it answers 2xx.')),
    h('fieldset', { class: 'field', 'data-field': 'events' }, h('legend', {}, 'Events'), ...boxes),
    h('div', { class: 'button-row' }, h('button', { type: 'submit', class: 'button primary', id: 'webhook-add' }, 'Add endpoint')));

  const element = h('section', { class: 'card profile-webhooks', 'aria-labelledby': 'webhooks-title' },
    h('h2', { id: 'webhooks-title' }, 'Webhooks'), form, secretBox, list);

  function showSecret(secret, url) {
    const value = h('code', { id: 'webhook-secret-value' }, secret);
    const copy = h('button', { type: 'button', class: 'button small', id: 'webhook-secret-copy', onclick: async () => {
      try {
        await navigator.clipboard.writeText(secret);
        toast('Secret copied.', 'success');
      } catch {
        toast('Select the secret and copy it yourself.', 'error');
      }
    } }, 'Copy');
    const done = h('button', { type: 'button', class: 'button small', onclick: () => { secretBox.hidden = true; mount(secretBox); } }, 'Done');
    mount(secretBox, h('p', {}, `Signing secret for ${url}. It is shown only now: store it where your receiver can read it.`),
      h('div', { class: 'secret-row' }, value, copy, done));
    secretBox.hidden = false;
  }

  async function create(event) {
    event.preventDefault();
    clearFormErrors(form);
    const events = boxes.map((box) => box.querySelector('input')).filter((input) => input.checked).map((input) => input.value);
    if (!urlInput.value.trim()) {
      showFormErrors(form, { message: 'Enter the URL to call.', fields: { url: 'Required.' } });
      return;
    }
    try {
      const created = await api('/webhooks', { method: 'POST', body: { url: urlInput.value.trim(), events }, signal });
      urlInput.value = '';
      showSecret(created.secret, created.webhook.url);
      refresh();
    } catch (error) {
      if (error.name !== 'AbortError') showFormErrors(form, error);
    }
  }

  function deliveryRow(webhook, delivery, reload) {
    const answer = delivery.httpStatus ? `HTTP ${delivery.httpStatus}` : (delivery.error || '—');
    const retry = delivery.nextAttemptAt ? `next try ${formatDateTime(delivery.nextAttemptAt)}` : '';
    const replay = h('button', { type: 'button', class: 'button small', dataset: { replay: delivery.id }, onclick: async () => {
      try {
        await api(`/webhooks/${webhook.id}/deliveries/${delivery.id}/replay`, { method: 'POST', signal });
        toast('Sent again.', 'success');
        reload();
      } catch (error) {
        if (error.name !== 'AbortError') toast(errorSentence(error), 'error');
      }
    } }, 'Replay');
    return h('tr', { class: `delivery ${delivery.status}`, dataset: { delivery: delivery.id } },
      h('td', {}, formatDateTime(delivery.createdAt)),
      h('td', {}, delivery.event),
      h('td', { class: 'delivery-status' }, delivery.status),
      h('td', {}, answer, delivery.error && delivery.httpStatus ? ` (${delivery.error})` : ''),
      h('td', {}, delivery.latencyMs !== undefined ? `${delivery.latencyMs} ms` : ''),
      h('td', {}, plural(delivery.attempts, 'attempt'), retry ? ` · ${retry}` : ''),
      h('td', { class: 'excerpt' }, delivery.responseExcerpt ? delivery.responseExcerpt.slice(0, 200) : ''),
      h('td', {}, replay));
  }

  function endpointCard(webhook) {
    const log = h('div', { class: 'delivery-log', hidden: true });
    async function loadLog() {
      try {
        const page = await api(`/webhooks/${webhook.id}/deliveries?limit=20`, { signal });
        if (!page.items.length) {
          mount(log, h('p', { class: 'hint' }, 'Nothing delivered yet.'));
          return;
        }
        mount(log, h('table', { class: 'delivery-table' },
          h('thead', {}, h('tr', {}, ...['When', 'Event', 'Status', 'Answer', 'Latency', 'Attempts', 'Excerpt', ''].map((t) => h('th', {}, t)))),
          h('tbody', {}, page.items.map((delivery) => deliveryRow(webhook, delivery, loadLog)))));
      } catch (error) {
        if (error.name !== 'AbortError') mount(log, h('p', { class: 'field-error' }, errorSentence(error)));
      }
    }
    const toggle = h('input', { type: 'checkbox', checked: webhook.enabled, 'aria-label': `Deliver to ${webhook.url}`, onchange: async () => {
      try {
        await api(`/webhooks/${webhook.id}`, { method: 'PATCH', body: { enabled: toggle.checked }, signal });
        refresh();
      } catch (error) {
        toggle.checked = !toggle.checked;
        if (error.name !== 'AbortError') toast(errorSentence(error), 'error');
      }
    } });
    const actions = h('div', { class: 'button-row' },
      h('button', { type: 'button', class: 'button small', onclick: () => {
        log.hidden = !log.hidden;
        if (!log.hidden) loadLog();
      } }, 'Deliveries'),
      h('button', { type: 'button', class: 'button small', onclick: async () => {
        const ok = await confirmDialog({ title: 'Make a new secret?', message: 'The old secret stops working at once.', confirm: 'New secret' });
        if (!ok) return;
        try {
          const rotated = await api(`/webhooks/${webhook.id}/secret`, { method: 'POST', signal });
          showSecret(rotated.secret, rotated.webhook.url);
        } catch (error) {
          if (error.name !== 'AbortError') toast(errorSentence(error), 'error');
        }
      } }, 'New secret'),
      h('button', { type: 'button', class: 'button small danger', onclick: async () => {
        const ok = await confirmDialog({ title: 'Delete this endpoint?', message: `${webhook.url} gets no more deliveries; its log is deleted.`, confirm: 'Delete', danger: true });
        if (!ok) return;
        try {
          await api(`/webhooks/${webhook.id}`, { method: 'DELETE', signal });
          refresh();
        } catch (error) {
          if (error.name !== 'AbortError') toast(errorSentence(error), 'error');
        }
      } }, 'Delete'));
    return h('article', { class: 'webhook', dataset: { webhook: webhook.id } },
      h('div', { class: 'webhook-head' },
        h('label', { class: 'switch' }, toggle, h('span', { class: 'webhook-url' }, webhook.url)),
        h('span', { class: 'hint' }, webhook.events.join(', '))),
      webhook.disabledReason ? h('p', { class: 'field-error webhook-disabled' }, `Turned off: ${webhook.disabledReason}.`) : null,
      actions, log);
  }

  async function refresh() {
    try {
      const { webhooks } = await api('/webhooks', { signal });
      if (!webhooks.length) {
        mount(list, emptyState('No endpoints', 'Add a URL above to hear when videos finish.'));
        return;
      }
      mount(list, webhooks.map(endpointCard));
    } catch (error) {
      if (error.name !== 'AbortError') mount(list, h('p', { class: 'field-error' }, `The endpoints could not be loaded. ${errorSentence(error)}`));
    }
  }

  return { element, refresh };
}
