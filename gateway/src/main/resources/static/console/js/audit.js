// Totals per currency, and the auditor's page: the verification, the read models' status, replays for admins.

import {api} from './api.js';
import {h, table, facts, announce, time, problem} from './dom.js';
import {money, groupDigits} from './money.js';

export async function totalsPage(page) {
  const stats = await api.get('/api/stats');
  page.append(h('h1', {tabindex: -1}, 'Totals'),
    table('Totals per currency', [['Currency'], ['Wallets', 'num'], ['Balance', 'num'], ['Held', 'num'],
      ['Available', 'num']],
    stats.currencies.map((c) => h('tr', {},
      h('th', {scope: 'row'}, c.currency),
      h('td.num', {}, groupDigits(String(c.wallets))),
      h('td.num', {}, money(c.balance, c.currency)),
      h('td.num', {}, money(c.held, c.currency)),
      h('td.num', {}, money(c.available, c.currency))))),
    table('Escrows by state', [['State'], ['Escrows', 'num']],
      Object.entries(stats.escrows).map(([state, count]) => h('tr', {},
        h('th', {scope: 'row'}, h('span', {class: `badge ${state}`}, state)),
        h('td.num', {}, groupDigits(String(count)))))));
}

export async function auditPage(page, me) {
  const report = h('div#verification', {'aria-live': 'polite'});
  const projections = h('div');
  const verify = h('button#run-verification', {type: 'button', onclick: async () => {
    verify.disabled = true;
    report.replaceChildren(h('p.muted', {}, 'Replaying every event and comparing with the read models…'));
    try {
      showReport(await api.post('/api/audit/verify'));
    } catch (error) {
      report.replaceChildren(problem(error));
    } finally {
      verify.disabled = false;
    }
  }}, 'Run verification');

  function showReport(result) {
    const mismatches = result.mismatches || [];
    report.replaceChildren(...[
      h('p', {class: `verdict ${result.ok ? 'ok' : 'bad'}`},
        result.ok ? '✓ The books are consistent'
          : `✗ ${mismatches.length} mismatch${mismatches.length === 1 ? '' : 'es'}`),
      facts([['Events checked', groupDigits(String(result.eventsChecked))],
        ['Checked at', time(new Date().toISOString())]]),
      mismatches.length
        ? h('ul.mismatches', {}, mismatches.map((m) =>
          h('li', {}, typeof m === 'string' ? m : h('pre', {}, JSON.stringify(m, null, 2)))))
        : null,
    ].filter(Boolean));
    announce(result.ok ? 'Verification passed' : 'Verification found mismatches');
  }

  async function loadProjections() {
    try {
      const result = await api.get('/api/admin/projections');
      projections.replaceChildren(table('Read models',
        [['Read model'], ['Status'], ['Lag', 'num'], ['Position', 'num'], ['Dead letters', 'num'], ['Replaying'],
          me.role === 'admin' ? ['Action'] : null].filter(Boolean),
        result.items.map((p) => h('tr', {},
          h('th', {scope: 'row'}, p.name),
          h('td', {}, h('span', {class: `badge ${p.status}`}, p.status)),
          h('td.num', {}, groupDigits(String(p.lag ?? '—'))),
          // a processor that has not handled any event yet reports position -1
          h('td.num', {}, p.position === null || p.position < 0 ? '—' : groupDigits(String(p.position))),
          h('td.num', {}, groupDigits(String(p.deadLetters ?? 0))),
          h('td', {}, p.replaying ? `replaying${p.progress !== null ? ` (${progress(p.progress)})` : ''}` : '—'),
          me.role === 'admin' ? h('td', {}, replayButton(p)) : null)), {captionHidden: true}));
    } catch (error) {
      projections.replaceChildren(problem(error));
    }
  }

  function replayButton(p) {
    return h('button.secondary', {type: 'button', disabled: p.replaying, 'aria-label': `Replay ${p.name}`,
      onclick: async (event) => {
        event.currentTarget.disabled = true;
        try {
          await api.post(`/api/admin/projections/${encodeURIComponent(p.name)}/replay`);
          announce(`Replay of ${p.name} started`);
        } catch (error) {
          projections.prepend(problem(error));
        }
        await loadProjections();
      }}, 'Replay');
  }

  page.append(h('h1', {tabindex: -1}, 'Audit'),
    h('section.card', {'aria-labelledby': 'verify-title'},
      h('h2#verify-title', {}, 'Verification'),
      h('p.hint', {}, 'Replays every stored event into a fresh model, compares it with every read model and checks '
        + 'the invariants (available ≥ 0, money conserved per currency, terminal holds and escrows consistent).'),
      verify, report),
    h('section', {'aria-labelledby': 'projections-title'},
      h('div.title-row', {}, h('h2#projections-title', {}, 'Read models'),
        h('button.secondary', {type: 'button', onclick: loadProjections}, 'Refresh')),
      projections));
  await loadProjections();
}

// a fraction from 0 to 1; rounding it for display is harmless (it is not money)
function progress(value) {
  return `${Math.floor(value * 100)} %`;
}
