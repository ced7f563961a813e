import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Probot } from 'probot';
import { decideDeploy, type DeployDecision } from '../deploy/decide.js';
import { admissionReview, parseAdmissionReview, podImages, type AdmissionAnswer, type PodImage } from '../deploy/admission.js';
import { readImageRecord } from '../deploy/read.js';
import type { ImageRecord } from '../deploy/record.js';
import { parseImageReference } from '../dockerfile/reference.js';
import type { Octokit } from '../github/client.js';
import { policyLocation } from '../config/location.js';
import type { Policy } from '../policy/types.js';
import { isRegistryError } from '../registry/errors.js';
import type { RegistryClient } from '../registry/types.js';
import type { Runtime } from '../runtime.js';

/**
 * `POST /api/admission` (SPEC §10): Kubernetes' validating admission webhook on the app's own
 * server. The policy is that of `PLIMSOLL_ADMISSION_ORG`'s installation, cached as reviews cache it
 * and dropped on every push to the policy repository. Each image is resolved to a digest (tag answers
 * cached 5 minutes), and what it records is read once per digest; the answer comes within the
 * deadline (Kubernetes waits 10 s), a lookup still running then counting as a registry that cannot
 * be read, which `deploy.registry-unreachable` answers.
 */
export interface AdmissionOptions {
  /** `PLIMSOLL_ADMISSION_ORG` by default. */
  org?: string;
  registry?: RegistryClient;
  policyRepo?: string;
  now?: () => Date;
  /** Default 8 s, inside Kubernetes' default 10 s timeout. */
  deadlineMs?: number;
}

export const ADMISSION_PATH = '/api/admission';
const MAX_BODY = 4 << 20;

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

