import { createVerify } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { intersect, type Permissions } from './permissions.js';
import type { App, GitHubState, User } from './state.js';

/**
 * Who sent a request. An installation token acts for one app's installation, with the permissions
 * the token was minted with, never more than the installation holds now. A JWT acts for the app
 * itself (only the `/app` routes accept it).
 */
export type Caller =
  | { kind: 'installation'; app: App; token: string; permissions: Permissions; repositories: ReadonlySet<string> | null; bot: User }
  | { kind: 'app'; app: App; appId: number };

interface Minted {
  appId: number;
  installationId: number;
  permissions: Permissions | null;
  /** Lowercase repository names the token is limited to; null: all the installation's. */
  repositories: Set<string> | null;
}

/** The `iss` (app id) of a JWT, or null when the bearer is not a JWT. The signature is not checked. */
export function jwtIssuer(bearer: string): number | null {
  const parts = bearer.split('.');
  if (parts.length !== 3) return null;
  try {
    const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as { iss?: unknown };
    const iss = Number(claims.iss);
    return Number.isInteger(iss) && iss > 0 ? iss : null;
  } catch {
    return null;
  }
}

/** Whether a JWT's RS256 signature was made with the private half of `publicKey` (PEM). */
export function jwtSignedBy(bearer: string, publicKey: string): boolean {
  const [header, claims, signature] = bearer.split('.');
  if (!header || !claims || !signature) return false;
  try {
    return createVerify('RSA-SHA256').update(`${header}.${claims}`).verify(publicKey, Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}

export const bearerOf = (headers: IncomingHttpHeaders) => String(headers.authorization ?? '').replace(/^(token|bearer)\s+/i, '');

/**
 * Installation tokens the simulator handed out. A request with a token it never minted (or none:
 * `simOctokit`'s fixed token, curl on the sandbox) acts as Plimsoll's installation with all of its
 * permissions: a leniency for tests, documented in the README.
 */
export class TokenRegistry {
  private readonly minted = new Map<string, Minted>();

  constructor(private readonly state: GitHubState) {}

  mint(app: App, options: { permissions?: Permissions; repositories?: readonly string[] } = {}): string {
    const token = `ghs_sim${this.minted.size + 1}_${app.id}`;
    this.minted.set(token, {
      appId: app.id,
      installationId: app.installationId,
      permissions: options.permissions ? { ...options.permissions } : null,
      repositories: options.repositories ? new Set(options.repositories.map((r) => r.toLowerCase())) : null,
    });
    return token;
  }

  /** The installation id a token acts for, for rate limits; undefined when not minted here. */
  installationOf(token: string): number | undefined {
    return this.minted.get(token)?.installationId;
  }

  /** A JWT naming an app whose public key is known, not signed with its private key: GitHub's 401. */
  badSignature(headers: IncomingHttpHeaders): boolean {
    const bearer = bearerOf(headers);
    const iss = jwtIssuer(bearer);
    const key = iss === null ? undefined : this.state.appById(iss)?.publicKey;
    return key !== undefined && !jwtSignedBy(bearer, key);
  }

  caller(headers: IncomingHttpHeaders): Caller {
    const bearer = bearerOf(headers);
    const iss = jwtIssuer(bearer);
    if (iss !== null) {
      // Plimsoll's id is whatever APP_ID its JWT names, unless another registered app has that id.
      if (!this.state.appById(iss)) this.state.app.id = iss;
      return { kind: 'app', app: this.state.appById(iss)!, appId: iss };
    }
    const minted = this.minted.get(bearer);
    const app = (minted && this.state.appById(minted.appId)) ?? this.state.app;
    const permissions = minted?.permissions ? intersect(minted.permissions, app.permissions) : { ...app.permissions };
    return { kind: 'installation', app, token: bearer, permissions, repositories: minted?.repositories ?? null, bot: app.bot };
  }
}
