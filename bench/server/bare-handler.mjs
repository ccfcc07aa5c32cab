/**
 * The limit: a bare node:http handler doing the benchmark's work, with the upstream reached
 * through an http.Agent keep-alive pool. Usage: node bare-handler.mjs <upstream-port>.
 */
import { Agent, createServer, request } from 'node:http';
import { CONDITION, mapFields } from './work.mjs';

const upstreamPort = Number(process.argv[2]);
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function getCustomer(id) {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: upstreamPort, path: `/customers/${encodeURIComponent(id)}`, agent },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    void (async () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        if (body[CONDITION.path] !== CONDITION.equals) {
          res.writeHead(204);
          return res.end();
        }
        const mapped = mapFields(body);
        const customer = await getCustomer(mapped.customerId);
        const out = JSON.stringify({ ...mapped, customer });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) });
        res.end(out);
      } catch (e) {
        res.writeHead(500);
        res.end(String(e));
      }
    })();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
