// D01: processes inside a running container run as root — what the guide asks `docker top` for. A
// container may be configured with a user and still start (or keep) a root process: an entrypoint that
// never drops privileges, a second process started by `docker exec -u 0`.
import { defineRule } from '../../core/rule.js';
import { engineExample } from '../shared/engine-examples.js';
import { isRootUser, who } from '../shared/workload.js';

export default defineRule({
  id: 'D01.root-processes',
  title: 'Processes running as root in a container',
  category: 'D01',
  severity: 'high',
  subject: 'workload',
  targets: ['engine'],
  threats: [1, 7],
  cis: ['5.31'],
  related: {},
  rationale:
    "The guide's check for D01 is `docker top`: which user do the container's processes really run as? Configuration says what should happen; the process list says what does. A root process is root on the host after an escape when user namespaces are off, and can undo every restriction the image's files rely on.",
  remediation:
    'Make the image drop to an unprivileged user before it starts the application (`USER 10001` in the Dockerfile, or `setpriv`/`su-exec` in an entrypoint that must start as root), run the container with `--user 10001:10001`, and find who started a root process with `docker exec` (`docker events --filter event=exec_start`).',
  references: ['https://docs.docker.com/reference/cli/docker/container/top/'],
  examples: [
    {
      target: 'engine',
      bad: engineExample({
        top: [
          { user: 'root', command: 'nginx: master process' },
          { user: '101', command: 'nginx: worker process' },
        ],
      }),
      good: engineExample({ top: [{ user: '10001', command: 'node server.js' }] }),
    },
  ],
  check(workload) {
    const processes = workload.live?.processes;
    if (!processes) return [];
    const root = processes.value.filter((process) => isRootUser(process.user));
    if (root.length === 0) return [];
    const commands = root.map((process) => process.command).slice(0, 5);
    return [
      {
        message: `${who(workload)} runs ${root.length} process${root.length === 1 ? '' : 'es'} as root: ${commands.join('; ')}${root.length > commands.length ? '; …' : ''}`,
        location: processes.at,
        evidence: commands[0]!,
      },
    ];
  },
});
