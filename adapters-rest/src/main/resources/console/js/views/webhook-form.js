// Creating and editing a webhook in one form. Edits are sent as a JSON Patch of the changed fields, so the secret
// and encrypted header values (which the API never returns) stay as they are; a change to a field the API cannot
// patch (level, owner, filter, revocation check) is sent as a full replacement (PUT) and then needs those values again.
// The service's extensions (ordered delivery, a rate limit, recovery of failed deliveries) have their own section.
import { h, replace, loading, uid } from '../dom.js';
import * as api from '../api.js';
import * as session from '../session.js';
import { time } from '../format.js';
import { errorBox, errorLine, fieldOf, positionMarker } from '../errors.js';
import { webhooksHref, deliveriesHref } from '../router.js';
import { breadcrumbs, field, group, checkbox, confirmAction } from './parts.js';
import { headerRows, headerMap } from './header-rows.js';
import { deleteWebhook } from './webhooks.js';

const FIELDS = ['name', 'description', 'url', 'level', 'ownerId', 'eventTypes', 'filter', 'headers', 'encryptedHeaders',
  'secret', 'enabled', 'enableCloudEventDelivery', 'checkCertificateRevocation', 'orderedDelivery', 'maxDeliveriesPerSecond'];
const DAY_MS = 24 * 60 * 60 * 1000;
const NOT_PATCHABLE = ['level', 'ownerId', 'filter', 'checkCertificateRevocation'];

export async function webhookFormView(main, where, context) {
  const id = where.view === 'webhook' ? where.ids[0] : null;
  const heading = h('h1', { tabindex: '-1' }, id ? 'Webhook' : 'New webhook');
  const trail = breadcrumbs(['Webhooks', webhooksHref()], [id ? 'Edit' : 'New webhook']);
  replace(main, trail, heading, loading(id ? 'Loading the webhook…' : 'Loading the event types…'));
  let catalog;
  let webhook = null;
  try {
    [catalog, webhook] = await Promise.all([api.catalog(), id ? api.get(api.webhookPath(id)) : null]);
  } catch (failure) {
    if (context.isCurrent()) {
      replace(main, trail, heading, errorBox(failure, id ? 'The webhook could not be loaded.' : 'The event types could not be loaded.'));
    }
    return;
  }
  if (!context.isCurrent()) {
    return;
  }
  if (webhook) {
    heading.textContent = webhook.name;
    replace(trail, breadcrumbs(['Webhooks', webhooksHref()], [webhook.name]).firstChild);
  }
  replace(main, trail, heading, context.takeFlash(), webhook ? summary(webhook, context) : null,
    webhookForm(catalog, webhook, context));
}

function summary(webhook, context) {
  const recovered = h('p', { class: 'recovered', role: 'status' });
  return h('section', { class: 'summary card', 'aria-label': 'About this webhook' },
    h('dl', { class: 'facts' },
      fact('Status', webhook.enabled ? 'Enabled' : ['Disabled',
        webhook.disabledReason ? h('span', { class: 'muted' }, ` — ${webhook.disabledReason}`) : null,
        webhook.disabledReasonCode ? [' ', h('code', {}, webhook.disabledReasonCode)] : null]),
      fact('Id', h('code', {}, webhook.id)),
      fact('Owner', webhook.ownerId || '—'),
      fact('Origin', webhook.origin),
      fact('Created', [time(webhook.createdAt), webhook.createdByUserId ? ` by ${webhook.createdByUserId}` : '']),
      fact('Updated', [time(webhook.updatedAt), webhook.updatedByUserId ? ` by ${webhook.updatedByUserId}` : '']),
      webhook.previousSecretExpiresAt ? fact('Previous secret', ['also signs until ', time(webhook.previousSecretExpiresAt)]) : null),
    h('div', { class: 'summary-actions' },
      h('a', { class: 'button', href: deliveriesHref(webhook.id) }, 'Delivery history'),
      h('button', { type: 'button', class: 'button', onclick: () => recover(webhook, recovered) }, 'Send failed deliveries again'),
      h('button', { type: 'button', class: 'button danger-quiet', onclick: () => deleteWebhook(webhook, context) },
        'Delete webhook')),
    recovered);
}

/** How far back a recovery looks, as offered; the service keeps at most its retention (7 days by default). */
const RECOVERY_WINDOWS = [['the last hour', DAY_MS / 24], ['the last 24 hours', DAY_MS], ['the last 7 days', 7 * DAY_MS]];

