import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { run } from '../cli/run.js';
import { allRules } from '../../src/rules/index.js';

/**
 * The app's Dockerfile and deploy/: Plimsoll lints its own image with no finding under the policy
 * the README shows, and the compose and Kubernetes examples set the variables the app reads.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
const readme = read('README.md');

/** Every variable of the README's "Environment variables" table: what the app reads. */
const documented = new Set(
  readme
    .slice(readme.indexOf('### Environment variables'), readme.indexOf('### Installing on an organization'))
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...line.split('|')[1]!.matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((match) => match[1]!)),
);
const REQUIRED = ['APP_ID', 'PRIVATE_KEY', 'WEBHOOK_SECRET', 'REDIS_URL'];

describe('the Dockerfile', () => {
  it('has no finding at all under deploy/plimsoll-policy.yml', async () => {
    const result = await run(['lint', '--policy', 'deploy/plimsoll-policy.yml', '--failure-threshold', 'style', '--format', 'json', 'Dockerfile'], {
      cwd: ROOT,
      rules: allRules,
    });
    expect([result.code, JSON.parse(result.stdout), result.stderr]).toEqual([0, [], '']);
  });

  it('is linted for real: the same file with a root user, an unpinned package or another digest has findings', async () => {
    const dockerfile = read('Dockerfile');
    for (const [broken, code] of [
      [dockerfile.replace('USER 1000:1000', 'USER root'), 'PL2001'],
      [dockerfile.replace('shellcheck=0.9.0-1', 'shellcheck'), 'DL3008'],
      [dockerfile.replace(/sha256:2cf067cf/g, 'sha256:2cf067ce'), 'PL1005'],
    ] as const) {
      const result = await run(['lint', '--policy', 'deploy/plimsoll-policy.yml', '--format', 'json', '-'], { cwd: ROOT, rules: allRules, stdin: broken });
      expect((JSON.parse(result.stdout) as { code: string }[]).map((f) => f.code)).toContain(code);
    }
  });

  it('is multi-stage, installs production dependencies only in the final stage, and checks /ping', () => {
    const dockerfile = read('Dockerfile');
    const stages = dockerfile.split(/^FROM /m).slice(1);
    expect(stages).toHaveLength(2);
    for (const stage of stages) expect(stage).toMatch(/^node:20\.\d+\.\d+-bookworm-slim@sha256:[0-9a-f]{64}/);
    const final = stages[1]!;
    expect(final).toContain('npm ci --omit=dev');
    expect(final).toMatch(/^USER 1000/m);
    expect(final).toMatch(/^HEALTHCHECK [\s\S]*\/ping/m);
    expect(final).not.toMatch(/build-essential|gcc|g\+\+|python3|make\b/);
    expect(final).toMatch(/apt-get install[^\n]*shellcheck=\S+/);
  });

  it('the policy it is linted with is the one the README shows', () => {
    expect(readme).toContain(`\`\`\`yaml\n${read('deploy/plimsoll-policy.yml')}\`\`\``);
  });
});

describe('deploy/compose.yaml', () => {
  const compose = parse(read('deploy/compose.yaml')) as {
    services: Record<string, { build?: { context: string; dockerfile: string }; image?: string; env_file?: string[]; environment?: Record<string, string>; restart?: string; depends_on?: Record<string, { condition: string }>; healthcheck?: unknown }>;
  };
  const app = compose.services.app!;
  const envFileKeys = read('deploy/plimsoll.env.example')
    .split('\n')
    .filter((line) => /^[A-Z]/.test(line))
    .map((line) => line.slice(0, line.indexOf('=')));
  const keys = [...envFileKeys, ...Object.keys(app.environment ?? {})];

  it('builds the top-level Dockerfile and reads secrets from an env file kept out of git', () => {
    expect(existsSync(join(ROOT, 'deploy', app.build!.context, app.build!.dockerfile))).toBe(true);
    expect(app.env_file).toEqual(['plimsoll.env']);
    expect(read('.gitignore').split('\n')).toContain('deploy/*.env');
  });

  it('sets the variables the app needs, and only ones it reads', () => {
    for (const key of REQUIRED) expect(keys).toContain(key);
    expect(keys.filter((key) => !documented.has(key))).toEqual([]);
  });

  it('points REDIS_URL at its Redis, started first and healthy, and restarts both', () => {
    expect(new URL(app.environment!.REDIS_URL!).hostname).toBe('redis');
    expect(compose.services.redis!.healthcheck).toBeDefined();
    expect(app.depends_on).toEqual({ redis: { condition: 'service_healthy' } });
    for (const [name, service] of Object.entries(compose.services)) expect([name, service.restart]).toEqual([name, 'unless-stopped']);
  });
});

