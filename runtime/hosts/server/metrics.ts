/** Prometheus metrics of one server (its own registry, so several servers can share a process). */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RunTrace } from '../../../core/trace.js';

export interface QueueSnapshot {
  waiting: number;
  active: number;
  failed: number;
  stalled: number;
  perWorker: Record<string, number>;
}

export class ServerMetrics {
  readonly registry = new Registry();
  readonly webhooks = new Counter({
    name: 'flowdesk_webhook_requests_total',
    help: 'Webhook requests by flow and outcome (accepted, or why they were refused)',
    labelNames: ['flow', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly executions = new Counter({
    name: 'flowdesk_executions_total',
    help: 'Finished executions by flow and status',
    labelNames: ['flow', 'status'] as const,
    registers: [this.registry],
  });
  readonly duration = new Histogram({
    name: 'flowdesk_execution_duration_seconds',
    help: 'Execution durations by flow and status',
    labelNames: ['flow', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });
  readonly nodes = new Counter({
    name: 'flowdesk_node_runs_total',
    help: 'Node runs by flow, node and outcome (the port taken, or error)',
    labelNames: ['flow', 'node', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly upstream = new Counter({
    name: 'flowdesk_upstream_requests_total',
    help: 'Requests flows sent to upstream services, by flow, node, origin and status',
    labelNames: ['flow', 'node', 'origin', 'status'] as const,
    registers: [this.registry],
  });
  readonly upstreamLatency = new Histogram({
    name: 'flowdesk_upstream_request_duration_seconds',
    help: 'Latency of upstream requests by flow, node and origin',
    labelNames: ['flow', 'node', 'origin'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly inFlight = new Gauge({
    name: 'flowdesk_executions_in_flight',
    help: 'Executions accepted and not finished yet',
    registers: [this.registry],
  });
  readonly workerRestarts = new Counter({
    name: 'flowdesk_worker_restarts_total',
    help: 'Worker processes that died and were replaced',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Queue mode: the queue's state, read from Redis at every scrape. */
  addQueue(read: () => Promise<QueueSnapshot>): void {
    let snapshot: Promise<QueueSnapshot> | undefined;
    // One read per scrape, however many gauges ask.
    const current = () => (snapshot ??= read().finally(() => setImmediate(() => (snapshot = undefined))));
    const gauge = (name: string, help: string, pick: (s: QueueSnapshot) => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        async collect() {
          this.set(pick(await current()));
        },
      });
    gauge('flowdesk_queue_waiting', 'Jobs waiting for a worker (including delayed ones)', (s) => s.waiting);
    gauge('flowdesk_queue_active', 'Jobs a worker is running', (s) => s.active);
    gauge('flowdesk_queue_failed', 'Jobs in the failed set (the dead letters of the queue)', (s) => s.failed);
    gauge(
      'flowdesk_queue_stalled_total',
      'Jobs taken over after their worker died, since the queue began',
      (s) => s.stalled,
    );
    new Gauge({
      name: 'flowdesk_queue_worker_jobs_total',
      help: 'Jobs finished by each worker (host:pid) since the queue began; rate() gives its throughput',
      labelNames: ['worker'] as const,
      registers: [this.registry],
      async collect() {
        const s = await current();
        this.reset();
        for (const [worker, jobs] of Object.entries(s.perWorker)) this.set({ worker }, jobs);
      },
    });
  }

  recordTrace(trace: RunTrace): void {
    const flow = trace.flowId;
    this.executions.inc({ flow, status: trace.status });
    this.duration.observe({ flow, status: trace.status }, trace.durationMs / 1000);
    for (const step of trace.steps) {
      this.nodes.inc({ flow, node: step.name, outcome: step.error && !step.port ? 'error' : (step.port ?? 'none') });
      for (const request of step.requests) {
        let origin = 'invalid';
        try {
          origin = new URL(request.url).origin;
        } catch {
          // keep 'invalid'
        }
        this.upstream.inc({ flow, node: step.name, origin, status: String(request.status ?? 'error') });
        this.upstreamLatency.observe({ flow, node: step.name, origin }, request.durationMs / 1000);
      }
    }
  }
}
