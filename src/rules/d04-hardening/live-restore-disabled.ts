// D04: without live restore, every engine restart (an upgrade, a crash) stops every container.
import { defineRule } from '../../core/rule.js';
import { effective, notSet } from '../shared/engine.js';

export default defineRule({
  id: 'D04.live-restore-disabled',
  title: 'Live restore is off',
  category: 'D04',
  severity: 'low',
  subject: 'engine-config',
  targets: ['daemon', 'engine'],
  threats: [6],
  cis: ['2.15'],
  related: { 'docker-bench-security': ['2.15'] },
  rationale:
    "Without live restore (the default), stopping or upgrading dockerd stops every container. Engine patches then mean downtime, so they get postponed — the guide's D02 — and a daemon crash becomes an outage. With `live-restore`, containers keep running while the daemon is down and are picked up again when it returns.",
  remediation:
    'Turn live restore on (not available in Swarm mode, where services are rescheduled instead):\n  {\n    "live-restore": true\n  }\nA `systemctl reload docker` applies it without a restart.',
  references: ['https://docs.docker.com/engine/daemon/live-restore/'],
  examples: [
    { target: 'daemon', bad: '{\n  "live-restore": false\n}\n', good: '{\n  "live-restore": true\n}\n' },
  ],
  check(config) {
    const live = effective(config, config.liveRestore, false);
    if (!live || live.value) return [];
    return [
      {
        message: `${live.explicit ? 'live-restore is false' : notSet('live-restore', 'false')}: restarting or upgrading the engine stops every container`,
        location: live.at,
        ...(live.explicit ? { evidence: 'live-restore: false' } : {}),
      },
    ];
  },
});
