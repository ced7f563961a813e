import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Runtime } from '../runtime.js';

export const READY_PATH = '/ready';
export const METRICS_PATH = '/metrics';

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/**
 * `GET /ready`: readiness, for a load balancer or Kubernetes. 200 when the app can do its work
 * (Redis answers when `REDIS_URL` is set, an app id and a private key are loaded, not shutting
 * down), 503 otherwise; the JSON body says which part fails. `GET /ping` (Probot's) stays liveness.
 */
export function readinessHandler(runtime: Runtime): Handler {
  return async (req, res) => {
    if (req.method !== 'GET' || pathOf(req) !== READY_PATH) return false;
    const health = await runtime.health();
    res.writeHead(health.ready ? 200 : 503, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(`${JSON.stringify(health)}\n`);
    return true;
  };
}

/** `GET /metrics`: the runtime's counters in Prometheus' text format (src/metrics.ts). */
export function metricsHandler(runtime: Runtime): Handler {
  return async (req, res) => {
    if (req.method !== 'GET' || pathOf(req) !== METRICS_PATH) return false;
    const body = await runtime.metrics.registry.metrics();
    res.writeHead(200, { 'content-type': runtime.metrics.registry.contentType, 'cache-control': 'no-store' });
    res.end(body);
    return true;
  };
}

function pathOf(req: IncomingMessage): string {
  return new URL(req.url ?? '/', 'http://localhost').pathname;
}
