// Finding a wallet, and a wallet's page: its amounts, active holds, journal, raw events, updated live.

import {api, query} from './api.js';
import {h, table, facts, field, announce, time, problem} from './dom.js';
import {money} from './money.js';
import {subscribe} from './stream.js';

const ENTRY_TYPES = ['DEPOSITED', 'WITHDRAWN', 'HOLD_PLACED', 'HOLD_CAPTURED', 'HOLD_VOIDED', 'HOLD_EXPIRED',
  'TRANSFER_SENT', 'TRANSFER_RECEIVED', 'TRANSACTION_DEBITED', 'TRANSACTION_CREDITED', 'ESCROW_RECEIVED',
  'FROZEN', 'UNFROZEN', 'CLOSED'];
const PAGE_SIZE = 20;

function walletRows(wallets) {
  return wallets.map((w) => h('tr', {},
    h('td', {}, h('a', {href: `#/wallets/${encodeURIComponent(w.walletId)}`}, w.label || w.walletId)),
    h('td', {}, w.ownerId),
    h('td', {}, h('span', {class: `badge ${w.status}`}, w.status)),
    h('td.num', {}, money(w.balance, w.currency)),
    h('td.num', {}, money(w.available, w.currency))));
}

const WALLET_HEADERS = [['Wallet'], ['Owner'], ['Status'], ['Balance', 'num'], ['Available', 'num']];

export async function findWalletPage(page, me) {
  const byId = h('input#wallet-id', {name: 'walletId', autocomplete: 'off', spellcheck: 'false',
    placeholder: '5f0c…-…'});
  const byOwner = h('input#owner-id', {name: 'ownerId', autocomplete: 'off', spellcheck: 'false',
    value: me.role === 'client' ? me.userId : null, readonly: me.role === 'client'});
  const results = h('div', {'aria-live': 'polite'});

  async function listByOwner(ownerId) {
    results.replaceChildren(h('p.muted', {}, 'Loading…'));
    try {
      const found = await api.get('/api/wallets' + query({ownerId, limit: 100}));
      results.replaceChildren(table(ownerId ? `Wallets of ${ownerId}` : 'Wallets', WALLET_HEADERS,
        walletRows(found.items)));
      announce(`${found.items.length} wallet${found.items.length === 1 ? '' : 's'} found`);
    } catch (error) {
      results.replaceChildren(problem(error));
    }
  }

  page.append(
    h('h1', {tabindex: -1}, 'Find a wallet'),
    h('div.cards', {},
      h('form.card', {'aria-labelledby': 'find-id-title', onsubmit: (event) => {
        event.preventDefault();
        const id = byId.value.trim();
        if (id) location.hash = `#/wallets/${encodeURIComponent(id)}`;
      }},
      h('h2#find-id-title', {}, 'By id'),
      field('Wallet id', byId),
      h('button', {type: 'submit'}, 'Open wallet')),
      h('form.card', {'aria-labelledby': 'find-owner-title', onsubmit: (event) => {
        event.preventDefault();
        listByOwner(byOwner.value.trim());
      }},
      h('h2#find-owner-title', {}, 'By owner'),
      field('Owner id', byOwner),
      me.role === 'client' ? h('p.hint', {}, 'A client key sees its own wallets only.') : null,
      h('button', {type: 'submit'}, 'Find wallets'))),
    h('section', {'aria-label': 'Results'}, results));
  // a client has one owner to look for; show its wallets at once
  if (me.role === 'client') await listByOwner(me.userId);
}

