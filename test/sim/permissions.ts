import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** A permission level as GitHub grants it to an installation (`admin` only for a few). */
export type Level = 'read' | 'write' | 'admin';

/** What an installation was granted: `{ contents: 'write', checks: 'write', … }`. */
export type Permissions = Partial<Record<string, Level>>;

/**
 * What a request needs: any one of these permissions at (at least) its level. GitHub documents a
 * few routes under two permissions (a comment on a pull request: `issues` or `pull_requests`).
 */
export type Need = ReadonlyArray<readonly [permission: string, level: Level]>;

const RANK: Record<Level, number> = { read: 1, write: 2, admin: 3 };

export function grants(permissions: Permissions, need: Need): boolean {
  return need.some(([permission, level]) => {
    const granted = permissions[permission];
    return granted !== undefined && RANK[granted] >= RANK[level];
  });
}

/** What both grant: a token minted with fewer permissions, or an installation that lost some since. */
export function intersect(a: Permissions, b: Permissions): Permissions {
  const out: Permissions = {};
  for (const [permission, level] of Object.entries(a)) {
    const other = b[permission];
    if (level === undefined || other === undefined) continue;
    out[permission] = RANK[level] <= RANK[other] ? level : other;
  }
  return out;
}

/** Whether `requested` asks for nothing beyond `granted` (the token endpoint's check). */
export function within(requested: Permissions, granted: Permissions): boolean {
  return Object.entries(requested).every(([permission, level]) => level !== undefined && grants(granted, [[permission, level]]));
}

/** GitHub's `x-accepted-github-permissions` header: alternatives separated by `; `. */
export const describeNeed = (need: Need) => need.map(([permission, level]) => `${permission}=${level}`).join('; ');

export const FORBIDDEN_MESSAGE = 'Resource not accessible by integration';

/** The app as registered from `app.yml` (GitHub's manifest flow reads the same file). */
export interface AppManifest {
  name: string;
  slug: string;
  permissions: Permissions;
  events: string[];
}

const APP_YML = fileURLToPath(new URL('../../app.yml', import.meta.url));
const manifests = new Map<string, AppManifest>();

/**
 * `app.yml`'s name, `default_permissions` and `default_events`, read once per path. GitHub always
 * adds `metadata: read` to an app with any repository permission.
 */
export function loadAppManifest(path: string = APP_YML): AppManifest {
  const cached = manifests.get(path);
  if (cached) return cached;
  const yml = parse(readFileSync(path, 'utf8')) as { name?: string; default_permissions?: Record<string, string>; default_events?: string[] };
  const permissions: Permissions = { metadata: 'read' };
  for (const [permission, level] of Object.entries(yml.default_permissions ?? {})) {
    if (level !== 'read' && level !== 'write' && level !== 'admin') throw new Error(`${path}: permission ${permission} has level ${level}, not read, write or admin`);
    permissions[permission] = level;
  }
  const name = yml.name ?? 'Plimsoll';
  const manifest = { name, slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'), permissions, events: [...(yml.default_events ?? [])] };
  manifests.set(path, manifest);
  return manifest;
}