/** Sends again, as new deliveries, every delivery of the chosen window that failed for good (the recover extension). */
async function recover(webhook, recovered) {
  let queued = 0;
  const within = h('select', { class: 'inline', 'aria-label': 'Failed within', value: String(DAY_MS) },
    ...RECOVERY_WINDOWS.map(([label, ms]) => h('option', { value: String(ms) }, label)));
  const done = await confirmAction({
    title: 'Send failed deliveries again?',
    message: [`Every delivery of “${webhook.name}” that failed for good in `, within, ' is sent again, as a new delivery.'],
    confirmLabel: 'Send again',
    busyLabel: 'Queueing…',
    action: async () => {
      const since = new Date(Date.now() - Number(within.value)).toISOString();
      queued = (await api.post(`${api.webhookPath(webhook.id)}/actions/recover`, { since })).queued;
    },
  });
  if (done) {
    replace(recovered, `Queued ${queued} failed ${queued === 1 ? 'delivery' : 'deliveries'} to send again.`);
  }
}

function fact(term, description) {
  return h('div', {}, h('dt', {}, term), h('dd', {}, description));
}

function webhookForm(catalog, webhook, context) {
  const admin = session.isTenantAdmin();
  const level = webhook?.level || (admin ? 'tenant' : 'user');
  const f = {
    name: field('Name', h('input', { name: 'name', value: webhook?.name || '', autocomplete: 'off', maxlength: '1000' })),
    description: field('Description', h('textarea', { name: 'description', rows: '2', value: webhook?.description || '' }),
      { hint: 'Optional: why this webhook exists.' }),
    url: field('Target URL', h('input', {
      name: 'url', inputmode: 'url', class: 'mono', value: webhook?.url || '', autocomplete: 'off', spellcheck: 'false',
      placeholder: 'https://receiver.example.com/hooks',
    }), { hint: 'An https URL with a host name; events are POSTed to it.' }),
    level: levelPicker(level, admin, webhook),
    ownerId: field('Owner', h('input', { name: 'ownerId', value: webhook?.ownerId || '', autocomplete: 'off', placeholder: 'you' }),
      { hint: 'The user whose events a user-level webhook receives. Empty: you.' }),
    eventTypes: eventTypePicker(catalog, webhook?.eventTypes || [], level),
    filter: field('Filter', h('input', {
      name: 'filter', class: 'mono', value: webhook?.filter || '', autocomplete: 'off', spellcheck: 'false',
      placeholder: 'spaceId eq "space-1"',
    }), {
      hint: 'Optional. Attributes id, spaceId, topLevelResourceId (and data.status with only the reload finished type);'
        + ' operators eq and ne; and, or, parentheses; values in double quotes.',
    }),
    headers: headerRows('Headers', Object.entries(webhook?.headers || {}).map(([name, value]) => ({ name, value })),
      { hint: 'Sent with every delivery.' }),
    encryptedHeaders: headerRows('Encrypted headers', (webhook?.encryptedHeaders || []).map((name) => ({ name, stored: true })), {
      writeOnly: true,
      hint: webhook?.encryptedHeaders?.length
        ? 'Stored encrypted and never shown. To change any of them, enter the value of each again.'
        : 'For credentials: stored encrypted, never shown again, shown as **OMITTED** in the delivery history.',
    }),
    secret: secretField(webhook),
    enabled: checkbox('Enabled', { checked: webhook ? webhook.enabled : true, hint: 'Only enabled webhooks receive events.' }),
    enableCloudEventDelivery: checkbox('Deliver events as CloudEvents', {
      checked: webhook ? webhook.enableCloudEventDelivery : true,
      disabled: webhook?.enableCloudEventDelivery,
      hint: webhook?.enableCloudEventDelivery ? 'Once on, this cannot be switched off.'
        : 'Off: the legacy envelope. Once on, this cannot be switched off.',
    }),
    checkCertificateRevocation: checkbox('Check the receiver’s certificate for revocation (OCSP, CRL)',
      { checked: webhook?.checkCertificateRevocation || false }),
    orderedDelivery: checkbox('Deliver one at a time, in the order the events were accepted', {
      checked: webhook?.orderedDelivery || false,
      hint: 'A delivery waiting for its retry holds back the later ones. Slower: one receiver answer per delivery.',
    }),
    maxDeliveriesPerSecond: field('Most deliveries per second', h('input', {
      name: 'maxDeliveriesPerSecond', type: 'number', min: '1', max: '10000', step: '1', inputmode: 'numeric',
      value: webhook?.maxDeliveriesPerSecond ?? '',
    }), { hint: 'Optional: 1 to 10000. Deliveries over the limit wait; they do not fail. Empty: no limit.' }),
  };
  ['enabled', 'enableCloudEventDelivery', 'checkCertificateRevocation', 'orderedDelivery'].forEach((name) => {
    f[name].control = f[name].input;
    f[name].setError = checkError(f[name]);
  });
  const showOwner = () => {
    f.ownerId.element.hidden = !admin || f.level.value() !== 'user';
  };
  f.level.onChange((value) => {
    f.eventTypes.setLevel(value);
    showOwner();
  });
  showOwner();
  const formError = h('div', { class: 'form-error' });
  const submit = h('button', { type: 'submit', class: 'button primary' }, webhook ? 'Save changes' : 'Create webhook');
  const form = h('form', { class: 'webhook-form', novalidate: true, 'aria-label': webhook ? 'Edit the webhook' : 'New webhook' },
    section('Where to', f.name.element, f.description.element, f.url.element),
    section('What to send', f.level.element, f.ownerId.element, f.eventTypes.element, f.filter.element),
    section('How to send', f.headers.element, f.encryptedHeaders.element, f.secret.element,
      f.enabled.element, f.enableCloudEventDelivery.element, f.checkCertificateRevocation.element),
    section('Delivery controls', f.orderedDelivery.element, f.maxDeliveriesPerSecond.element),
    formError,
    h('div', { class: 'form-actions' }, submit, h('a', { class: 'button', href: webhooksHref() }, 'Cancel')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    save(f, webhook, submit, formError, context);
  });
  return form;
}

