import { createSign, generateKeyPairSync } from 'node:crypto';
import { ProbotOctokit } from 'probot';
import type { Simulator } from './server.js';

/** An installation Octokit on the simulator, as Probot builds one, with its own retries and throttling off. */
export function simOctokit(sim: Simulator, token = 'ghs_direct'): ProbotOctokit {
  return new ProbotOctokit({
    auth: { token },
    baseUrl: sim.baseUrl,
    retry: { enabled: false },
    throttle: { enabled: false },
  });
}

let signingKey: string | undefined;

/** A JWT for app `appId`, as Probot signs one (RS256, `iss` the app id, ten minutes). The simulator reads `iss` only. */
export function appJwt(appId: number, privateKey?: string): string {
  const key = privateKey ?? (signingKey ??= generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey);
  const now = Math.floor(Date.now() / 1000);
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ iat: now - 60, exp: now + 540, iss: appId })}`;
  return `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(key, 'base64url')}`;
}

/** An Octokit acting as the app itself (JWT): `GET /app`, installations, access tokens. */
export function simAppOctokit(sim: Simulator, appId: number = sim.state.app.id): ProbotOctokit {
  return new ProbotOctokit({
    auth: { token: appJwt(appId) },
    baseUrl: sim.baseUrl,
    retry: { enabled: false },
    throttle: { enabled: false },
  });
}
