// Escrows and transfers, listed by state, and each one's details.

import {api, query} from './api.js';
import {h, table, facts, field, time, problem} from './dom.js';
import {money} from './money.js';

const PAGE_SIZE = 25;


const walletLink = (id) => id ? h('a', {href: `#/wallets/${encodeURIComponent(id)}`}, h('code', {}, id)) : '—';
const badge = (state) => h('span', {class: `badge ${state}`}, state);

/**
 * A list page: a state filter and "Load more" paging with the API's cursor (a growing list keeps the rows one has
 * already read where they were).
 */
async function listPage(page, {title, path, param, states, headers, row}) {
  // a list by state, or (with no states to choose from) by wallet id
  const state = states
    ? h('select#state', {name: param},
      h('option', {value: ''}, 'Any state'), states.map((s) => h('option', {value: s}, s)))
    : h('input#filter-wallet', {name: param, autocomplete: 'off', spellcheck: 'false'});
  const rows = [];
  const body = h('div');
  let cursor = null;

  async function load(reset) {
    if (reset) {
      rows.length = 0;
      cursor = null;
    }
    try {
      const result = await api.get(path + query({[param]: state.value, limit: PAGE_SIZE, cursor}));
      rows.push(...result.items.map(row));
      cursor = result.nextCursor;
      body.replaceChildren(table(title, headers, rows));
      if (cursor) body.append(h('button.secondary', {type: 'button', onclick: () => load(false)}, 'Load more'));
    } catch (error) {
      body.replaceChildren(problem(error));
    }
  }

  page.append(h('h1', {tabindex: -1}, title),
    h('form.filters', {'aria-label': `${title} filter`, onsubmit: (event) => {
      event.preventDefault();
      load(true);
    }}, field(states ? 'State' : 'Wallet id', state), h('button', {type: 'submit'}, 'Show')),
    body);
  await load(true);
}

export function escrowsPage(page) {
  return listPage(page, {
    title: 'Escrows', path: '/api/escrows', param: 'state',
    states: ['CREATED', 'FUNDED', 'RELEASED', 'REFUNDED', 'EXPIRED'],
    headers: [['Escrow'], ['State'], ['Amount', 'num'], ['Buyer'], ['Seller'], ['Created']],
    row: (e) => h('tr', {},
      h('td', {}, h('a', {href: `#/escrows/${encodeURIComponent(e.escrowId)}`}, e.description || e.escrowId)),
      h('td', {}, badge(e.state)),
      h('td.num', {}, money(e.amount, e.currency)),
      h('td', {}, e.buyerId), h('td', {}, e.sellerId),
      h('td', {}, time(e.createdAt))),
  });
}

export async function transfersPage(page) {
  await listPage(page, {
    title: 'Transfers', path: '/api/transfers', param: 'status',
    states: ['PENDING', 'COMPLETED', 'FAILED'],
    headers: [['Transfer'], ['Status'], ['Amount', 'num'], ['From'], ['To'], ['Created']],
    row: (t) => h('tr', {},
      h('td', {}, h('a', {href: `#/transfers/${encodeURIComponent(t.transferId)}`}, t.reference || t.transferId)),
      h('td', {}, badge(t.status)),
      h('td.num', {}, money(t.amount, t.currency)),
      h('td', {}, walletLink(t.fromWalletId)), h('td', {}, walletLink(t.toWalletId)),
      h('td', {}, time(t.createdAt))),
  });
}

export async function transactionsPage(page) {
  await listPage(page, {
    title: 'Transactions', path: '/api/transactions', param: 'walletId',
    headers: [['Transaction'], ['Status'], ['Amount', 'num'], ['Legs', 'num'], ['Created']],
    row: (t) => h('tr', {},
      h('td', {}, h('a', {href: `#/transactions/${encodeURIComponent(t.transactionId)}`},
        t.reference || t.transactionId)),
      h('td', {}, badge(t.status)),
      h('td.num', {}, money(debited(t), t.currency)),
      h('td.num', {}, String(t.legs.length)),
      h('td', {}, time(t.createdAt))),
  });
}

/** What a transaction moves: the sum of its debit legs, added digit by digit from the decimal strings. */
function debited(transaction) {
  return transaction.legs.filter((leg) => leg.direction === 'debit').map((leg) => leg.amount).reduce(addDecimals);
}

// the amounts of one currency share a scale, so the digits add as integers (BigInt: exact at any size)
function addDecimals(a, b) {
  const scale = (a.split('.')[1] || '').length;
  const sum = BigInt(a.replace('.', '')) + BigInt(b.replace('.', ''));
  const digits = sum.toString().padStart(scale + 1, '0');
  return scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
}