function section(title, ...content) {
  const id = uid('section');
  return h('section', { class: 'form-section', 'aria-labelledby': id }, h('h2', { id }, title), content);
}

function checkError(check) {
  const slot = h('div', { class: 'field-error', hidden: true });
  check.element.append(slot);
  return (content) => {
    slot.hidden = !content;
    replace(slot, content || '');
  };
}

function levelPicker(level, admin, webhook) {
  const name = uid('level');
  const listeners = [];
  const option = (value, label, hint, disabled) => {
    const id = uid('level-option');
    const input = h('input', { type: 'radio', name, id, value, checked: value === level, disabled });
    input.addEventListener('change', () => listeners.forEach((listener) => listener(value)));
    return h('div', { class: 'check' }, input, h('label', { for: id }, label, h('span', { class: 'muted' }, ` — ${hint}`)));
  };
  const picker = group('Level', h('div', { class: 'radios' },
    option('tenant', 'Tenant', 'every matching event of the tenant', !admin && !webhook),
    option('user', 'User', 'only events about resources of the owner')),
  { hint: admin ? null : 'Only a TenantAdmin can create tenant-level webhooks.' });
  return {
    ...picker,
    focus: () => (picker.element.querySelector('input:checked') || picker.element.querySelector('input')).focus(),
    value: () => picker.element.querySelector('input:checked')?.value || level,
    onChange: (listener) => listeners.push(listener),
  };
}

function eventTypePicker(catalog, selected, level) {
  const categories = new Map();
  catalog.forEach((type) => {
    const category = type.category || 'Other';
    categories.set(category, [...(categories.get(category) || []), type]);
  });
  const unknown = selected.filter((name) => !catalog.some((type) => type.name === name));
  if (unknown.length) {
    categories.set('No longer in the catalog', unknown.map((name) => ({ name, title: name, levels: [] })));
  }
  const notes = [];
  const groups = [...categories.entries()].map(([category, types]) => h('div', { class: 'type-group' },
    h('h3', {}, category),
    types.map((type) => {
      const id = uid('type');
      const note = h('span', { class: 'level-note' });
      notes.push({ type, note });
      return h('div', { class: 'check type' },
        h('input', { type: 'checkbox', id, value: type.name, checked: selected.includes(type.name), title: type.description }),
        h('label', { for: id }, h('span', { class: 'type-title' }, type.title || type.name), ' ',
          h('code', { class: 'type-name' }, type.name), note));
    })));
  const picker = group('Event types', h('div', { class: 'type-groups' }, groups),
    { hint: 'The events this webhook receives; choose at least one.' });
  const setLevel = (value) => notes.forEach(({ type, note }) => {
    note.textContent = (type.levels || []).includes(value) ? '' : ` (not offered at ${value} level)`;
  });
  setLevel(level);
  return {
    ...picker,
    setLevel,
    value: () => [...picker.element.querySelectorAll('input[type=checkbox]:checked')].map((input) => input.value),
    focus: () => picker.element.querySelector('input')?.focus(),
  };
}

