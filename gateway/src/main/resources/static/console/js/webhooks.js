// Webhooks (API.md §10, admins only): the registered endpoints, and each one's deliveries by status.

import {api, query} from './api.js';
import {h, table, facts, field, announce, time, problem} from './dom.js';

const PAGE_SIZE = 25;
const badge = (status) => h('span', {class: `badge ${status}`}, status);

export async function webhooksPage(page) {
  const result = await api.get('/api/admin/webhooks' + query({limit: 100}));
  page.append(h('h1', {tabindex: -1}, 'Webhooks'),
    table('Webhook endpoints', [['Endpoint'], ['Status'], ['Event types'], ['Description'], ['Registered']],
      result.items.map((w) => h('tr', {},
        h('td', {}, h('a', {href: `#/webhooks/${encodeURIComponent(w.webhookId)}`}, w.url)),
        h('td', {}, badge(w.status)),
        h('td', {}, w.eventTypes.join(', ')),
        h('td', {}, w.description ?? '—'),
        h('td', {}, time(w.createdAt))))));
  if (result.nextCursor) page.append(h('p.hint', {}, 'The first 100 endpoints are shown.'));
}

export async function webhookPage(page, webhookId) {
  const path = `/api/admin/webhooks/${encodeURIComponent(webhookId)}`;
  const w = await api.get(path);
  const status = h('select#delivery-status', {name: 'status'},
    h('option', {value: ''}, 'Any status'), ['PENDING', 'SUCCEEDED', 'FAILED'].map((s) => h('option', {value: s}, s)));
  const body = h('div');
  const rows = [];
  let cursor = null;

  async function load(reset) {
    if (reset) {
      rows.length = 0;
      cursor = null;
    }
    try {
      const result = await api.get(`${path}/deliveries` + query({status: status.value, limit: PAGE_SIZE, cursor}));
      rows.push(...result.items.map(row));
      cursor = result.nextCursor;
      body.replaceChildren(table('Deliveries', [['Event'], ['Type'], ['Status'], ['Attempts', 'num'],
        ['Last answer'], ['Next attempt'], ['Delivered'], ['Action']], rows, {captionHidden: true}));
      if (cursor) body.append(h('button.secondary', {type: 'button', onclick: () => load(false)}, 'Load more'));
    } catch (error) {
      body.replaceChildren(problem(error));
    }
  }

  function row(d) {
    return h('tr', {},
      h('td.num', {}, d.eventId), h('td', {}, h('span.type', {}, d.type)), h('td', {}, badge(d.status)),
      h('td.num', {}, String(d.attempts)),
      h('td', {}, d.lastStatusCode !== null ? `HTTP ${d.lastStatusCode}` : (d.lastError ?? '—')),
      h('td', {}, time(d.nextAttemptAt)), h('td', {}, time(d.deliveredAt)),
      h('td', {}, h('button.secondary', {type: 'button', 'aria-label': `Redeliver event ${d.eventId}`,
        onclick: async () => {
          try {
            await api.post(`${path}/deliveries/${encodeURIComponent(d.deliveryId)}/redeliver`);
            announce(`Event ${d.eventId} queued again`);
            await load(true);
          } catch (error) {
            body.prepend(problem(error));
          }
        }}, 'Redeliver')));
  }

  page.append(
    h('p.crumbs', {}, h('a', {href: '#/webhooks'}, 'Webhooks'), ' › ', h('code', {}, webhookId)),
    h('h1', {tabindex: -1}, w.description || 'Webhook endpoint'),
    facts([
      ['URL', h('code', {}, w.url)], ['Status', badge(w.status)], ['Event types', w.eventTypes.join(', ')],
      ['Registered', time(w.createdAt)], ['Last change', time(w.updatedAt)],
    ]),
    h('h2', {}, 'Deliveries'),
    h('form.filters', {'aria-label': 'Deliveries filter', onsubmit: (event) => {
      event.preventDefault();
      load(true);
    }}, field('Status', status), h('button', {type: 'submit'}, 'Show')),
    body);
  await load(true);
}
