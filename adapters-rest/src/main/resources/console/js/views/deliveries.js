// A webhook's delivery history: the last 24 hours as a chart, then the list with the API's filters and paging.
import { h, replace, loading } from '../dom.js';
import * as api from '../api.js';
import { time } from '../format.js';
import { errorBox, fieldOf } from '../errors.js';
import { webhooksHref, webhookHref, deliveriesHref, deliveryHref } from '../router.js';
import { breadcrumbs, table, paging, field, select } from './parts.js';
import { activityChart } from './activity.js';

const PARAMETERS = ['eventType', 'status', 'sort', 'limit', 'next', 'prev'];
const SORTS = [['-triggeredAt', 'Newest first'], ['+triggeredAt', 'Oldest first'], ['+status', 'Failed first'], ['-status', 'Succeeded first']];

export async function deliveriesView(main, where, context) {
  const id = where.ids[0];
  const query = {};
  PARAMETERS.forEach((name) => {
    if (where.query.get(name)) {
      query[name] = where.query.get(name);
    }
  });
  const heading = h('h1', { tabindex: '-1' }, 'Delivery history');
  const trail = h('div', { class: 'trail-slot' }, breadcrumbs(['Webhooks', webhooksHref()], ['Deliveries']));
  const filters = h('div', { class: 'filters-slot' });
  const results = h('div', { class: 'results', 'aria-live': 'polite' }, loading('Loading deliveries…'));
  replace(main, trail, heading, context.takeFlash(), activityChart(id), filters, results);
  const [webhook, page] = await Promise.allSettled([api.get(api.webhookPath(id)), api.get(api.deliveriesPath(id), query)]);
  if (!context.isCurrent()) {
    return;
  }
  if (webhook.status === 'fulfilled') {
    heading.textContent = `Deliveries of “${webhook.value.name}”`;
    replace(trail, breadcrumbs(['Webhooks', webhooksHref()], [webhook.value.name, webhookHref(id)], ['Deliveries']));
  }
  const form = filterForm(query, webhook.value?.eventTypes || [], id, context);
  replace(filters, form.element);
  if (page.status === 'rejected') {
    showError(page.reason, form, results);
    return;
  }
  replace(results, listOf(page.value, query, id));
}

function showError(failure, form, results) {
  const placed = (failure.errors || []).filter((error) => {
    const name = fieldOf(error, Object.keys(form.fields));
    if (name) {
      form.fields[name].setError(error.detail);
    }
    return name;
  });
  replace(results, placed.length && placed.length === failure.errors.length
    ? h('p', { class: 'warning', role: 'alert' }, 'The service refused a filter: see the marked field.')
    : errorBox(failure, 'The deliveries could not be listed.'));
}

function filterForm(query, eventTypes, id, context) {
  const types = [...new Set([...eventTypes, ...(query.eventType ? [query.eventType] : [])])];
  const fields = {
    eventType: field('Event type', select([['', 'Any'], ...types.map((type) => [type, type])], query.eventType || '', { name: 'eventType' })),
    status: field('Status', select([['', 'Any'], ['success', 'Success'], ['fail', 'Fail']], query.status || '', { name: 'status' })),
    sort: field('Sort', select(SORTS, query.sort || '-triggeredAt', { name: 'sort' })),
    limit: field('Per page', select(['10', '20', '50', '100'].map((n) => [n, n]), query.limit || '20', { name: 'limit' })),
  };
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter deliveries', novalidate: true },
    h('div', { class: 'filter-row actions-row' }, Object.values(fields).map((entry) => entry.element),
      h('div', { class: 'buttons' },
        h('button', { type: 'submit', class: 'button primary' }, 'Apply'),
        h('a', { class: 'button', href: deliveriesHref(id) }, 'Reset'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = {};
    Object.entries(fields).forEach(([name, entry]) => {
      values[name] = entry.control.value;
    });
    const target = deliveriesHref(id, values);
    if (location.hash === target) {
      context.rerender();
    } else {
      location.hash = target;
    }
  });
  return { element: form, fields };
}

function listOf(page, query, id) {
  const deliveries = page.data || [];
  if (!deliveries.length) {
    const filtered = query.eventType || query.status || query.next || query.prev;
    return h('div', { class: 'empty' }, filtered
      ? [h('p', {}, 'No deliveries match these filters.'), h('a', { class: 'button', href: deliveriesHref(id) }, 'Clear the filters')]
      : [h('h2', {}, 'No deliveries yet'),
        h('p', {}, 'A delivery is recorded here each time an event matching this webhook is sent, and kept for the retention period.')]);
  }
  const next = api.cursor(page.links, 'next');
  const prev = api.cursor(page.links, 'prev');
  const without = { ...query, next: undefined, prev: undefined };
  return [
    table('Deliveries', [
      { label: 'Time', class: 'time-column' }, { label: 'Event type' }, { label: 'Status' }, { label: 'Status code' }, { label: 'Attempts' },
      { label: 'Next attempt', class: 'time-column' },
    ], deliveries.map((delivery) => ({
      class: `delivery ${delivery.status}`,
      cells: [
        h('a', { href: deliveryHref(id, delivery.id), class: 'delivery-link' }, time(delivery.triggeredAt)),
        h('code', { class: 'type-name' }, delivery.eventType),
        statusBadge(delivery),
        delivery.response?.statusCode ? String(delivery.response.statusCode) : h('span', { class: 'muted' }, '—'),
        String(delivery.attempts),
        time(delivery.nextAttemptAt),
      ],
    }))),
    next || prev ? paging('Delivery pages', prev && deliveriesHref(id, { ...without, prev }), next && deliveriesHref(id, { ...without, next })) : null,
  ];
}

/** "Success", "Fail", or "Fail" with the retry that is still to come. */
export function statusBadge(delivery) {
  const pending = delivery.state === 'pending';
  return h('span', { class: 'status-cell' },
    h('span', { class: `badge ${delivery.status === 'success' ? 'success' : 'fail'}` }, delivery.status === 'success' ? 'Success' : 'Fail'),
    pending ? h('span', { class: 'muted small' }, delivery.attempts ? ' retry scheduled' : ' not sent yet') : null);
}