function secretField(webhook) {
  const input = h('input', { name: 'secret', type: 'password', class: 'mono', autocomplete: 'new-password', spellcheck: 'false' });
  const generated = h('p', { class: 'hint generated', hidden: true, role: 'status' });
  const generate = h('button', { type: 'button', class: 'button small' }, 'Generate a secret');
  generate.addEventListener('click', () => {
    input.value = randomSecret();
    input.type = 'text';
    generated.hidden = false;
    generated.textContent = 'Copy this secret to your receiver now: it will not be shown again after saving.';
    input.select();
  });
  const removal = webhook?.secretKeyAdded ? checkbox('Remove the secret') : null;
  const state = webhook ? h('p', { class: `secret-state ${webhook.secretKeyAdded ? 'is-set' : ''}` },
    webhook.secretKeyAdded ? 'A secret is set. It is never shown; enter a new one to replace it.' : 'No secret is set.') : null;
  const secret = field(webhook?.secretKeyAdded ? 'New secret' : 'Secret', input, {
    hint: '32 to 64 characters. Deliveries are signed with it (Qlik-Signature and webhook-signature headers).',
  });
  secret.element.insertBefore(state || document.createTextNode(''), input);
  secret.element.insertBefore(h('div', { class: 'inline-actions' }, generate), input.nextSibling);
  secret.element.append(generated);
  if (removal) {
    secret.element.append(removal.element);
  }
  return { ...secret, removal: removal?.input, focus: () => input.focus() };
}

function randomSecret() {
  const bytes = crypto.getRandomValues(new Uint8Array(30));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_');
}

/** The form's values; a header map that repeats a name is reported at its field. */
function read(f) {
  return {
    name: f.name.control.value,
    description: f.description.control.value,
    url: f.url.control.value.trim(),
    level: f.level.value(),
    ownerId: f.ownerId.control.value.trim(),
    eventTypes: f.eventTypes.value(),
    filter: f.filter.control.value.trim(),
    headerRows: f.headers.read(),
    encryptedRows: f.encryptedHeaders.read(),
    secret: f.secret.control.value,
    removeSecret: f.secret.removal?.checked || false,
    enabled: f.enabled.input.checked,
    enableCloudEventDelivery: f.enableCloudEventDelivery.input.checked,
    checkCertificateRevocation: f.checkCertificateRevocation.input.checked,
    orderedDelivery: f.orderedDelivery.input.checked,
    maxDeliveriesPerSecond: rateOf(f.maxDeliveriesPerSecond.control.value.trim()),
  };
}

/** Empty: no limit; a whole number as a number; anything else as typed, for the service to refuse at the field. */
function rateOf(typed) {
  if (!typed) {
    return null;
  }
  return /^-?\d+$/.test(typed) ? Number(typed) : typed;
}

async function save(f, webhook, submit, formError, context) {
  FIELDS.forEach((name) => f[name].setError(null));
  replace(formError);
  const values = read(f);
  let request;
  try {
    request = webhook ? changeRequest(values, webhook, f) : createRequest(values);
  } catch (problem) {
    showProblems(f, formError, problem.fieldErrors || [], problem);
    return;
  }
  if (!request) {
    replace(formError, h('p', { class: 'notice', role: 'status' }, 'Nothing to save: no field has changed.'));
    return;
  }
  submit.disabled = true;
  submit.textContent = webhook ? 'Saving…' : 'Creating…';
  try {
    await request();
    context.flash(webhook ? `Saved “${values.name}”.` : `Created “${values.name}”.`);
    location.hash = webhooksHref();
  } catch (failure) {
    showApiErrors(f, formError, failure, values);
  } finally {
    submit.disabled = false;
    submit.textContent = webhook ? 'Save changes' : 'Create webhook';
  }
}