export async function transactionPage(page, transactionId) {
  const t = await api.get(`/api/transactions/${encodeURIComponent(transactionId)}`);
  page.append(
    h('p.crumbs', {}, h('a', {href: '#/transactions'}, 'Transactions'), ' › ', h('code', {}, transactionId)),
    h('h1', {tabindex: -1}, t.reference || 'Transaction'),
    h('div.amounts', {}, h('div.amount', {}, h('span.amount-label', {}, 'Amount'),
      h('span.amount-value', {}, money(debited(t), t.currency))),
    h('div.amount', {}, h('span.amount-label', {}, 'Status'), h('span.amount-value', {}, badge(t.status)))),
    facts([
      ['Transaction id', h('code', {}, t.transactionId)],
      ['Reversal of', t.reversalOf ? h('a', {href: `#/transactions/${encodeURIComponent(t.reversalOf)}`},
        h('code', {}, t.reversalOf)) : null],
      ['Created', time(t.createdAt)],
      ['Metadata', metadata(t.metadata)],
    ]),
    h('h2', {}, 'Legs'),
    table('Legs', [['Wallet'], ['Debit', 'num'], ['Credit', 'num']], t.legs.map((leg) => h('tr', {},
      h('td', {}, walletLink(leg.walletId)),
      h('td.num', {}, leg.direction === 'debit' ? money(leg.amount, t.currency) : ''),
      h('td.num', {}, leg.direction === 'credit' ? money(leg.amount, t.currency) : ''))), {captionHidden: true}));
}

function metadata(value) {
  const entries = Object.entries(value || {});
  return entries.length ? facts(entries.map(([k, v]) => [k, v]), 'facts compact') : '—';
}

export async function escrowPage(page, escrowId) {
  const e = await api.get(`/api/escrows/${encodeURIComponent(escrowId)}`);
  page.append(
    h('p.crumbs', {}, h('a', {href: '#/escrows'}, 'Escrows'), ' › ', h('code', {}, escrowId)),
    h('h1', {tabindex: -1}, e.description || 'Escrow'),
    h('div.amounts', {}, h('div.amount', {}, h('span.amount-label', {}, 'Amount'),
      h('span.amount-value', {}, money(e.amount, e.currency))),
    h('div.amount', {}, h('span.amount-label', {}, 'State'), h('span.amount-value', {}, badge(e.state)))),
    facts([
      ['Escrow id', h('code', {}, e.escrowId)],
      ['Buyer', e.buyerId], ['Buyer wallet', walletLink(e.buyerWalletId)],
      ['Seller', e.sellerId], ['Seller wallet', walletLink(e.sellerWalletId)],
      ['Expires after', `${e.expiresInSeconds} s`],
      ['Created', time(e.createdAt)], ['Funded', time(e.fundedAt)], ['Expires', time(e.expiresAt)],
      ['Released', time(e.releasedAt)], ['Refunded', time(e.refundedAt)], ['Expired', time(e.expiredAt)],
      ['Version', String(e.version)],
    ]));
}

export async function transferPage(page, transferId) {
  const t = await api.get(`/api/transfers/${encodeURIComponent(transferId)}`);
  page.append(
    h('p.crumbs', {}, h('a', {href: '#/transfers'}, 'Transfers'), ' › ', h('code', {}, transferId)),
    h('h1', {tabindex: -1}, t.reference || 'Transfer'),
    h('div.amounts', {}, h('div.amount', {}, h('span.amount-label', {}, 'Amount'),
      h('span.amount-value', {}, money(t.amount, t.currency))),
    h('div.amount', {}, h('span.amount-label', {}, 'Status'), h('span.amount-value', {}, badge(t.status))),
    t.reversedAmount !== undefined && t.reversedAmount !== null
      ? h('div.amount', {}, h('span.amount-label', {}, 'Reversed'),
        h('span.amount-value', {}, money(t.reversedAmount, t.currency)))
      : null),
    facts([
      ['Transfer id', h('code', {}, t.transferId)],
      ['From', walletLink(t.fromWalletId)], ['To', walletLink(t.toWalletId)],
      ['Failure', t.failureCode],
      ['Reversal of', t.reversalOf ? h('a', {href: `#/transfers/${encodeURIComponent(t.reversalOf)}`},
        h('code', {}, t.reversalOf)) : null],
      ['Created', time(t.createdAt)], ['Completed', time(t.completedAt)],
      ['Metadata', metadata(t.metadata)],
    ]));
}
