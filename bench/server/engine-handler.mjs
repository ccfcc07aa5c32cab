/**
 * The engine alone: the benchmark's flow run in process from a bare node:http handler (the
 * built runtime, its default Code sandbox and undici), with no history, no Fastify and no
 * worker process. Between the bare handler and `flowdesk serve` it shows what the engine
 * costs and what the server adds. Usage: node engine-handler.mjs <flow file>.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createEnvProvider } from '../../dist/runtime/credentials/env-provider.js';
import { createFlowRuntime } from '../../dist/runtime/engine/flow-runtime.js';

const runtime = createFlowRuntime({ credentials: createEnvProvider({}) });
const flow = runtime.load(readFileSync(process.argv[2], 'utf8'));

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let answered = false;
    const answer = (status, headers, body) => {
      if (answered) return;
      answered = true;
      const text = body === undefined || body === '' ? '' : typeof body === 'string' ? body : JSON.stringify(body);
      res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(text) });
      res.end(text);
    };
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch (e) {
      return answer(400, {}, String(e));
    }
    flow
      .run({
        trigger: { body, headers: {}, query: {} },
        onRespond: (r) => answer(r.status, { 'content-type': 'application/json', ...r.headers }, r.body),
      })
      .then(
        (trace) => answer(trace.status === 'success' ? 204 : 500, {}, trace.error?.message ?? ''),
        (e) => answer(500, {}, String(e)),
      );
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