function createRequest(values) {
  const body = {
    name: values.name, url: values.url, level: values.level, eventTypes: values.eventTypes, enabled: values.enabled,
    enableCloudEventDelivery: values.enableCloudEventDelivery,
    checkCertificateRevocation: values.checkCertificateRevocation, origin: 'management-console',
  };
  Object.assign(body, optional(values));
  return () => api.post('/api/v1/webhooks', body);
}

/** The optional fields of a full definition (POST and PUT), left out when empty. */
function optional(values) {
  const body = {};
  const headers = maps(values);
  if (values.description) {
    body.description = values.description;
  }
  if (values.filter) {
    body.filter = values.filter;
  }
  if (values.level === 'user' && values.ownerId) {
    body.ownerId = values.ownerId;
  }
  if (Object.keys(headers.headers).length) {
    body.headers = headers.headers;
  }
  if (Object.keys(headers.encryptedHeaders).length) {
    body.encryptedHeaders = headers.encryptedHeaders;
  }
  if (values.secret) {
    body.secret = values.secret;
  }
  if (values.orderedDelivery) {
    body.orderedDelivery = true;
  }
  if (values.maxDeliveriesPerSecond !== null) {
    body.maxDeliveriesPerSecond = values.maxDeliveriesPerSecond;
  }
  return body;
}

function maps(values) {
  const errors = [];
  const result = {};
  [['headers', values.headerRows], ['encryptedHeaders', values.encryptedRows]].forEach(([name, rows]) => {
    try {
      result[name] = headerMap(rows, name);
    } catch (problem) {
      errors.push({ field: name, detail: problem.message });
    }
  });
  if (errors.length) {
    throw fieldProblem(errors);
  }
  return result;
}

function fieldProblem(fieldErrors) {
  const problem = new Error('the form has problems');
  problem.fieldErrors = fieldErrors;
  return problem;
}

function changeRequest(values, webhook, f) {
  const changed = NOT_PATCHABLE.filter((name) => differs(name, values, webhook));
  if (changed.length) {
    return replacement(values, webhook, f, changed);
  }
  const operations = patchOperations(values, webhook, f);
  return operations.length ? () => api.patch(api.webhookPath(webhook.id), operations) : null;
}

function differs(name, values, webhook) {
  switch (name) {
    case 'level': return values.level !== webhook.level;
    case 'ownerId': return values.level === 'user' && values.ownerId !== '' && values.ownerId !== webhook.ownerId;
    case 'filter': return values.filter !== (webhook.filter || '');
    default: return values.checkCertificateRevocation !== webhook.checkCertificateRevocation;
  }
}

const LABELS = { level: 'level', ownerId: 'owner', filter: 'filter', checkCertificateRevocation: 'revocation check' };

/** A PUT replaces everything, so the write-only values must be given again (or their removal chosen). */
function replacement(values, webhook, f, changed) {
  const why = `Changing the ${changed.map((name) => LABELS[name]).join(' and ')} replaces the whole webhook`;
  const errors = [];
  if (webhook.secretKeyAdded && !values.secret && !values.removeSecret) {
    errors.push({ field: 'secret', detail: `${why}, and the service never returns the secret: enter it again, or tick “Remove the secret”.` });
  }
  const missing = values.encryptedRows.filter((row) => !row.value).map((row) => row.name);
  if (missing.length) {
    errors.push({ field: 'encryptedHeaders', detail: `${why}, and the service never returns encrypted header values: enter the value of ${missing.join(', ')} again, or remove it.` });
  }
  if (errors.length) {
    throw fieldProblem(errors);
  }
  const body = {
    name: values.name, url: values.url, level: values.level, eventTypes: values.eventTypes, enabled: values.enabled,
    enableCloudEventDelivery: values.enableCloudEventDelivery,
    checkCertificateRevocation: values.checkCertificateRevocation,
    ownerId: values.ownerId || webhook.ownerId,
  };
  Object.assign(body, optional(values));
  return () => api.put(api.webhookPath(webhook.id), body);
}