export function admissionHandler(app: Probot, runtime: Runtime, options: AdmissionOptions = {}): Handler {
  const now = options.now ?? (() => runtime.now());
  const deadlineMs = options.deadlineMs ?? 8_000;
  let registry = options.registry;
  let installation: Promise<number> | null = null;
  /** What each digest records, per policy (the pinned indexes it reads depend on the policy). */
  const records = new WeakMap<Policy, Map<string, Promise<ImageRecord>>>();
  /** Decisions per policy, by reference and digest, for a minute (exceptions expire by the day). */
  const decisions = new WeakMap<Policy, Map<string, { decision: DeployDecision; at: number }>>();
  const decide = (policy: Policy, record: ImageRecord): DeployDecision => {
    let byKey = decisions.get(policy);
    if (!byKey) decisions.set(policy, (byKey = new Map()));
    const key = `${record.reference} ${record.digest}`;
    const known = byKey.get(key);
    const at = now().getTime();
    if (known && at - known.at < 60_000) return known.decision;
    const decision = decideDeploy(policy, record, { repo: null, now: new Date(at) });
    byKey.set(key, { decision, at });
    if (byKey.size > 10_000) byKey.delete(byKey.keys().next().value!);
    return decision;
  };

  const installationFor = (org: string): Promise<number> => {
    installation ??= (async () => {
      const octokit = (await app.auth()) as unknown as Octokit;
      const all = (await octokit.paginate('GET /app/installations', { per_page: 100 })) as Array<{ id: number; account: { login?: string } | null }>;
      const found = all.find((i) => i.account?.login?.toLowerCase() === org.toLowerCase());
      if (!found) throw new Error(`the app is not installed on ${org}`);
      return found.id;
    })();
    installation.catch(() => (installation = null));
    return installation;
  };

  const recordFor = async (policy: Policy, client: RegistryClient, reference: string): Promise<ImageRecord> => {
    const ref = parseImageReference(reference)!;
    const digest = await client.digest({ registry: ref.registry, repository: ref.repository }, ref.digest ?? ref.tag ?? 'latest');
    let byDigest = records.get(policy);
    if (!byDigest) records.set(policy, (byDigest = new Map()));
    let record = byDigest.get(digest);
    if (!record) {
      record = readImageRecord(client, { ...ref, digest }, policy);
      byDigest.set(digest, record);
      record.catch(() => byDigest.delete(digest));
      if (byDigest.size > 10_000) byDigest.delete(byDigest.keys().next().value!);
    }
    return { ...(await record), reference, digest: ref.digest ?? digest };
  };

  const judge = async (policy: Policy, images: PodImage[]): Promise<AdmissionAnswer> => {
    registry ??= runtime.registry() ?? undefined;
    if (!registry) throw new Error('the registry settings (PLIMSOLL_REGISTRY_ENDPOINTS, PLIMSOLL_REGISTRY_AUTH) are not valid');
    const client = registry;
    const denied: string[] = [];
    const warnings: string[] = [];
    const distinct = [...new Set(images.map((i) => i.image))];
    const deadline = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), deadlineMs).unref());
    const answers = await Promise.all(
      distinct.map(async (image): Promise<[string, DeployDecision | string]> => {
        if (parseImageReference(image) === null) return [image, `"${image}" is not an image reference`];
        try {
          const record = await Promise.race([recordFor(policy, client, image), deadline]);
          if (record === 'late') return [image, `its registry did not answer within ${deadlineMs / 1000} s`];
          return [image, decide(policy, record)];
        } catch (error) {
          if (!isRegistryError(error)) throw error;
          if (error.kind === 'not-found') return [image, `the registry does not have it (${error.message})`];
          return [image, `its registry cannot be read: ${error.message}`];
        }
      }),
    );
    for (const [image, answer] of answers) {
      const where = images.filter((i) => i.image === image).map((i) => i.where).join(', ');
      if (typeof answer === 'string') {
        const unreadable = answer.startsWith('its registry');
        if (unreadable && policy.deploy.registryUnreachable === 'allow') warnings.push(`${image} (${where}) not checked: ${answer}; allowed by deploy.registry-unreachable`);
        else denied.push(`${image} (${where}): ${answer}${unreadable ? '; denied by deploy.registry-unreachable' : ''}`);
        continue;
      }
      const built = answer.builtFrom.length > 0 ? `built from ${[...new Set(answer.builtFrom.map((b) => b.image))].join(', ')}` : 'records no base image';
      if (!answer.admitted) denied.push(`${image} (${where}, ${built}): ${answer.codes.length > 0 ? `${answer.codes.join(', ')}: ` : ''}${answer.reasons.join('; ')}`);
      else if (answer.verdict === 'unknown') warnings.push(`${image} (${where}) records no base image; allowed by deploy.unknown-base`);
    }
    if (denied.length === 0) return { allowed: true, warnings };
    return { allowed: false, message: `Plimsoll denied ${denied.length} ${denied.length === 1 ? 'image' : 'images'}: ${denied.join(' | ')}`, warnings };
  };

  return async (req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== ADMISSION_PATH) return false;
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST', 'content-type': 'text/plain' }).end('POST an admission.k8s.io/v1 AdmissionReview\n');
      return true;
    }
    const send = (status: number, body: object) => void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    let body: unknown;
    try {
      const text = await readBody(req);
      if (text === null) {
        send(413, { message: `an AdmissionReview larger than ${MAX_BODY} bytes` });
        return true;
      }
      body = JSON.parse(text);
    } catch (error) {
      send(400, { message: `not an AdmissionReview: ${(error as Error).message}` });
      return true;
    }
    const parsed = parseAdmissionReview(body);
    if (!parsed.ok) {
      if (parsed.uid) send(200, admissionReview(parsed.uid, { allowed: false, message: `Plimsoll could not read the review: ${parsed.problem}` }));
      else send(400, { message: parsed.problem });
      return true;
    }
    const { request } = parsed;
    const log = app.log.child({ admission: request.uid, kind: request.kind.kind, namespace: request.namespace, name: request.name });
    const images = podImages(request);
    if (request.operation === 'DELETE' || images.length === 0) {
      send(200, admissionReview(request.uid, { allowed: true }));
      return true;
    }
    try {
      const org = options.org ?? runtime.admissionOrg;
      if (!org) throw new Error('PLIMSOLL_ADMISSION_ORG is not set: no organization\'s policy to apply');
      const installationId = await installationFor(org);
      const octokit = (await app.auth(installationId)) as unknown as Octokit;
      const policyRepo = options.policyRepo ?? runtime.policyRepo;
      const state = await runtime.policies.inForce(octokit, installationId, org, { ...runtime.retry, ...(policyRepo ? { policyRepo } : {}) });
      if (!state.policy) {
        const location = policyLocation(org, policyRepo);
        throw new Error(`${org} has no valid Plimsoll policy (${location.repo}/${location.path}${state.status === 'unreadable' ? `: ${state.reason}` : ''})`);
      }
      const answer = await judge(state.policy, images);
      log.info({ allowed: answer.allowed, images: images.length }, answer.allowed ? 'admitted' : 'denied');
      send(200, admissionReview(request.uid, answer));
    } catch (error) {
      // Fail closed, saying why: the webhook's failurePolicy stays the cluster admin's choice for outages of the app itself.
      log.error({ err: error }, 'admission review failed');
      send(200, admissionReview(request.uid, { allowed: false, message: `Plimsoll could not decide: ${(error as Error).message}` }));
    }
    return true;
  };
}

/** The body as text; past the limit the rest is read and dropped (so the sender gets the answer) and null returned. */
async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= MAX_BODY) chunks.push(chunk as Buffer);
  }
  return size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8');
}
