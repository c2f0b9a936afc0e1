// Runs one GraphQL operation through a real client library and prints every event as a JSON line:
//   {"next": <result>} | {"error": <error>} | {"complete": true} | {"closed": <code>}
// usage: node subscribe.mjs <ws-url> <transport|legacy> <connection-params-json> <query> <variables-json> <results>
// Exits after <results> results, on complete, error or close.
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import pkg from 'subscriptions-transport-ws';
const { SubscriptionClient } = pkg;

const [url, protocol, params, query, variables, wanted] = process.argv.slice(2);
const connectionParams = JSON.parse(params);
const vars = JSON.parse(variables);
const limit = Number(wanted);
let count = 0;
const print = (o) => process.stdout.write(JSON.stringify(o) + '\n');
const finish = (dispose, code) => { dispose(); setTimeout(() => process.exit(code), 50); };
setTimeout(() => { print({ timeout: true }); process.exit(2); }, 30000);

if (protocol === 'transport') {
  const client = createClient({
    url, webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, lazy: false,
    on: { closed: (e) => { if (e && e.code !== 1000) { print({ closed: e.code, reason: e.reason }); } } },
  });
  const dispose = client.subscribe({ query, variables: vars }, {
    next: (r) => { print({ next: r }); if (++count >= limit) finish(() => client.dispose(), 0); },
    error: (e) => { print({ error: Array.isArray(e) ? e : (e && e.code ? { code: e.code, reason: e.reason } : String(e)) }); finish(() => client.dispose(), 0); },
    complete: () => { print({ complete: true }); finish(() => client.dispose(), 0); },
  });
} else {
  const client = new SubscriptionClient(url, { connectionParams, reconnect: false }, WebSocket);
  client.onDisconnected(() => print({ closed: true }));
  client.request({ query, variables: vars }).subscribe({
    next: (r) => { print({ next: r }); if (++count >= limit) finish(() => client.close(), 0); },
    error: (e) => { print({ error: e && e.message ? e.message : e }); finish(() => client.close(), 0); },
    complete: () => { print({ complete: true }); finish(() => client.close(), 0); },
  });
}
