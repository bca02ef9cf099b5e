// One rule shape for resource limits that must be set (memory, CPU, PIDs): absent or zero means unlimited.
import type { Placed } from '../../core/location.js';
import { defineRule, type Rule, type RuleMeta } from '../../core/rule.js';
import type { Workload } from '../../subjects/workload.js';
import { who } from './workload.js';

type LimitMeta = Omit<RuleMeta, 'category' | 'subject' | 'references' | 'threats'> & {
  resource: string;
  limit: (workload: Workload) => Placed<string | number> | undefined;
  applies?: (workload: Workload) => boolean;
};

/**
 * `0`, `-1`, empty: the engine's way of saying "no limit". Any negative value counts: the engine treats a
 * PIDs limit <= 0 as unlimited, and a negative memory or CPU value is never a real bound.
 */
export function isUnlimited(value: string | number): boolean {
  const text = String(value).trim();
  return text === '' || /^-\d/.test(text) || /^0+(\.0+)?[a-zA-Z]*$/.test(text);
}

export function missingLimitRule(meta: LimitMeta): Rule<'workload'> {
  const { resource, limit, applies, ...rest } = meta;
  return defineRule({
    ...rest,
    category: 'D07',
    subject: 'workload',
    threats: [6],
    references: ['https://docs.docker.com/engine/containers/resource_constraints/'],
    check(workload) {
      if (applies && !applies(workload)) return [];
      const value = limit(workload);
      if (value && !isUnlimited(value.value)) return [];
      return [
        {
          message: value
            ? `${who(workload)} sets its ${resource} limit to ${value.value}, which means unlimited`
            : `${who(workload)} has no ${resource} limit`,
          location: value?.at ?? workload.at,
          ...(value ? { evidence: String(value.value) } : {}),
        },
      ];
    },
  });
}
