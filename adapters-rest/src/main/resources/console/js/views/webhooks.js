// The webhook list with every filter of the API, its sort and keyset paging; each row can be enabled or disabled,
// opened, deleted, or followed to its delivery history.
import { h, replace, loading } from '../dom.js';
import * as api from '../api.js';
import { time } from '../format.js';
import { errorBox, fieldOf } from '../errors.js';
import { webhooksHref, webhookHref, deliveriesHref } from '../router.js';
import { table, paging, confirmAction, field, select } from './parts.js';

const FILTERS = ['name', 'url', 'enabled', 'level', 'eventTypes', 'origins', 'ownerId', 'createdByUserId', 'updatedByUserId'];
const PARAMETERS = [...FILTERS, 'sort', 'limit', 'next', 'prev'];
const SORTS = [
  ['-createdAt', 'Newest first'], ['+createdAt', 'Oldest first'], ['-updatedAt', 'Recently updated'],
  ['+updatedAt', 'Least recently updated'], ['+name', 'Name, A to Z'], ['-name', 'Name, Z to A'],
  ['+url', 'URL, A to Z'], ['-url', 'URL, Z to A'],
];
const ORIGINS = ['api', 'automations', 'management-console'];

export async function webhooksView(main, where, context) {
  const query = pick(where.query, PARAMETERS);
  const results = h('div', { class: 'results', 'aria-live': 'polite' }, loading('Loading webhooks…'));
  const announcer = h('div', { class: 'announcer', role: 'status' });
  const filters = h('div', { class: 'filters-slot' });
  replace(main,
    h('div', { class: 'page-head' },
      h('h1', { tabindex: '-1' }, 'Webhooks'),
      h('a', { class: 'button primary', href: '#/webhooks/new' }, 'New webhook')),
    context.takeFlash(), announcer, filters, results);
  const catalog = await api.catalog().catch(() => []);
  if (!context.isCurrent()) {
    return;
  }
  const form = filterForm(query, catalog, context);
  replace(filters, form.element);
  let page;
  try {
    page = await api.get('/api/v1/webhooks', query);
  } catch (failure) {
    if (context.isCurrent()) {
      showListError(failure, form, results);
    }
    return;
  }
  if (context.isCurrent()) {
    replace(results, listOf(page, query, catalog, announcer, context));
  }
}

function pick(params, names) {
  const picked = {};
  names.forEach((name) => {
    if (params.get(name)) {
      picked[name] = params.get(name);
    }
  });
  return picked;
}

/** A bad filter value is shown at its field; anything else above the list. */
function showListError(failure, form, results) {
  const errors = failure.errors || [];
  const shownAtFields = errors.filter((error) => {
    const name = fieldOf(error, Object.keys(form.fields));
    if (name) {
      form.fields[name].setError(error.detail);
    }
    return name;
  });
  replace(results, shownAtFields.length === errors.length && errors.length > 0
    ? h('p', { class: 'warning', role: 'alert' }, 'The service refused a filter: see the marked field.')
    : errorBox(failure, 'The webhooks could not be listed.'));
}

