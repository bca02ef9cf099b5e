// D07: a memory limit with unlimited swap: the container pushes the host into swapping instead.
import { defineRule } from '../../core/rule.js';
import { isUnlimited } from '../shared/missing-limit.js';
import { who } from '../shared/workload.js';

export default defineRule({
  id: 'D07.swap-unlimited',
  title: 'Unlimited swap',
  category: 'D07',
  severity: 'low',
  subject: 'workload',
  targets: ['compose', 'docker-run', 'engine'],
  threats: [6],
  cis: [],
  related: {},
  rationale:
    "A memory limit bounds RAM; `memswap_limit: -1` (`--memory-swap -1`) lets the container use as much of the host's swap as there is on top. A leaking or attacked container then does not get killed at its limit but drags the host into swapping, slowing every other container. Left unset, Docker allows swap equal to the memory limit (twice the limit in total), which is bounded and not reported.",
  remediation:
    'Bound swap, or forbid it by setting it equal to the memory limit:\n  compose:    mem_limit: 512m, memswap_limit: 512m\n  docker run: --memory 512m --memory-swap 512m',
  references: ['https://docs.docker.com/engine/containers/resource_constraints/#--memory-swap-details'],
  examples: [
    {
      target: 'compose',
      bad: 'services:\n  worker:\n    image: registry.example.com/worker:1.0\n    mem_limit: 512m\n    memswap_limit: -1\n',
      good: 'services:\n  worker:\n    image: registry.example.com/worker:1.0\n    mem_limit: 512m\n    memswap_limit: 512m\n',
    },
  ],
  check(workload) {
    const { memory, memorySwap } = workload.resources;
    // Without a memory limit, swap is not what is missing: D07.no-memory-limit reports it.
    if (!memory || isUnlimited(memory.value) || !memorySwap) return [];
    if (!/^\s*-1\s*$/.test(memorySwap.value)) return [];
    return [
      {
        message: `${who(workload)} limits memory to ${memory.value} but allows unlimited swap`,
        location: memorySwap.at,
        evidence: `memswap_limit: ${memorySwap.value}`,
      },
    ];
  },
});
