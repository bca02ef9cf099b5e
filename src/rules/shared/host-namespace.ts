// One rule shape for the three host namespaces a container can join (PID, IPC, UTS).
import type { Placed } from '../../core/location.js';
import { defineRule, type Rule, type RuleMeta } from '../../core/rule.js';
import type { Workload } from '../../subjects/workload.js';
import { isHostMode, who } from './workload.js';

type NamespaceMeta = Omit<RuleMeta, 'category' | 'subject' | 'targets' | 'references'> & {
  namespace: string;
  field: (workload: Workload) => Placed<string> | undefined;
  targets?: RuleMeta['targets'];
};

export function hostNamespaceRule(meta: NamespaceMeta): Rule<'workload'> {
  const { namespace, field, ...rest } = meta;
  return defineRule({
    ...rest,
    category: 'D04',
    subject: 'workload',
    targets: meta.targets ?? ['compose', 'kubernetes', 'docker-run', 'engine'],
    references: ['https://docs.docker.com/engine/containers/run/'],
    check(workload) {
      const mode = field(workload);
      if (!isHostMode(mode)) return [];
      return [
        {
          message: `${who(workload)} shares the host's ${namespace} namespace`,
          location: mode.at,
          evidence: `${namespace}: host`,
        },
      ];
    },
  });
}
