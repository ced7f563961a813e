import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normaliseRegistryName } from './endpoints.js';
import { RegistryError } from './errors.js';

/**
 * Registry credentials, read from the environment only (never from a file the process happens to
 * find): `PLIMSOLL_REGISTRY_AUTH` (JSON: registry → `{username, password}` or `{auth}`), and a
 * Docker `config.json` when `PLIMSOLL_DOCKER_CONFIG` (its path) or `DOCKER_CONFIG` (its folder)
 * names one. Credential helpers (`credsStore`, `credHelpers`) would run programs: not used.
 * Without credentials, registries are read anonymously.
 */
export interface Credential {
  username: string;
  password: string;
}

export type Credentials = ReadonlyMap<string, Credential>;

export const AUTH_VARIABLE = 'PLIMSOLL_REGISTRY_AUTH';

export function credentialsFromEnv(env: Record<string, string | undefined>): Credentials {
  const found = new Map<string, Credential>();
  const configPath = env.PLIMSOLL_DOCKER_CONFIG?.trim() || (env.DOCKER_CONFIG?.trim() ? join(env.DOCKER_CONFIG.trim(), 'config.json') : '');
  if (configPath) {
    let text: string;
    try {
      text = readFileSync(configPath, 'utf8');
    } catch (error) {
      throw new RegistryError('config', '', `${configPath}: cannot read the Docker config (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    addAll(found, parseJson(text, configPath), 'auths', configPath);
  }
  const inline = env[AUTH_VARIABLE]?.trim();
  if (inline) addAll(found, { auths: parseJson(inline, AUTH_VARIABLE) }, 'auths', AUTH_VARIABLE);
  return found;
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new RegistryError('config', '', `${where}: not valid JSON`);
  }
}

function addAll(into: Map<string, Credential>, document: unknown, key: string, where: string): void {
  const auths = (document as Record<string, unknown> | null)?.[key];
  if (auths === undefined) return;
  if (auths === null || typeof auths !== 'object' || Array.isArray(auths)) throw new RegistryError('config', '', `${where}: "${key}" must map registries to credentials`);
  for (const [name, value] of Object.entries(auths as Record<string, unknown>)) {
    const credential = credentialOf(value);
    if (credential === null) throw new RegistryError('config', name, `${where}: credentials for ${name} need "username" and "password", or "auth"`);
    into.set(normaliseRegistryName(name), credential);
  }
}

function credentialOf(value: unknown): Credential | null {
  if (value === null || typeof value !== 'object') return null;
  const record = value as Record<string, unknown>;
  if (typeof record.username === 'string' && typeof record.password === 'string') return { username: record.username, password: record.password };
  if (typeof record.auth === 'string') {
    const decoded = Buffer.from(record.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  return null;
}

export function basicAuth(credential: Credential): string {
  return `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString('base64')}`;
}
