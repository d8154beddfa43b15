// The console's only source of data: the service's /api/v1, called with the signed-in user's bearer token.
import * as session from './session.js';

/** An error answer of the API: its envelope {"errors":[{code,title,detail}],"traceId"}, or a network failure. */
export class ApiError extends Error {
  constructor(status, body) {
    const errors = Array.isArray(body?.errors) && body.errors.length > 0 ? body.errors : [fallback(status)];
    super(errors.map((e) => e.detail || e.title).join('; '));
    this.status = status;
    this.errors = errors;
    this.traceId = typeof body?.traceId === 'string' ? body.traceId : null;
  }

  get code() {
    return this.errors[0].code;
  }

  get detail() {
    return this.errors[0].detail || this.errors[0].title || '';
  }
}

function fallback(status) {
  if (status === 0) {
    return { code: 'NETWORK', title: 'The service could not be reached', detail: 'check the connection and try again' };
  }
  return { code: `HTTP_${status}`, title: `HTTP ${status}`, detail: 'the service answered without an error description' };
}

/** Calls the API; resolves with the JSON answer (null for 204), rejects with an ApiError. */
export async function call(method, path, { query, body, token = session.token() } = {}) {
  if (!token) {
    // Signed out meanwhile (another view's sign-out, an expiry): nothing is sent without a token.
    throw new ApiError(401, { errors: [{ code: 'UNAUTHORIZED', title: 'Unauthorized', detail: 'you are signed out' }] });
  }
  const search = query ? new URLSearchParams(query).toString() : '';
  const headers = { Accept: 'application/json', Authorization: `Bearer ${token}` };
  if (body !== undefined) {
    headers['Content-Type'] = method === 'PATCH' ? 'application/json-patch+json' : 'application/json';
  }
  let response;
  try {
    response = await fetch(search ? `${path}?${search}` : path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'omit', cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, null);
  }
  const json = await readJson(response);
  if (!response.ok) {
    const error = new ApiError(response.status, json);
    if (response.status === 401 && token === session.token()) {
      session.signOut(`The service refused your token: ${error.detail}.`);
    }
    throw error;
  }
  return json;
}

async function readJson(response) {
  const text = await response.text();
  if (!text) {
    return null;
  }
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export const get = (path, query) => call('GET', path, { query });
export const post = (path, body) => call('POST', path, { body });
export const put = (path, body) => call('PUT', path, { body });
export const patch = (path, operations) => call('PATCH', path, { body: operations });
export const remove = (path) => call('DELETE', path);

export const webhookPath = (id) => `/api/v1/webhooks/${encodeURIComponent(id)}`;
export const deliveriesPath = (id) => `${webhookPath(id)}/deliveries`;
export const deliveryPath = (id, deliveryId) => `${deliveriesPath(id)}/${encodeURIComponent(deliveryId)}`;

let catalogRequest = null;

/** The event type catalog, fetched once per sign-in. */
export function catalog() {
  if (!catalogRequest) {
    catalogRequest = get('/api/v1/webhooks/event-types').then((answer) => answer.data || []);
    catalogRequest.catch(() => {
      catalogRequest = null;
    });
  }
  return catalogRequest;
}

export function forgetCatalog() {
  catalogRequest = null;
}

/** The cursor of a list answer's next or prev link (links are absolute URLs; only their cursor is used). */
export function cursor(links, name) {
  const href = links?.[name]?.href;
  if (!href) {
    return null;
  }
  try {
    return new URL(href, location.href).searchParams.get(name);
  } catch {
    return null;
  }
}