export async function walletPage(page, walletId) {
  const wallet = await api.get(`/api/wallets/${encodeURIComponent(walletId)}`);
  const currency = wallet.currency;
  const title = h('h1', {tabindex: -1}, wallet.label || 'Wallet');
  const live = h('span#live.live', {role: 'status'}, 'connecting…');
  const summary = h('section#summary', {'aria-labelledby': 'summary-title'});
  const holds = h('section#holds', {'aria-labelledby': 'holds-title'});
  const journal = h('section#journal', {'aria-labelledby': 'journal-title'});
  const events = h('section', {'aria-labelledby': 'events-title'});

  function renderSummary(view) {
    summary.replaceChildren(
      h('h2#summary-title.visually-hidden', {}, 'Amounts'),
      h('div.amounts', {},
        amount('Balance', view.balance, 'balance'),
        amount('Held', view.held, 'held'),
        amount('Available', view.available, 'available')),
      facts([
        ['Wallet id', h('code', {}, view.walletId)],
        ['Owner', view.ownerId],
        ['Status', h('span', {class: `badge ${view.status}`}, view.status)],
        ['Version', String(view.version)],
        ['Opened', time(view.createdAt)],
        ['Last change', time(view.updatedAt)],
      ]));
  }

  function amount(label, value, id) {
    return h('div.amount', {}, h('span.amount-label', {}, label),
      h('span.amount-value', {id: `amount-${id}`}, money(value, currency)));
  }

  async function loadHolds() {
    try {
      const page = await api.get(`/api/wallets/${encodeURIComponent(walletId)}/holds?status=ACTIVE&limit=100`);
      holds.replaceChildren(h('h2#holds-title', {}, 'Active holds'), page.items.length
        ? table('Active holds', [['Hold'], ['Amount', 'num'], ['Reference'], ['Expires']],
          page.items.map((hold) => h('tr', {},
            h('td', {}, h('code', {}, hold.holdId)),
            h('td.num', {}, money(hold.amount, currency)),
            h('td', {}, hold.reference ?? '—'),
            h('td', {}, time(hold.expiresAt)))), {captionHidden: true})
        : h('p.muted', {}, 'No active holds.'));
    } catch (error) {
      holds.replaceChildren(h('h2#holds-title', {}, 'Active holds'), problem(error));
    }
  }

  renderSummary(wallet);
  page.append(
    h('p.crumbs', {}, h('a', {href: '#/wallets'}, 'Wallets'), ' › ', h('code', {}, walletId)),
    h('div.title-row', {}, title, live),
    summary, holds, journal, events);
  await Promise.all([loadHolds(), journalSection(journal, walletId, currency), eventsSection(events, walletId)]);

  let refreshing = null;
  const stop = subscribe((type, view) => {
    if (type !== 'wallet' || view.walletId !== walletId) return;
    renderSummary(view);
    announce(`Balance now ${money(view.balance, currency)}`);
    // the journal and holds follow the change; coalesced, so a burst of events costs one reload
    refreshing ??= setTimeout(() => {
      refreshing = null;
      loadHolds();
      journal.dispatchEvent(new Event('refresh'));
    }, 300);
  }, async (state) => {
    live.textContent = {live: '● live', reconnecting: 'reconnecting…', unavailable: 'live updates off'}[state];
    live.className = `live state-${state}`;
    if (state !== 'live') return;
    // the stream tells what changes from now on: read once more what may have changed between the page's first
    // read (or the last connection) and this one
    try {
      renderSummary(await api.get(`/api/wallets/${encodeURIComponent(walletId)}`));
    } catch (error) {
      summary.append(problem(error));
    }
  });
  return stop;
}

