/**
 * Kubernetes admission (SPEC §10), pure: which images an `admission.k8s.io/v1` AdmissionReview asks
 * to run, and the AdmissionReview to answer. Pods and the pod templates of Deployment, ReplicaSet,
 * StatefulSet, DaemonSet, Job, CronJob (and ReplicationController); containers, init containers and
 * ephemeral containers.
 */
export interface AdmissionRequest {
  uid: string;
  kind: { group?: string; version?: string; kind?: string };
  operation?: string;
  namespace?: string;
  name?: string;
  subResource?: string;
  object?: unknown;
}

export type ParsedReview = { ok: true; request: AdmissionRequest } | { ok: false; problem: string; uid: string | null };

export function parseAdmissionReview(body: unknown): ParsedReview {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { ok: false, problem: 'the body is not an AdmissionReview object', uid: null };
  const review = body as { apiVersion?: unknown; kind?: unknown; request?: unknown };
  const request = review.request as Partial<AdmissionRequest> | undefined;
  const uid = typeof request?.uid === 'string' ? request.uid : null;
  if (review.kind !== 'AdmissionReview') return { ok: false, problem: 'kind must be AdmissionReview', uid };
  if (review.apiVersion !== 'admission.k8s.io/v1') return { ok: false, problem: `apiVersion ${JSON.stringify(review.apiVersion)} is not admission.k8s.io/v1`, uid };
  if (!request || typeof request !== 'object' || uid === null || uid === '') return { ok: false, problem: 'request.uid is missing', uid };
  return { ok: true, request: { ...request, uid, kind: typeof request.kind === 'object' && request.kind !== null ? request.kind : {} } };
}

export interface PodImage {
  image: string;
  /** Where it is written: `spec.template.spec.initContainers[0] (migrate)`. */
  where: string;
}

const TEMPLATE_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController']);
const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;

/** Every container image of the object under review; empty for kinds without a pod spec. */
export function podImages(request: AdmissionRequest): PodImage[] {
  const object = request.object as Record<string, unknown> | null | undefined;
  if (!object || typeof object !== 'object') return [];
  const kind = request.kind.kind ?? (object.kind as string | undefined);
  let path: string[];
  if (kind === 'Pod') path = ['spec'];
  else if (kind !== undefined && TEMPLATE_KINDS.has(kind)) path = ['spec', 'template', 'spec'];
  else if (kind === 'CronJob') path = ['spec', 'jobTemplate', 'spec', 'template', 'spec'];
  else return [];
  let spec: unknown = object;
  for (const key of path) spec = spec && typeof spec === 'object' ? (spec as Record<string, unknown>)[key] : undefined;
  if (!spec || typeof spec !== 'object') return [];
  const images: PodImage[] = [];
  for (const list of CONTAINER_LISTS) {
    const containers = (spec as Record<string, unknown>)[list];
    if (!Array.isArray(containers)) continue;
    containers.forEach((container: unknown, i) => {
      const { image, name } = (container ?? {}) as { image?: unknown; name?: unknown };
      const label = typeof name === 'string' && name !== '' ? ` (${name})` : '';
      images.push({ image: typeof image === 'string' ? image : '', where: `${[...path, `${list}[${i}]`].join('.')}${label}` });
    });
  }
  return images;
}

export interface AdmissionAnswer {
  allowed: boolean;
  /** Shown to whoever applied the object when it is denied. */
  message?: string;
  /** Shown as warnings by kubectl when it is allowed anyway (unknown base, registry unreadable). */
  warnings?: string[];
}

export function admissionReview(uid: string, answer: AdmissionAnswer): object {
  const response: Record<string, unknown> = { uid, allowed: answer.allowed };
  if (!answer.allowed) response.status = { code: 403, reason: 'Forbidden', message: answer.message ?? 'denied by Plimsoll' };
  if (answer.warnings && answer.warnings.length > 0) response.warnings = answer.warnings.slice(0, 20).map((w) => w.slice(0, 500));
  return { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response };
}