function patchOperations(values, webhook, f) {
  const operations = [];
  const replaceOp = (path, value) => operations.push({ op: 'replace', path, value });
  const removeOp = (path) => operations.push({ op: 'remove', path });
  const headers = maps(values);
  if (values.name !== webhook.name) {
    replaceOp('/name', values.name);
  }
  if (values.description !== (webhook.description || '')) {
    if (values.description) {
      replaceOp('/description', values.description);
    } else {
      removeOp('/description');
    }
  }
  if (values.url !== webhook.url) {
    replaceOp('/url', values.url);
  }
  if (!sameSet(values.eventTypes, webhook.eventTypes || [])) {
    replaceOp('/eventTypes', values.eventTypes);
  }
  if (!sameMap(headers.headers, webhook.headers || {})) {
    if (Object.keys(headers.headers).length) {
      replaceOp('/headers', headers.headers);
    } else {
      removeOp('/headers');
    }
  }
  if (values.enabled !== webhook.enabled) {
    replaceOp('/enabled', values.enabled);
  }
  if (values.secret) {
    replaceOp('/secret', values.secret);
  } else if (values.removeSecret) {
    removeOp('/secret');
  }
  if (f.encryptedHeaders.touched()) {
    encryptedHeaderOperation(values, headers.encryptedHeaders, replaceOp, removeOp);
  }
  if (values.enableCloudEventDelivery !== webhook.enableCloudEventDelivery) {
    replaceOp('/enableCloudEventDelivery', values.enableCloudEventDelivery);
  }
  if (values.orderedDelivery !== (webhook.orderedDelivery || false)) {
    replaceOp('/orderedDelivery', values.orderedDelivery);
  }
  if (values.maxDeliveriesPerSecond !== (webhook.maxDeliveriesPerSecond ?? null)) {
    if (values.maxDeliveriesPerSecond === null) {
      removeOp('/maxDeliveriesPerSecond');
    } else {
      replaceOp('/maxDeliveriesPerSecond', values.maxDeliveriesPerSecond);
    }
  }
  return operations;
}

/** The API replaces encrypted headers as one map, so every value must be entered when any of them changes. */
function encryptedHeaderOperation(values, encryptedHeaders, replaceOp, removeOp) {
  const missing = values.encryptedRows.filter((row) => !row.value).map((row) => row.name || 'the new header');
  if (missing.length) {
    throw fieldProblem([{
      field: 'encryptedHeaders',
      detail: `The encrypted headers are replaced together and their values are never returned: enter the value of ${missing.join(', ')} too.`,
    }]);
  }
  if (Object.keys(encryptedHeaders).length) {
    replaceOp('/encryptedHeaders', encryptedHeaders);
  } else {
    removeOp('/encryptedHeaders');
  }
}

function sameSet(a, b) {
  return a.length === b.length && a.every((item) => b.includes(item));
}

function sameMap(a, b) {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => b[key] === a[key]);
}

/** Checks of the form itself, before anything is sent. */
function showProblems(f, formError, fieldErrors, problem) {
  if (!fieldErrors.length) {
    replace(formError, errorBox(problem));
    return;
  }
  fieldErrors.forEach(({ field: name, detail }) => f[name].setError(detail));
  replace(formError, h('p', { class: 'warning', role: 'alert' }, 'Nothing was saved: see the marked fields.'));
  focusField(f, fieldErrors[0].field);
}

/** Each error of the envelope at the field it names; the rest, and the trace id, next to the Save button. */
function showApiErrors(f, formError, failure, values) {
  const errors = failure.errors || [];
  const unplaced = [];
  let first = null;
  errors.forEach((error) => {
    const name = fieldOf(error, FIELDS);
    if (!name) {
      unplaced.push(error);
      return;
    }
    first = first || name;
    f[name].setError([errorLine(error), name === 'filter' ? positionMarker(values.filter, error.detail) : null]);
  });
  if (unplaced.length || !first) {
    replace(formError, errorBox({ errors: unplaced.length ? unplaced : errors, traceId: failure.traceId },
      'The service did not save the webhook.'));
  } else {
    replace(formError, h('p', { class: 'warning', role: 'alert' }, 'The service did not save the webhook: see the marked fields. ',
      failure.traceId ? h('span', { class: 'trace' }, 'Trace id ', h('code', {}, failure.traceId)) : null));
  }
  if (first) {
    focusField(f, first);
  } else {
    formError.querySelector('[role=alert]')?.focus?.();
  }
}

function focusField(f, name) {
  const target = f[name];
  if (target.focus) {
    target.focus();
  } else {
    target.control?.focus();
  }
}
