// D04: host devices passed into the container: direct access to hardware, disks or kernel memory.
import { defineRule } from '../../core/rule.js';
import type { Severity } from '../../core/severity.js';
import { who } from '../shared/workload.js';

/** Devices that give the host's disks or memory: reading them reads every file and secret of the host. */
const HOST_DATA_DEVICES =
  /^\/dev\/(mem|kmem|port|(sd|hd|vd|xvd)[a-z]+\d*|nvme\d+(n\d+(p\d+)?)?|mmcblk\d+(p\d+)?|dm-\d+|md\d+|mapper\/.+|disk\/.+|loop\d+)$/;

/** `/dev/sda:/dev/xvda:rwm` → `/dev/sda`. */
function hostDevice(spec: string): string {
  return spec.trim().split(':')[0]!;
}

function severityOf(device: string): Severity {
  return HOST_DATA_DEVICES.test(device) ? 'high' : 'medium';
}

export default defineRule({
  id: 'D04.host-devices',
  title: 'Host device passed into the container',
  category: 'D04',
  severity: 'medium',
  subject: 'workload',
  targets: ['compose', 'docker-run', 'engine'],
  threats: [1, 7],
  cis: ['5.18'],
  related: {},
  rationale:
    "A device passed in is opened by the container with the host kernel's driver and no namespace in between: a disk device gives every file of the host, /dev/mem its memory, and a buggy driver is kernel attack surface. Kubernetes has no per-container device list (devices come from device plugins or privileged pods), so this applies to Docker.",
  remediation:
    'Pass no devices; if one is really needed, pass only that one, read-only where it allows:\n  compose:    remove the entry from `devices:`, or e.g. devices: ["/dev/fuse:/dev/fuse:r"]\n  docker run: drop --device, or --device /dev/fuse:/dev/fuse:r',
  references: ['https://docs.docker.com/reference/cli/docker/container/run/#device'],
  examples: [
    {
      target: 'compose',
      bad: 'services:\n  backup:\n    image: registry.example.com/backup:1.0\n    devices:\n      - /dev/sda:/dev/sda\n',
      good: 'services:\n  backup:\n    image: registry.example.com/backup:1.0\n    volumes:\n      - backup-data:/data\nvolumes:\n  backup-data: {}\n',
    },
  ],
  check(workload) {
    return workload.devices.map((device) => {
      const source = hostDevice(device.value);
      const severity = severityOf(source);
      return {
        message:
          severity === 'high'
            ? `${who(workload)} gets the host device ${source}, which exposes the host's disks or memory`
            : `${who(workload)} gets the host device ${source}`,
        location: device.at,
        evidence: device.value,
        severity,
      };
    });
  },
});
