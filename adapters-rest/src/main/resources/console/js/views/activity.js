// The chart at the top of a delivery history: successes and failures per hour over the last 24 hours. The API has
// no counts, so they are computed here from the delivery list, newest first, paging back until 24 hours ago.
import { h, svg, replace, loading } from '../dom.js';
import * as api from '../api.js';
import { hourLabel, tickLabel, count } from '../format.js';
import { errorBox } from '../errors.js';

const HOUR = 3_600_000;
const PAGE_SIZE = 100;
/** At most this many pages are read (2,000 deliveries, well within the read rate limit); a busier webhook's chart says where it stops. */
const MAX_PAGES = 20;

/** Counts per hour of the 24 hours up to the end of the current hour. */
export async function hourlyCounts(webhookId, now = Date.now()) {
  const end = Math.ceil((now + 1) / HOUR) * HOUR;
  const start = end - 24 * HOUR;
  const hours = Array.from({ length: 24 }, (_, index) => ({ start: start + index * HOUR, success: 0, fail: 0 }));
  let cursor = null;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const query = { sort: '-triggeredAt', limit: String(PAGE_SIZE) };
    if (cursor) {
      query.next = cursor;
    }
    const answer = await api.get(api.deliveriesPath(webhookId), query);
    for (const delivery of answer.data || []) {
      const at = Date.parse(delivery.triggeredAt);
      if (at < start) {
        return { hours, complete: true };
      }
      const hour = hours[Math.min(23, Math.floor((at - start) / HOUR))];
      hour[delivery.status === 'success' ? 'success' : 'fail'] += 1;
    }
    cursor = api.cursor(answer.links, 'next');
    if (!cursor) {
      return { hours, complete: true };
    }
  }
  return { hours, complete: false };
}

/** The chart's figure: loading first, then the bars, a summary sentence and the numbers as a table. */
export function activityChart(webhookId) {
  const body = h('div', { class: 'chart-body' }, loading('Counting the last 24 hours of deliveries…'));
  const figure = h('figure', { class: 'activity card', id: 'activity' },
    h('figcaption', {}, h('h2', {}, 'Last 24 hours'), h('p', { class: 'legend', 'aria-hidden': 'true' },
      h('span', { class: 'swatch success' }), 'Succeeded', h('span', { class: 'swatch fail' }), 'Failed')),
    body);
  hourlyCounts(webhookId).then((counts) => draw(body, counts), (failure) => {
    replace(body, errorBox(failure, 'The chart could not be drawn.'));
  });
  return figure;
}

function draw(body, { hours, complete }) {
  const succeeded = hours.reduce((sum, hour) => sum + hour.success, 0);
  const failed = hours.reduce((sum, hour) => sum + hour.fail, 0);
  const sentence = succeeded + failed === 0
    ? 'No deliveries in the last 24 hours.'
    : `${count(succeeded, 'delivery', 'deliveries')} succeeded and ${count(failed, 'delivery', 'deliveries')} failed in the last 24 hours.`;
  const plot = h('div', { class: 'plot' });
  replace(body, h('p', { class: 'chart-summary' }, sentence,
    complete ? '' : ` Counted from the newest ${count(MAX_PAGES * PAGE_SIZE, 'delivery', 'deliveries')} only.`),
  plot, numbers(hours));
  let drawnWidth = 0;
  const render = () => {
    const width = plot.clientWidth || 600;
    if (width !== drawnWidth) {
      drawnWidth = width;
      replace(plot, bars(hours, width, sentence));
    }
  };
  render();
  new ResizeObserver(render).observe(plot);
}

function bars(hours, width, label) {
  const height = 160;
  const left = 34;
  const bottom = 22;
  const top = 8;
  const plotHeight = height - top - bottom;
  const max = niceMax(Math.max(1, ...hours.map((hour) => hour.success + hour.fail)));
  const step = (width - left - 4) / hours.length;
  const y = (value) => top + plotHeight - (value / max) * plotHeight;
  const every = width < 520 ? 4 : 2;
  return svg('svg', { class: 'chart', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label },
    [0, max / 2, max].map((value) => svg('g', { class: 'grid' },
      svg('line', { x1: left, x2: width - 4, y1: y(value), y2: y(value) }),
      svg('text', { x: left - 6, y: y(value) + 4, 'text-anchor': 'end' }, formatTick(value)))),
    hours.map((hour, index) => {
      const x = left + index * step + step * 0.15;
      const barWidth = Math.max(1, step * 0.7);
      const from = new Date(hour.start);
      return svg('g', { class: 'hour' },
        svg('title', {}, `${hourLabel(from)}–${hourLabel(new Date(hour.start + HOUR))}: ${hour.success} succeeded, ${hour.fail} failed`),
        svg('rect', { class: 'hit', x: left + index * step, y: top, width: step, height: plotHeight }),
        hour.success ? svg('rect', { class: 'bar success', x, width: barWidth, y: y(hour.success), height: y(0) - y(hour.success) }) : null,
        hour.fail ? svg('rect', { class: 'bar fail', x, width: barWidth, y: y(hour.success + hour.fail), height: y(hour.success) - y(hour.success + hour.fail) }) : null,
        index % every === 0 ? svg('text', { class: 'tick', x: left + index * step, y: height - 6 }, tickLabel(from)) : null);
    }));
}

function niceMax(value) {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const nice = [1, 2, 4, 10].find((factor) => factor * magnitude >= value);
  return Math.max(2, nice * magnitude);
}

function formatTick(value) {
  return Number.isInteger(value) ? value.toLocaleString() : value.toFixed(1);
}

function numbers(hours) {
  return h('details', { class: 'chart-numbers' },
    h('summary', {}, 'Numbers per hour'),
    h('table', { class: 'data compact' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Hour'), h('th', { scope: 'col' }, 'Succeeded'), h('th', { scope: 'col' }, 'Failed'))),
      h('tbody', {}, hours.map((hour) => h('tr', {},
        h('th', { scope: 'row' }, `${hourLabel(new Date(hour.start))}–${hourLabel(new Date(hour.start + HOUR))}`),
        h('td', {}, String(hour.success)), h('td', {}, String(hour.fail)))))));
}
