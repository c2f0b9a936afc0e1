// Event trigger admin: pending/failed events, invocation logs, redeliver — all through /v1/metadata
// (export_metadata, pg_get_event_logs, pg_get_event_invocation_logs, pg_redeliver_event) with the admin secret.
(function () {
  const $ = (id) => document.getElementById(id);
  const metadata = (type, args) => threefactor.post('/v1/metadata', { type, args });

  function cell(row, value, pre) {
    const td = document.createElement('td');
    if (pre) {
      const p = document.createElement('pre');
      p.textContent = typeof value === 'string' ? value : JSON.stringify(value, null, 1);
      td.appendChild(p);
    } else {
      td.textContent = value === null || value === undefined ? '' : String(value);
    }
    row.appendChild(td);
    return td;
  }

  async function loadTriggers() {
    threefactor.status('');
    const doc = await metadata('export_metadata', {});
    const names = [];
    for (const source of doc.sources || []) {
      for (const table of source.tables || []) {
        for (const trigger of table.event_triggers || []) {
          names.push(trigger.name);
        }
      }
    }
    const select = $('trigger');
    select.innerHTML = '';
    names.sort().forEach((n) => select.add(new Option(n, n)));
    if (names.length) {
      await refresh();
    } else if (!doc.error) {
      threefactor.status('no event triggers');
    }
  }

  async function refresh() {
    const name = $('trigger').value;
    if (!name) {
      return;
    }
    const filter = $('filter').value;
    const status = filter === 'failed' ? 'processed' : filter;
    const [events, invocations] = await Promise.all([
      metadata('pg_get_event_logs', { source: 'default', name, status, limit: 100, offset: 0 }),
      metadata('pg_get_event_invocation_logs', { source: 'default', name, limit: 100, offset: 0 })]);
    const body = $('events').tBodies[0];
    body.innerHTML = '';
    for (const e of Array.isArray(events) ? events : []) {
      if (filter === 'failed' && !e.error) {
        continue;
      }
      const row = body.insertRow();
      row.dataset.eventId = e.id;
      cell(row, e.id);
      cell(row, e.created_at);
      cell(row, e.tries);
      cell(row, e.delivered);
      cell(row, e.error);
      cell(row, e.next_retry_at);
      cell(row, e.payload, true);
      const button = document.createElement('button');
      button.textContent = 'Redeliver';
      button.className = 'redeliver';
      button.addEventListener('click', () => redeliver(e.id));
      cell(row, '').appendChild(button);
    }
    const logs = $('invocations').tBodies[0];
    logs.innerHTML = '';
    for (const i of Array.isArray(invocations) ? invocations : []) {
      const row = logs.insertRow();
      cell(row, i.created_at);
      cell(row, i.event_id);
      cell(row, i.status);
      cell(row, i.request, true);
      cell(row, i.response, true);
    }
  }

  async function redeliver(eventId) {
    const result = await metadata('pg_redeliver_event', { source: 'default', event_id: eventId });
    if (!result.error) {
      threefactor.status('redelivery of ' + eventId + ' requested');
      setTimeout(refresh, 500);
    }
  }

  $('load-triggers').addEventListener('click', loadTriggers);
  $('refresh').addEventListener('click', refresh);
  $('trigger').addEventListener('change', refresh);
  $('filter').addEventListener('change', refresh);
  if (threefactor.secret()) {
    loadTriggers();
  }
})();
