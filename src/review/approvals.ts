import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Target } from './commands.js';
import type { Approval, ReviewedFinding } from './decision.js';

/** The findings an approve or revoke command names. */
export function findingsMatching(findings: readonly ReviewedFinding[], target: Target): ReviewedFinding[] {
  return findings.filter(
    (f) =>
      (target.code === 'all' || f.code === target.code) &&
      (target.file === null || f.file === target.file) &&
      (target.line === null || (f.line <= target.line && target.line <= (f.endLine ?? f.line)) || f.line === target.line),
  );
}

export type ApprovalChange =
  | { ok: true; approvals: Approval[]; covered: number }
  | { ok: false; refusal: string };

/** Approve the findings a command names, as they stand now. */
export function approve(
  current: readonly Approval[],
  findings: readonly ReviewedFinding[],
  target: Target,
  grant: { by: string; reason: string; commentId: number },
): ApprovalChange {
  const named = findingsMatching(findings, target);
  if (named.length === 0) return { ok: false, refusal: `there is no ${describeTarget(target)} finding in this pull request to approve` };
  const next = current.filter((a) => !named.some((f) => sameBinding(a, f)));
  for (const f of named) next.push({ code: f.code, file: f.file, instruction: f.instruction, ...grant });
  return { ok: true, approvals: dedupe(next), covered: named.length };
}

/** Withdraw approvals a command names. */
export function revoke(current: readonly Approval[], target: Target): ApprovalChange {
  const kept = current.filter(
    (a) => !((target.code === 'all' || a.code === target.code) && (target.file === null || a.file === target.file)),
  );
  if (kept.length === current.length) return { ok: false, refusal: `there is no approval of ${describeTarget(target)} to revoke` };
  return { ok: true, approvals: kept, covered: current.length - kept.length };
}

export function describeTarget(target: Target): string {
  const code = target.code === 'all' ? 'any' : target.code;
  if (target.file === null) return code;
  return `${code} ${target.file}${target.line === null ? '' : `:${target.line}`}`;
}

function sameBinding(a: Approval, f: Pick<ReviewedFinding, 'code' | 'file' | 'instruction'>): boolean {
  return a.code === f.code && a.file === f.file && a.instruction === f.instruction;
}

function dedupe(approvals: Approval[]): Approval[] {
  const seen = new Set<string>();
  return approvals.filter((a) => {
    const key = JSON.stringify([a.code, a.file, a.instruction]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/*
 * Approvals (and the audit trail of tampering) are kept in the summary comment, signed: anyone with
 * write access can edit that comment, so an unsigned list would let a developer approve their own
 * findings.
 */
export interface ApprovalStore {
  approvals: Approval[];
  /** Tampering seen on this pull request, shown in every summary from then on. */
  audit: string[];
}

const STORE = /<!-- plimsoll:approvals ([A-Za-z0-9+/=]*)\.([0-9a-f]{64}) -->/;

export function encodeStore(store: ApprovalStore, key: string): string {
  const data = Buffer.from(JSON.stringify(store)).toString('base64');
  return `<!-- plimsoll:approvals ${data}.${sign(data, key)} -->`;
}

/** The store in a summary comment; an altered one counts as empty, and says so. */
export function decodeStore(body: string | null | undefined, key: string): ApprovalStore & { tampered: boolean } {
  const match = body ? STORE.exec(body) : null;
  if (!match) return { approvals: [], audit: [], tampered: false };
  const data = match[1]!;
  const expected = Buffer.from(sign(data, key), 'hex');
  const given = Buffer.from(match[2]!, 'hex');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { approvals: [], audit: [], tampered: true };
  try {
    const parsed = JSON.parse(Buffer.from(data, 'base64').toString('utf8')) as Partial<ApprovalStore>;
    return { approvals: Array.isArray(parsed.approvals) ? parsed.approvals : [], audit: Array.isArray(parsed.audit) ? parsed.audit : [], tampered: false };
  } catch {
    return { approvals: [], audit: [], tampered: true };
  }
}

function sign(data: string, key: string): string {
  return createHmac('sha256', key).update(data).digest('hex');
}
