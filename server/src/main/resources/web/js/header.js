// The header's token control: shown while this tab keeps an API token, so it can be forgotten.
import {forgetToken, hasToken} from './api.js';

export function initHeader() {
  const button = document.getElementById('forget-token');
  const refresh = () => { button.hidden = !hasToken(); };
  button.addEventListener('click', () => {
    forgetToken();
    location.reload();
  });
  refresh();
  window.addEventListener('voronka-token', refresh);
}
