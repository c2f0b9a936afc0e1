// threefactor console: the admin secret field shared by the pages, and the HTTP helper that sends it.
// The secret lives in sessionStorage (this tab only) and goes only into the x-hasura-admin-secret header.
(function () {
  const KEY = 'threefactor.adminSecret';
  const input = document.getElementById('secret');
  if (input) {
    input.value = sessionStorage.getItem(KEY) || '';
    input.addEventListener('input', () => sessionStorage.setItem(KEY, input.value));
  }
  function secret() {
    return input ? input.value : (sessionStorage.getItem(KEY) || '');
  }
  function status(text, error) {
    const s = document.getElementById('status');
    if (s) {
      s.textContent = text || '';
      s.className = 'tf-status' + (error ? ' error' : '');
    }
  }
  async function post(url, body, extraHeaders) {
    const headers = Object.assign({ 'content-type': 'application/json' }, extraHeaders || {});
    if (secret()) {
      headers['x-hasura-admin-secret'] = secret();
    }
    const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
    const text = await response.text();
    let json;
    try { json = JSON.parse(text); } catch (e) { json = { error: text, code: 'http-' + response.status }; }
    if (!response.ok) {
      status('HTTP ' + response.status + (json.error ? ': ' + json.error : ''), true);
    }
    return json;
  }
  window.threefactor = { post, secret, status };
})();
