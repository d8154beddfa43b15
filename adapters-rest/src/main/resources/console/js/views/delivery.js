// One delivery: what was sent (URL, headers, body) and what came back, with Resend, which sends the original body
// again now and shows the new delivery.
import { h, replace, loading } from '../dom.js';
import * as api from '../api.js';
import { time, pretty } from '../format.js';
import { errorBox } from '../errors.js';
import { webhooksHref, webhookHref, deliveriesHref, deliveryHref } from '../router.js';
import { breadcrumbs } from './parts.js';
import { statusBadge } from './deliveries.js';

export async function deliveryView(main, where, context) {
  const [id, deliveryId] = where.ids;
  const heading = h('h1', { tabindex: '-1' }, 'Delivery');
  const trail = h('div', { class: 'trail-slot' },
    breadcrumbs(['Webhooks', webhooksHref()], ['Deliveries', deliveriesHref(id)], ['Delivery']));
  replace(main, trail, heading, loading('Loading the delivery…'));
  const [webhook, delivery] = await Promise.allSettled([api.get(api.webhookPath(id)), api.get(api.deliveryPath(id, deliveryId))]);
  if (!context.isCurrent()) {
    return;
  }
  if (webhook.status === 'fulfilled') {
    replace(trail, breadcrumbs(['Webhooks', webhooksHref()], [webhook.value.name, webhookHref(id)],
      ['Deliveries', deliveriesHref(id)], ['Delivery']));
  }
  if (delivery.status === 'rejected') {
    replace(main, trail, heading, errorBox(delivery.reason, 'The delivery could not be loaded.'));
    return;
  }
  const shown = delivery.value;
  heading.textContent = `Delivery of ${shown.eventType}`;
  replace(main, trail, heading, context.takeFlash(), overview(shown, id, context),
    h('div', { class: 'exchange' }, requestPart(shown.request || {}), responsePart(shown.response)));
}

function overview(delivery, id, context) {
  const problem = h('div', { class: 'action-error' });
  const resend = h('button', { type: 'button', class: 'button primary', id: 'resend' }, 'Resend');
  resend.addEventListener('click', async () => {
    resend.disabled = true;
    resend.textContent = 'Resending…';
    replace(problem);
    try {
      const resent = await api.post(`${api.deliveryPath(id, delivery.id)}/actions/resend`);
      context.flash(h('span', {}, `Resent: this is the new delivery, ${resent.status === 'success' ? 'delivered' : 'not delivered'}. `,
        h('a', { href: deliveryHref(id, delivery.id) }, 'The original delivery'), ' is unchanged.'));
      location.hash = deliveryHref(id, resent.id);
    } catch (failure) {
      replace(problem, errorBox(failure, 'The delivery was not resent.'));
      resend.disabled = false;
      resend.textContent = 'Resend';
    }
  });
  return h('section', { class: 'card overview', 'aria-label': 'Outcome' },
    h('dl', { class: 'facts' },
      fact('Status', statusBadge(delivery)),
      fact('Status code', delivery.response?.statusCode ? String(delivery.response.statusCode) : '—'),
      fact('Status message', delivery.statusMessage || '—'),
      fact('Triggered', time(delivery.triggeredAt)),
      fact('Attempts', String(delivery.attempts)),
      fact('Next attempt', time(delivery.nextAttemptAt)),
      fact('State', delivery.state || '—'),
      fact('Delivery id', h('code', { class: 'delivery-id' }, delivery.id))),
    h('div', { class: 'overview-actions' }, resend,
      h('p', { class: 'hint' }, 'Sends the original body again now, with the webhook’s current URL, headers and secret.'),
      problem));
}

function fact(term, description) {
  return h('div', {}, h('dt', {}, term), h('dd', {}, description));
}

function requestPart(request) {
  return h('section', { class: 'card part', 'aria-labelledby': 'request-title' },
    h('h2', { id: 'request-title' }, 'Request'),
    h('p', { class: 'request-line' }, h('span', { class: 'method' }, 'POST'), ' ',
      request.url ? h('code', { class: 'request-url' }, request.url) : h('span', { class: 'muted' }, 'not sent yet')),
    headersTable('Request headers', request.headers),
    body('Request body', request.body));
}

function responsePart(response) {
  if (!response) {
    return h('section', { class: 'card part', 'aria-labelledby': 'response-title' },
      h('h2', { id: 'response-title' }, 'Response'), h('p', { class: 'muted' }, 'No response yet: the delivery has not been attempted.'));
  }
  return h('section', { class: 'card part', 'aria-labelledby': 'response-title' },
    h('h2', { id: 'response-title' }, 'Response'),
    h('p', { class: 'request-line' }, response.statusCode
      ? h('span', { class: `badge ${response.statusCode < 300 ? 'success' : 'fail'}` }, `HTTP ${response.statusCode}`)
      : h('span', { class: 'muted' }, 'No HTTP answer (see the status message).')),
    headersTable('Response headers', response.headers),
    body('Response body', response.body));
}

function headersTable(caption, headers) {
  const entries = Object.entries(headers || {});
  if (!entries.length) {
    return h('p', { class: 'muted' }, `${caption}: none.`);
  }
  return h('table', { class: 'headers-table' },
    h('caption', {}, caption),
    h('tbody', {}, entries.map(([name, value]) => h('tr', {},
      h('th', { scope: 'row' }, name), h('td', {}, h('code', {}, value))))));
}

function body(caption, content) {
  const text = pretty(content);
  return h('div', { class: 'body' },
    h('h3', {}, caption),
    text ? h('pre', { class: 'code-block', tabindex: '0', 'aria-label': caption }, h('code', {}, text))
      : h('p', { class: 'muted' }, 'Empty.'));
}
