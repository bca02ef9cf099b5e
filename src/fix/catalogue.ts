// Which rules `dt10 fix` can fix, in which formats: plain data, so that `dt10 rules`, `dt10 explain` and
// docs/rules.md can say so without loading the fixers. test/fix/catalogue.test.ts holds it to the fixers.
import type { Target } from '../core/rule.js';

export const FIX_FORMATS: Readonly<Record<string, readonly Target[]>> = {
  'D01.image-root-user': ['dockerfile'],
  'D01.workload-root-user': ['compose', 'kubernetes', 'docker-run'],
  'D03.icc-enabled': ['daemon'],
  'D03.port-all-interfaces': ['compose', 'docker-run'],
  'D03.userland-proxy': ['daemon'],
  'D04.add-instead-of-copy': ['dockerfile'],
  'D04.capabilities-not-dropped': ['compose', 'kubernetes', 'docker-run'],
  'D04.daemon-no-new-privileges': ['daemon'],
  'D04.live-restore-disabled': ['daemon'],
  'D04.no-new-privileges': ['compose', 'kubernetes', 'docker-run'],
  'D04.privileged': ['compose', 'kubernetes', 'docker-run'],
  'D04.seccomp-disabled': ['compose', 'kubernetes', 'docker-run'],
  'D06.service-account-token': ['kubernetes'],
  'D07.no-cpu-limit': ['compose', 'kubernetes', 'docker-run'],
  'D07.no-memory-limit': ['compose', 'kubernetes', 'docker-run'],
  'D07.no-pids-limit': ['compose', 'docker-run'],
  'D09.writable-rootfs': ['compose', 'kubernetes', 'docker-run'],
  'D10.log-rotation-missing': ['compose', 'docker-run', 'daemon'],
};

/** Fixes applied only when asked for by name: they change what a workload can reach. */
export const OPT_IN_FIXES: readonly string[] = ['D03.port-all-interfaces'];
