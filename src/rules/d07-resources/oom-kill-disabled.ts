// D07: the kernel's OOM killer may not stop this container: without a memory limit, it eats the host.
import { defineRule } from '../../core/rule.js';
import { isUnlimited } from '../shared/missing-limit.js';
import { who } from '../shared/workload.js';

export default defineRule({
  id: 'D07.oom-kill-disabled',
  title: 'OOM killer disabled',
  category: 'D07',
  severity: 'high',
  subject: 'workload',
  targets: ['compose', 'docker-run', 'engine'],
  threats: [6],
  cis: [],
  related: {},
  rationale:
    "With the OOM killer disabled for a container, the kernel cannot kill it when memory runs out. Without a memory limit that means the host runs out instead and the kernel kills other processes (other containers, the engine, sshd) or the host hangs: reported high. With a limit, the container's own processes freeze at the limit instead of being killed, which keeps it hung rather than restarted: reported low. (cgroup v2 hosts ignore the option, but a file cannot tell which host it is deployed on.)",
  remediation:
    'Remove the option and set a memory limit:\n  compose:    delete `oom_kill_disable: true`; mem_limit: 512m\n  docker run: drop --oom-kill-disable; --memory 512m',
  references: ['https://docs.docker.com/engine/containers/resource_constraints/#--oom-kill-disable'],
  examples: [
    {
      target: 'compose',
      bad: 'services:\n  worker:\n    image: registry.example.com/worker:1.0\n    oom_kill_disable: true\n',
      good: 'services:\n  worker:\n    image: registry.example.com/worker:1.0\n    mem_limit: 512m\n',
    },
  ],
  check(workload) {
    const setting = workload.oomKillDisable;
    if (setting?.value !== true) return [];
    const memory = workload.resources.memory;
    const limited = memory !== undefined && !isUnlimited(memory.value);
    return [
      limited
        ? {
            message: `${who(workload)} disables the OOM killer; at its memory limit (${memory.value}) it hangs instead of being restarted`,
            location: setting.at,
            evidence: 'oom_kill_disable: true',
            severity: 'low',
          }
        : {
            message: `${who(workload)} disables the OOM killer and has no memory limit: it can exhaust the host's memory, and the kernel then kills other processes`,
            location: setting.at,
            evidence: 'oom_kill_disable: true',
          },
    ];
  },
});
