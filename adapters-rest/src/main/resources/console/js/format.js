import { h } from './dom.js';

const LOCAL = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const SHORT = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const HOUR = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const TICK = new Intl.DateTimeFormat(undefined, { hour: 'numeric' });

/** "2026-03-01 14:05:09 UTC" */
export function utc(date) {
  return date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

/** A time in the browser's time zone, with UTC on hover; a dash when there is none. Short: without seconds. */
export function time(iso, { short = false } = {}) {
  if (!iso) {
    return h('span', { class: 'muted' }, '—');
  }
  const date = new Date(iso);
  return h('time', { datetime: iso, title: utc(date) }, (short ? SHORT : LOCAL).format(date));
}

/** "14:00" in the browser's time zone. */
export function hourLabel(date) {
  return HOUR.format(date);
}

/** "3 PM" or "15", as the browser's locale says an hour. */
export function tickLabel(date) {
  return TICK.format(date);
}

/** JSON pretty-printed; text that is not JSON as it is. */
export function pretty(body) {
  if (body === null || body === undefined || body === '') {
    return '';
  }
  if (typeof body !== 'string') {
    return JSON.stringify(body, null, 2);
  }
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** "1 delivery", "3 deliveries" */
export function count(n, one, many) {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}
