// The header's token controls: "Forget token" while this tab keeps one; a banner when the server wants a token and
// none was given, so the page says why it shows no data instead of staying blank.
import {forgetToken, hasToken} from './api.js';
import {el} from './dom.js';

export function initHeader() {
  const button = document.getElementById('forget-token');
  const refresh = () => { button.hidden = !hasToken(); };
  button.addEventListener('click', () => {
    forgetToken();
    location.reload();
  });
  refresh();
  window.addEventListener('voronka-token', refresh);
  window.addEventListener('voronka-no-token', showTokenBanner);
}

function showTokenBanner() {
  if (document.getElementById('token-missing')) {
    return;
  }
  document.querySelector('main').prepend(el('div', {class: 'error', role: 'alert', id: 'token-missing'},
      el('p', {class: 'problem'}, 'This Voronka server needs an API token (its configuration sets http.token_env). '
          + 'Without it the page can show no data.'),
      el('button', {type: 'button', onclick: () => location.reload()}, 'Enter the token')));
}
