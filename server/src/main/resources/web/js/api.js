// Talks to the HTTP API. When the server wants a token (http.token_env), asks for it once and keeps it in
// sessionStorage: for this tab only, gone when the tab closes.
import {el} from './dom.js';

const TOKEN_KEY = 'voronka.token';

/** An answer that is not 2xx, with the server's JSON error body ({error, line, column, expected, hint, ...}). */
export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.error ? body.error : 'HTTP ' + status);
    this.status = status;
    this.body = body || {};
  }
}

export function hasToken() {
  return sessionStorage.getItem(TOKEN_KEY) != null;
}

export function forgetToken() {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** GET (or POST with a text body) an API path; returns parsed JSON, or a Blob when {blob: true}. */
export async function api(path, {body = null, blob = false} = {}) {
  for (;;) {
    const token = sessionStorage.getItem(TOKEN_KEY);
    const headers = {};
    if (token) {
      headers.Authorization = 'Bearer ' + token;
    }
    if (body != null) {
      headers['Content-Type'] = 'text/plain; charset=utf-8';
    }
    let response;
    try {
      response = await fetch(path, {method: body == null ? 'GET' : 'POST', body, headers});
    } catch (e) {
      throw new ApiError(0, {error: 'The Voronka server does not answer (' + e.message + '). Is it still running?'});
    }
    if (response.status === 401) {
      await askForToken(token != null);
      continue;
    }
    if (!response.ok) {
      let error;
      try {
        error = await response.json();
      } catch (e) {
        error = {error: 'The server answered ' + response.status + ' ' + response.statusText};
      }
      throw new ApiError(response.status, error);
    }
    return blob ? response.blob() : response.json();
  }
}

let pendingToken = null;

/** Shows the token dialog (one at a time, however many requests were refused); resolves once a token is saved. */
function askForToken(rejected) {
  if (pendingToken == null) {
    pendingToken = new Promise((resolve, reject) => showTokenDialog(rejected, resolve, reject))
        .finally(() => { pendingToken = null; });
  }
  return pendingToken;
}

function showTokenDialog(rejected, resolve, reject) {
  const input = el('input', {type: 'password', id: 'token-input', name: 'token', autocomplete: 'off', required: true,
    'aria-describedby': 'token-help'});
  const cancel = el('button', {type: 'button', class: 'secondary', id: 'token-cancel'}, 'Cancel');
  const form = el('form', {class: 'token-form'},
      el('h2', {}, 'This Voronka server needs an API token'),
      el('p', {id: 'token-help'},
          rejected ? 'The token was not accepted. Check it and paste it again.'
              : 'Its configuration sets http.token_env. Paste the token whoever runs the server gave you.',
          ' It is kept only in this browser tab.'),
      el('label', {for: 'token-input'}, 'API token'),
      input,
      el('div', {class: 'buttons'}, el('button', {type: 'submit', id: 'token-submit'}, 'Use token'), cancel));
  const dialog = el('dialog', {id: 'token-dialog', 'aria-labelledby': 'token-title'}, form);
  form.querySelector('h2').id = 'token-title';
  document.body.append(dialog);
  form.addEventListener('submit', event => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, input.value.trim());
    window.dispatchEvent(new Event('voronka-token'));
    dialog.close();
    dialog.remove();
    resolve();
  });
  const refuse = () => {
    dialog.remove();
    window.dispatchEvent(new Event('voronka-no-token'));
    reject(new ApiError(401, {error: 'This server needs an API token, and none was given. '
          + 'Reload the page to enter it.'}));
  };
  cancel.addEventListener('click', () => { dialog.close(); refuse(); });
  dialog.addEventListener('cancel', event => { event.preventDefault(); dialog.close(); refuse(); });
  dialog.showModal();
  input.focus();
}
