// Shows the API's error envelopes next to what caused them: a form field when the error names one, else the
// action's own message area.
import { h } from './dom.js';

const FIELD_BY_CODE = {
  INVALID_FILTER: 'filter',
  UNKNOWN_EVENT_TYPE: 'eventTypes',
  ENCRYPTED_HEADERS_REQUIRED: 'encryptedHeaders',
  CLOUD_EVENT_DELIVERY_LOCKED: 'enableCloudEventDelivery',
};

/** An ApiError as it is, or any other failure as one error of the same shape. */
export function envelopeOf(failure) {
  if (failure && Array.isArray(failure.errors)) {
    return failure;
  }
  return {
    errors: [{ code: 'CONSOLE_ERROR', title: 'The console failed', detail: String(failure?.message || failure) }],
    traceId: null,
  };
}

/** One error as "Title: detail (CODE)". */
export function errorLine(error) {
  return [
    h('strong', {}, error.title || error.code || 'Error'),
    error.detail ? `: ${error.detail}` : '',
    ' ',
    h('code', { class: 'error-code' }, error.code || ''),
  ];
}

/** The whole envelope, with its trace id, as an alert. */
export function errorBox(failure, lead) {
  const envelope = envelopeOf(failure);
  return h('div', { class: 'error-box', role: 'alert' },
    lead ? h('p', { class: 'error-lead' }, lead) : null,
    h('ul', {}, envelope.errors.map((error) => h('li', {}, errorLine(error)))),
    envelope.traceId ? h('p', { class: 'trace' }, 'Trace id ', h('code', {}, envelope.traceId)) : null);
}

/**
 * The form field an error is about: by its code, or by the field its detail starts with ("'url' must ...",
 * "'/name' is required ..."), when that field is one of {@code fields}.
 */
export function fieldOf(error, fields) {
  const byCode = FIELD_BY_CODE[error.code];
  if (byCode && fields.includes(byCode)) {
    return byCode;
  }
  const named = /^'\/?([A-Za-z]+)/.exec(error.detail || '');
  return named && fields.includes(named[1]) ? named[1] : null;
}

/** For a filter error "... at position 7": the filter with a caret under that position. */
export function positionMarker(text, detail) {
  const match = /at position (\d+)/.exec(detail || '');
  if (!match || !text) {
    return null;
  }
  const position = Math.min(Number(match[1]), text.length);
  return h('pre', { class: 'position-marker', 'aria-hidden': 'true' }, `${text}\n${' '.repeat(position)}^`);
}