function filterForm(query, catalog, context) {
  const fields = {
    name: field('Name', h('input', { type: 'search', name: 'name', value: query.name || '' }),
      { hint: 'Case-insensitive; * matches anything.' }),
    url: field('URL', h('input', { type: 'search', name: 'url', value: query.url || '' })),
    enabled: field('Status', select([['', 'Any'], ['true', 'Enabled'], ['false', 'Disabled']], query.enabled || '', { name: 'enabled' })),
    level: field('Level', select([['', 'Any'], ['tenant', 'Tenant'], ['user', 'User']], query.level || '', { name: 'level' })),
    eventTypes: field('Event type', select([['', 'Any'], ...eventTypeOptions(catalog, query.eventTypes)],
      query.eventTypes || '', { name: 'eventTypes' })),
    origins: field('Origin', select([['', 'Any'], ...ORIGINS.map((o) => [o, o])], query.origins || '', { name: 'origins' })),
    ownerId: field('Owner', h('input', { type: 'search', name: 'ownerId', value: query.ownerId || '' })),
    createdByUserId: field('Created by', h('input', { type: 'search', name: 'createdByUserId', value: query.createdByUserId || '' })),
    updatedByUserId: field('Updated by', h('input', { type: 'search', name: 'updatedByUserId', value: query.updatedByUserId || '' })),
    sort: field('Sort', select(SORTS, query.sort || '-createdAt', { name: 'sort' })),
    limit: field('Per page', select(['10', '20', '50', '100'].map((n) => [n, n]), query.limit || '20', { name: 'limit' })),
  };
  const more = ['origins', 'ownerId', 'createdByUserId', 'updatedByUserId'];
  const moreOpen = more.some((name) => query[name]);
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter webhooks', novalidate: true },
    h('div', { class: 'filter-row' }, ['name', 'url', 'enabled', 'level', 'eventTypes'].map((name) => fields[name].element)),
    h('details', { class: 'more-filters', open: moreOpen },
      h('summary', {}, 'More filters'),
      h('div', { class: 'filter-row' }, more.map((name) => fields[name].element))),
    h('div', { class: 'filter-row actions-row' }, fields.sort.element, fields.limit.element,
      h('div', { class: 'buttons' },
        h('button', { type: 'submit', class: 'button primary' }, 'Apply'),
        h('a', { class: 'button', href: webhooksHref() }, 'Reset'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = {};
    Object.entries(fields).forEach(([name, { control }]) => {
      values[name] = control.value.trim();
    });
    const target = webhooksHref(values);
    if (location.hash === target) {
      context.rerender();
    } else {
      location.hash = target;
    }
  });
  return { element: form, fields };
}

function eventTypeOptions(catalog, selected) {
  const options = catalog.map((type) => [type.name, type.title || type.name]);
  if (selected && !options.some(([name]) => name === selected)) {
    options.push([selected, selected]);
  }
  return options;
}

function listOf(page, query, catalog, announcer, context) {
  const webhooks = page.data || [];
  const filtered = FILTERS.some((name) => query[name]);
  if (webhooks.length === 0) {
    return emptyState(filtered, query);
  }
  const titles = new Map(catalog.map((type) => [type.name, type.title]));
  const rows = webhooks.map((webhook) => row(webhook, titles, announcer, context));
  const next = api.cursor(page.links, 'next');
  const prev = api.cursor(page.links, 'prev');
  const without = { ...query, next: undefined, prev: undefined };
  return [
    table('Webhooks', [
      { label: 'Name', class: 'name-column' }, { label: 'Target URL', class: 'url-column' },
      { label: 'Event types', class: 'types-column' }, { label: 'Status', class: 'status-column' },
      { label: 'Updated', class: 'time-column' }, { label: 'Actions', hidden: true, class: 'actions-column' },
    ], rows),
    next || prev ? paging('Webhook pages', prev && webhooksHref({ ...without, prev }), next && webhooksHref({ ...without, next })) : null,
  ];
}

function emptyState(filtered, query) {
  if (filtered || query.next || query.prev) {
    return h('div', { class: 'empty' },
      h('p', {}, 'No webhooks match these filters.'),
      h('a', { class: 'button', href: webhooksHref() }, 'Clear the filters'));
  }
  return h('div', { class: 'empty' },
    h('h2', {}, 'No webhooks yet'),
    h('p', {}, 'A webhook sends the events you choose to a URL of yours, signed and retried until it arrives.'),
    h('a', { class: 'button primary', href: '#/webhooks/new' }, 'Create a webhook'));
}

function row(webhook, titles, announcer, context) {
  const problem = h('div', { class: 'row-error' });
  const types = webhook.eventTypes || [];
  return {
    class: webhook.enabled ? '' : 'is-disabled',
    cells: [
      [h('a', { class: 'webhook-name', href: webhookHref(webhook.id) }, webhook.name),
        webhook.description ? h('p', { class: 'muted small description' }, webhook.description) : null,
        h('p', { class: 'muted small level' }, webhook.level === 'user' ? 'User level' : 'Tenant level',
          webhook.level === 'user' && webhook.ownerId ? ` · owner ${webhook.ownerId}` : '')],
      h('span', { class: 'url', title: webhook.url }, webhook.url),
      h('ul', { class: 'types', title: types.join('\n') },
        types.slice(0, 2).map((type) => h('li', {}, titles.get(type) || type)),
        types.length > 2 ? h('li', { class: 'muted' }, `and ${types.length - 2} more`) : null),
      [enabledSwitch(webhook, problem, announcer),
        !webhook.enabled && webhook.disabledReason ? h('p', { class: 'muted small reason' }, webhook.disabledReason) : null,
        problem],
      time(webhook.updatedAt, { short: true }),
      h('div', { class: 'row-actions' },
        h('a', { class: 'button small', href: deliveriesHref(webhook.id) }, 'Deliveries'),
        h('button', {
          type: 'button', class: 'button small danger-quiet', 'aria-label': `Delete ${webhook.name}`,
          onclick: () => deleteWebhook(webhook, context, location.hash || webhooksHref()),
        }, 'Delete')),
    ],
  };
}

/** A switch that enables or disables the webhook at once (PATCH /enabled). */
export function enabledSwitch(webhook, problem, announcer) {
  const button = h('button', { type: 'button', role: 'switch', class: 'switch', 'aria-label': `Enabled: ${webhook.name}` });
  const show = () => {
    button.setAttribute('aria-checked', String(webhook.enabled));
    replace(button, h('span', { class: 'knob', 'aria-hidden': 'true' }), webhook.enabled ? 'Enabled' : 'Disabled');
  };
  button.addEventListener('click', async () => {
    const wanted = !webhook.enabled;
    button.disabled = true;
    replace(problem);
    try {
      await api.patch(api.webhookPath(webhook.id), [{ op: 'replace', path: '/enabled', value: wanted }]);
      webhook.enabled = wanted;
      show();
      const reason = button.parentElement?.querySelector('.reason');
      if (wanted && reason) {
        reason.remove();
      }
      replace(announcer, `“${webhook.name}” is ${wanted ? 'enabled' : 'disabled'}.`);
    } catch (failure) {
      replace(problem, errorBox(failure));
    } finally {
      button.disabled = false;
      button.focus();
    }
  });
  show();
  return button;
}

/** Asks first; deleting removes the delivery history too. Afterwards: the list (with its filters) the user came from. */
export async function deleteWebhook(webhook, context, afterwards = webhooksHref()) {
  const deleted = await confirmAction({
    title: 'Delete this webhook?',
    message: [`“${webhook.name}” and its delivery history will be deleted. This cannot be undone.`],
    confirmLabel: 'Delete',
    busyLabel: 'Deleting…',
    action: () => api.remove(api.webhookPath(webhook.id)),
  });
  if (deleted) {
    context.flash(`Deleted “${webhook.name}”.`);
    if (location.hash === afterwards) {
      context.rerender();
    } else {
      location.hash = afterwards;
    }
  }
}
