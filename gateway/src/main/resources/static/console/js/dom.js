import {ApiError} from './api.js';

// A tiny element builder: every text goes in through textContent, so a label or reference someone stored can never
// become markup in an auditor's browser.

/** h('tag.class#id', {attr: value, onclick: fn}, ...children) — children are nodes, strings, arrays or null. */
export function h(spec, attrs, ...children) {
  const [, tag, rest] = /^([a-z0-9]+)(.*)$/i.exec(spec);
  const el = document.createElement(tag);
  for (const part of rest.match(/[.#][^.#]+/g) || []) {
    if (part[0] === '.') el.classList.add(part.slice(1));
    else el.id = part.slice(1);
  }
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (name === 'text') el.textContent = value;
    else el.setAttribute(name, value === true ? '' : value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

/**
 * A table in a scrollable, keyboard-focusable region, so wide journals stay usable on a phone. Under a heading that
 * already names it, the caption is for screen readers only.
 */
export function table(caption, headers, rows, {captionHidden = false} = {}) {
  return h('div.scroll', {role: 'region', 'aria-label': caption, tabindex: 0},
    h('table', {},
      h('caption', {class: captionHidden ? 'visually-hidden' : null}, caption),
      h('thead', {}, h('tr', {}, headers.map(([label, cls]) => h('th', {scope: 'col', class: cls}, label)))),
      h('tbody', {}, rows.length ? rows
        : h('tr', {}, h('td.empty', {colspan: headers.length}, 'Nothing to show.')))));
}

/** A definition list of [term, value] pairs. */
export function facts(pairs, cls) {
  return h('dl', {class: cls || 'facts'},
    pairs.map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value ?? '—'))));
}

/** A labelled form field; the id ties the label to the control for screen readers and for clicks. */
export function field(label, control) {
  return h('div.field', {}, h('label', {for: control.id}, label), control);
}

export function announce(message) {
  const status = document.getElementById('status');
  status.textContent = '';
  // a fresh text node makes screen readers announce the same message twice in a row too
  setTimeout(() => { status.textContent = message; }, 50);
}

export function time(instant) {
  if (!instant) return '—';
  return h('time', {datetime: instant, title: instant}, instant.replace('T', ' ').replace(/\.\d+Z$/, 'Z'));
}

/** Shows a refusal as the problem body put it: title, detail and each field's message. */
export function problem(error) {
  const known = error instanceof ApiError;
  return h('div.problem', {role: 'alert'},
    h('p.problem-title', {}, known ? error.title : 'Something went wrong'),
    known && error.detail ? h('p', {}, error.detail) : null,
    !known ? h('p', {}, String(error.message || error)) : null,
    known && error.errors.length
      ? h('ul', {}, error.errors.map((e) => h('li', {}, h('code', {}, e.field), ': ', e.message)))
      : null);
}
