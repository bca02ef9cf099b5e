// D04: storage drivers that Docker deprecated (and later removed) no longer get fixes.
import { defineRule } from '../../core/rule.js';

const DEPRECATED: Record<string, string> = {
  aufs: 'aufs is not in the mainline kernel, was deprecated in Engine 20.10 and removed in 24.0',
  devicemapper: 'devicemapper was deprecated in Engine 20.10 and removed in 25.0',
  overlay: 'the legacy overlay driver was deprecated in Engine 20.10 and removed in 24.0',
};

export default defineRule({
  id: 'D04.deprecated-storage-driver',
  title: 'Deprecated storage driver',
  category: 'D04',
  severity: 'medium',
  subject: 'engine-config',
  targets: ['daemon', 'engine'],
  threats: [1, 6],
  cis: ['2.6'],
  related: { 'docker-bench-security': ['2.6'] },
  rationale:
    "The aufs, devicemapper and legacy overlay storage drivers are deprecated and gone from current engines: they get no fixes, keep the engine on an old release to stay usable, and have a record of kernel crashes and leaks (devicemapper's loop-lvm mode was never meant for production). overlay2 is the supported default on every current distribution.",
  remediation:
    'Use overlay2 (the default when nothing is set) and move images and volumes over, since the data of one driver is invisible to another:\n  {\n    "storage-driver": "overlay2"\n  }',
  references: [
    'https://docs.docker.com/engine/storage/drivers/select-storage-driver/',
    'https://docs.docker.com/engine/deprecated/',
  ],
  examples: [
    {
      target: 'daemon',
      bad: '{\n  "storage-driver": "devicemapper"\n}\n',
      good: '{\n  "storage-driver": "overlay2"\n}\n',
    },
  ],
  check(config) {
    const driver = config.storageDriver;
    if (!driver) return [];
    const name = driver.value.trim().toLowerCase();
    const why = Object.hasOwn(DEPRECATED, name) ? DEPRECATED[name] : undefined;
    if (!why) return [];
    return [
      {
        message: `storage-driver is ${name}: ${why}`,
        location: driver.at,
        evidence: `storage-driver: ${driver.value}`,
      },
    ];
  },
});
