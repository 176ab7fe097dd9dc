// The console's shell: sign-in, the role-aware navigation and a hash router (#/wallets/<id>), so every page has an
// address that survives a reload without the server knowing the console's routes.

import {api, session} from './api.js';
import {h, field, announce, problem} from './dom.js';
import {findWalletPage, walletPage} from './wallets.js';
import {escrowsPage, escrowPage, transfersPage, transferPage, transactionsPage, transactionPage} from './activity.js';
import {totalsPage, auditPage} from './audit.js';
import {webhooksPage, webhookPage} from './webhooks.js';

const routes = [
  [/^wallets$/, findWalletPage],
  [/^wallets\/([^/]+)$/, walletPage],
  [/^escrows$/, escrowsPage],
  [/^escrows\/([^/]+)$/, escrowPage],
  [/^transfers$/, transfersPage],
  [/^transfers\/([^/]+)$/, transferPage],
  [/^transactions$/, transactionsPage],
  [/^transactions\/([^/]+)$/, transactionPage],
  [/^totals$/, totalsPage, ['admin', 'auditor']],
  [/^audit$/, auditPage, ['admin', 'auditor']],
  [/^webhooks$/, webhooksPage, ['admin']],
  [/^webhooks\/([^/]+)$/, webhookPage, ['admin']],
];

const main = document.getElementById('main');
let me = null;          // {keyId, role, userId, billingWalletId} of the signed-in key
let leavePage = null;   // what the current page must stop (its live stream) when another one opens
let navigations = 0;    // counts route changes, so a page that finishes loading after the next one began is dropped

function renderSignIn(error) {
  document.getElementById('nav').hidden = true;
  document.getElementById('who').hidden = true;
  const input = h('input#api-key', {type: 'password', name: 'apiKey', autocomplete: 'off', required: true,
    spellcheck: 'false', 'aria-describedby': 'api-key-hint'});
  const form = h('form.card.sign-in', {'aria-labelledby': 'sign-in-title', onsubmit: async (event) => {
    event.preventDefault();
    const key = input.value.trim();
    if (!key) return;
    session.signIn(key);
    await start();
  }},
  h('h1#sign-in-title', {tabindex: -1}, 'Sign in'),
  field('API key', input),
  h('p#api-key-hint.hint', {}, 'Kept in this browser tab only, and forgotten when the tab closes.'),
  error ? problem(error) : null,
  h('button', {type: 'submit'}, 'Sign in'));
  main.replaceChildren(form);
  input.focus();
}

async function start() {
  try {
    me = await api.get('/api/session');
  } catch (error) {
    session.signOut();
    renderSignIn(error);
    return;
  }
  document.getElementById('who-text').textContent =
    me.role === 'client' ? `client ${me.userId}` : me.role;
  document.getElementById('who').hidden = false;
  for (const item of document.querySelectorAll('#nav [data-roles]')) {
    item.hidden = !item.dataset.roles.split(' ').includes(me.role);
  }
  document.getElementById('nav').hidden = false;
  announce(`Signed in as ${me.role}`);
  if (!location.hash || location.hash === '#/') location.hash = '#/wallets';
  else route();
}

async function route() {
  if (!me) return;
  leavePage?.();
  leavePage = null;
  const navigation = ++navigations;
  const path = decodeURIComponent(location.hash.replace(/^#\/?/, ''));
  const match = routes.map(([pattern, page, roles]) => [pattern.exec(path), page, roles]).find(([m]) => m);
  for (const link of document.querySelectorAll('#nav a')) {
    const current = match && path.split('/')[0] === link.dataset.page;
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const page = h('div.page');
  main.replaceChildren(page);
  if (!match || (match[2] && !match[2].includes(me.role))) {
    page.append(h('h1', {tabindex: -1}, 'Not found'), h('p', {}, 'This page does not exist for your key.'));
  } else {
    const [m, render] = match;
    try {
      const leave = await render(page, ...m.slice(1), me);
      // another page opened while this one was loading: this one is gone, and so must be its stream
      if (navigation !== navigations) {
        leave?.();
        return;
      }
      leavePage = leave || null;
    } catch (error) {
      if (navigation !== navigations) return;
      if (!page.querySelector('h1')) page.prepend(h('h1', {tabindex: -1}, 'Cannot show this page'));
      page.append(problem(error));
    }
  }
  // focus follows navigation, so keyboard and screen-reader users land on the new page's title
  page.querySelector('h1')?.focus();
  document.title = `${page.querySelector('h1')?.textContent || 'Console'} · Ledger console`;
}

document.getElementById('sign-out').addEventListener('click', () => {
  leavePage?.();
  leavePage = null;
  navigations++;
  me = null;
  session.signOut();
  history.replaceState(null, '', location.pathname);
  renderSignIn();
});

window.addEventListener('hashchange', route);
if (session.key()) start(); else renderSignIn();
