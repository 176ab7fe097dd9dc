// Every call of the console goes through here: the signed-in key in X-API-Key, JSON bodies declared as such
// (the API refuses any other body with 415), and refusals turned into ApiError from their problem+json body.

const KEY = 'ledger.apiKey';

/** The key lives in this tab's sessionStorage only: closing the tab signs out, and no other tab or cookie sees it. */
export const session = {
  key: () => sessionStorage.getItem(KEY),
  signIn: (key) => sessionStorage.setItem(KEY, key),
  signOut: () => sessionStorage.removeItem(KEY),
};

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.title = problem.title || `HTTP ${status}`;
    this.detail = problem.detail || null;
    this.code = problem.code || null;
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
  }
}

function headers(extra) {
  const result = {Accept: 'application/json', ...extra};
  const key = session.key();
  if (key) result['X-API-Key'] = key;
  return result;
}

async function failure(response) {
  let problem = {};
  try {
    problem = await response.json();
  } catch {
    // not a problem body (a proxy's error page): fall back to the status line
  }
  return new ApiError(response.status, {title: response.statusText || 'Request failed', ...problem});
}

async function send(method, path, body) {
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: headers(body === undefined ? {} : {'Content-Type': 'application/json'}),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, {title: 'The service cannot be reached', detail: 'Check the connection and try again.'});
  }
  if (!response.ok) throw await failure(response);
  return response.status === 204 ? null : response.json();
}

/** A query string from an object, leaving out empty values. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(name, value);
  }
  const text = search.toString();
  return text ? '?' + text : '';
}

export const api = {
  get: (path) => send('GET', path),
  post: (path, body = {}) => send('POST', path, body),

  /** A download that needs the key: fetched here, then handed to the browser as a file. */
  async download(path, filename) {
    const response = await fetch(path, {headers: headers({Accept: 'text/csv'})});
    if (!response.ok) throw await failure(response);
    const url = URL.createObjectURL(await response.blob());
    const link = Object.assign(document.createElement('a'), {href: url, download: filename});
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};
