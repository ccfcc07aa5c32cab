/** The benchmark's upstream: `GET /customers/<id>` answers a small JSON customer, keep-alive. */
import { createServer } from 'node:http';
import { customer } from './work.mjs';

const server = createServer((req, res) => {
  const id = decodeURIComponent((req.url ?? '').replace(/^\/customers\//, ''));
  const body = JSON.stringify(customer(id));
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
