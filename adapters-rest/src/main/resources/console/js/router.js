// Hash routes, so that one page serves every view and a reload or the back button keeps the place.

const ROUTES = [
  { pattern: /^\/webhooks\/?$/, view: 'webhooks' },
  { pattern: /^\/webhooks\/new$/, view: 'new-webhook' },
  { pattern: /^\/webhooks\/([^/]+)$/, view: 'webhook' },
  { pattern: /^\/webhooks\/([^/]+)\/deliveries$/, view: 'deliveries' },
  { pattern: /^\/webhooks\/([^/]+)\/deliveries\/([^/]+)$/, view: 'delivery' },
];

/** The view, its path parameters and its query of a location hash such as "#/webhooks?name=x". */
export function route(hash) {
  const text = hash.replace(/^#/, '');
  const split = text.indexOf('?');
  const path = (split < 0 ? text : text.slice(0, split)) || '/webhooks';
  const query = new URLSearchParams(split < 0 ? '' : text.slice(split + 1));
  for (const { pattern, view } of ROUTES) {
    const match = pattern.exec(path);
    if (match) {
      return { view, ids: match.slice(1).map(decodeURIComponent), query, path };
    }
  }
  return { view: 'not-found', ids: [], query, path };
}

/** "#/webhooks/abc/deliveries?status=fail" from a path and optional query entries (empty values left out). */
export function href(path, query) {
  const params = new URLSearchParams();
  for (const [key, value] of query instanceof URLSearchParams ? query.entries() : Object.entries(query || {})) {
    if (value !== undefined && value !== null && value !== '') {
      params.append(key, value);
    }
  }
  const search = params.toString();
  return `#${path}${search ? `?${search}` : ''}`;
}

export const webhooksHref = (query) => href('/webhooks', query);
export const webhookHref = (id) => href(`/webhooks/${encodeURIComponent(id)}`);
export const deliveriesHref = (id, query) => href(`/webhooks/${encodeURIComponent(id)}/deliveries`, query);
export const deliveryHref = (id, deliveryId) =>
  href(`/webhooks/${encodeURIComponent(id)}/deliveries/${encodeURIComponent(deliveryId)}`);
