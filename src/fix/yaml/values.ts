// Fix values in each format's notation, and the tests of what a present value already satisfies.
import { isUnlimited } from '../../rules/shared/missing-limit.js';

/** Docker's memory notation (`512m`, `1g`, `1024k`, bytes) in Kubernetes' (`512Mi`, `1Gi`, `1Ki`). */
export function kubernetesMemory(docker: string): string {
  const match = /^(\d+(?:\.\d+)?)\s*([bkmgt]?)i?b?$/i.exec(docker.trim());
  if (!match) return docker;
  const unit = match[2]!.toLowerCase();
  return unit === '' || unit === 'b' ? match[1]! : `${match[1]!}${unit.toUpperCase()}i`;
}

/** A limit that holds: set, and not the engine's "unlimited" (0, -1, empty). */
export const isBounded = (value: string): boolean => !isUnlimited(value);

const ROOT = /^(0|root)$/i;

/** `user` of compose or `--user`: root by name or UID, or a root group after the colon. */
export function isRootSetting(user: string): boolean {
  const [name = '', group] = user.trim().split(':');
  return ROOT.test(name) || (group !== undefined && ROOT.test(group));
}