async function journalSection(section, walletId, currency) {
  const type = h('select#entry-type', {name: 'type'},
    h('option', {value: ''}, 'All types'), ENTRY_TYPES.map((t) => h('option', {value: t}, t)));
  const from = h('input#entry-from', {type: 'date', name: 'from'});
  const to = h('input#entry-to', {type: 'date', name: 'to'});
  const body = h('div');
  const cursors = [null]; // cursors[i] opens page i; going back reuses the cursor that opened the page before
  let index = 0;

  // a date picked in "to" means "up to the end of that day"; the API's `to` excludes its instant
  const range = () => ({
    from: from.value ? `${from.value}T00:00:00Z` : null,
    to: to.value ? new Date(Date.parse(`${to.value}T00:00:00Z`) + 86_400_000).toISOString() : null,
  });

  async function load() {
    try {
      const result = await api.get(`/api/wallets/${encodeURIComponent(walletId)}/entries`
        + query({...range(), type: type.value, limit: PAGE_SIZE, cursor: cursors[index]}));
      cursors[index + 1] = result.nextCursor;
      body.replaceChildren(
        table(`Journal, page ${index + 1}`,
          [['When'], ['Type'], ['Amount', 'num'], ['Balance after', 'num'], ['Available after', 'num'],
            ['Reference'], ['Counterparty']],
          result.items.map((e) => h('tr', {},
            h('td', {}, time(e.occurredAt)),
            h('td', {}, h('span.type', {}, e.type)),
            h('td.num', {}, money(e.amount, currency)),
            h('td.num', {}, money(e.balanceAfter, currency)),
            h('td.num', {}, money(e.availableAfter, currency)),
            h('td', {}, e.reference ?? '—'),
            h('td', {}, counterparty(e)))), {captionHidden: true}),
        h('nav.pager', {'aria-label': 'Journal pages'},
          h('button', {type: 'button', disabled: index === 0, onclick: () => { index--; load(); }}, '‹ Newer'),
          h('span', {}, `Page ${index + 1}`),
          h('button', {type: 'button', disabled: !result.nextCursor, onclick: () => { index++; load(); }},
            'Older ›')));
    } catch (error) {
      body.replaceChildren(problem(error));
    }
  }

  const filters = h('form.filters', {'aria-label': 'Journal filters', onsubmit: (event) => {
    event.preventDefault();
    cursors.length = 1;
    index = 0;
    load();
  }},
  field('Type', type), field('From', from), field('To', to),
  h('button', {type: 'submit'}, 'Apply'),
  h('button.secondary', {type: 'button', onclick: async (event) => {
    const button = event.currentTarget;
    button.disabled = true;
    try {
      // the CSV export takes the dates but no type filter (API.md §7)
      await api.download(`/api/wallets/${encodeURIComponent(walletId)}/entries.csv` + query(range()),
        `wallet-${walletId}-entries.csv`);
      announce('CSV downloaded');
    } catch (error) {
      body.prepend(problem(error));
    } finally {
      button.disabled = false;
    }
  }}, 'Download CSV'));

  section.addEventListener('refresh', () => { if (index === 0) load(); });
  section.replaceChildren(h('h2#journal-title', {}, 'Journal'), filters, body);
  await load();
}

// a transfer's counterparty is the other wallet; a transaction's, the transaction (API.md §9)
function counterparty(entry) {
  if (!entry.counterparty) return '—';
  const code = h('code', {}, entry.counterparty);
  const target = entry.type.startsWith('TRANSFER_') ? 'wallets'
    : entry.type.startsWith('TRANSACTION_') ? 'transactions' : null;
  return target ? h('a', {href: `#/${target}/${encodeURIComponent(entry.counterparty)}`}, code) : code;
}

async function eventsSection(section, walletId) {
  const body = h('div');
  let after = null;

  async function load() {
    try {
      const result = await api.get(`/api/wallets/${encodeURIComponent(walletId)}/events`
        + query({afterSequence: after, limit: 50}));
      for (const e of result.items) {
        body.append(h('details.event', {},
          h('summary', {}, h('span.seq', {}, `#${e.sequence}`), ' ', h('span.type', {}, e.type), ' ',
            time(e.occurredAt)),
          h('pre', {}, JSON.stringify({payload: e.payload, metadata: e.metadata, revision: e.revision}, null, 2))));
        after = e.sequence;
      }
      more.hidden = !result.nextCursor;
    } catch (error) {
      body.append(problem(error));
    }
  }
  const more = h('button.secondary', {type: 'button', hidden: true, onclick: load}, 'More events');
  section.replaceChildren(h('h2#events-title', {}, 'Raw events'),
    h('p.hint', {}, 'The wallet\'s history as stored, oldest first. Open one to see its payload.'), body, more);
  await load();
}