describe('deploy/kubernetes', () => {
  interface Manifest {
    kind: string;
    metadata: { name: string };
    spec: {
      selector?: { matchLabels?: Record<string, string> } & Record<string, string>;
      ports?: { port: number; targetPort: string | number }[];
      template?: { metadata: { labels: Record<string, string> }; spec: PodSpec };
    };
  }
  interface Container {
    name: string;
    image: string;
    ports?: { name: string; containerPort: number }[];
    env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
    readinessProbe?: { httpGet?: { path: string; port: string } };
    livenessProbe?: { httpGet?: { path: string; port: string } };
  }
  interface PodSpec {
    terminationGracePeriodSeconds?: number;
    securityContext?: { runAsNonRoot?: boolean };
    containers: Container[];
  }
  const manifests = readdirSync(join(ROOT, 'deploy/kubernetes'))
    .filter((file) => file.endsWith('.yaml'))
    .flatMap((file) => parseAllDocuments(read(`deploy/kubernetes/${file}`)).map((doc) => doc.toJS() as Manifest));
  const find = (kind: string, name: string): Manifest => manifests.find((m) => m.kind === kind && m.metadata.name === name)!;
  const deployment = find('Deployment', 'plimsoll');
  const pod = deployment.spec.template!.spec;
  const container = pod.containers[0]!;
  const env = Object.fromEntries((container.env ?? []).map((variable) => [variable.name, variable]));

  it('runs the app with probes on /ping, a grace period for SIGTERM, and no root', () => {
    expect(container.readinessProbe?.httpGet).toEqual({ path: '/ping', port: 'http' });
    expect(container.livenessProbe?.httpGet).toEqual({ path: '/ping', port: 'http' });
    expect(container.ports).toEqual([{ name: 'http', containerPort: 3000 }]);
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(30);
    expect(pod.securityContext?.runAsNonRoot).toBe(true);
  });

  it('sets the variables the app needs, and only ones it reads', () => {
    for (const key of REQUIRED) expect(Object.keys(env)).toContain(key);
    expect(Object.keys(env).filter((key) => !documented.has(key))).toEqual([]);
  });

  it('takes the credentials from the Secret the README tells you to create', () => {
    const command = readme.slice(readme.indexOf('kubectl create secret generic plimsoll'), readme.indexOf('kubectl apply -f deploy/kubernetes/'));
    const created = [...command.matchAll(/--from-(?:literal|file)=([A-Z_]+)=/g)].map((match) => match[1]);
    const references = Object.values(env).flatMap((variable) => (variable.valueFrom?.secretKeyRef ? [variable.valueFrom.secretKeyRef] : []));
    expect(references.map((ref) => ref.name)).toEqual(references.map(() => 'plimsoll'));
    expect(references.map((ref) => ref.key).sort()).toEqual([...created].sort());
    expect(references.map((ref) => ref.key).sort()).toEqual(['APP_ID', 'PRIVATE_KEY', 'WEBHOOK_SECRET']);
  });

  it('has a Service for the pods, and REDIS_URL names the Redis Service and its port', () => {
    const service = find('Service', 'plimsoll');
    expect(service.spec.selector).toEqual(deployment.spec.template!.metadata.labels);
    expect(service.spec.ports?.map((port) => port.targetPort)).toEqual(['http']);
    const redisUrl = new URL(env.REDIS_URL!.value!);
    const redis = find('Service', redisUrl.hostname);
    expect(redis.spec.ports?.map((port) => port.port)).toContain(Number(redisUrl.port));
    const redisPods = manifests.find((m) => m.kind === 'Deployment' && m.spec.template?.metadata.labels['app.kubernetes.io/name'] === redis.spec.selector?.['app.kubernetes.io/name']);
    expect(redisPods?.spec.template?.spec.containers[0]?.image).toMatch(/^redis:[\d.]+-alpine@sha256:[0-9a-f]{64}$/);
  });
});
