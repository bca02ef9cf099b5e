import { composeService, dockerRun, testRule } from '../../../test/rule-tester.js';
import rule from './host-devices.js';

testRule(rule, {
  'docker-run': {
    accept: [
      { name: 'no devices', code: dockerRun('') },
      { name: 'a bind mount under /dev is another rule', code: dockerRun('-v /srv/dev:/dev-data') },
      { name: 'a tmpfs', code: dockerRun('--tmpfs /run') },
    ],
    reject: [
      {
        name: '--device /dev/fuse',
        code: dockerRun('--device /dev/fuse'),
        lines: [1],
        messageIncludes: 'container "app" in run.sh gets the host device /dev/fuse',
        severity: 'medium',
      },
      {
        name: 'a disk with a container path and permissions',
        code: dockerRun('--device=/dev/sda:/dev/xvda:rwm'),
        lines: [1],
        messageIncludes: "gets the host device /dev/sda, which exposes the host's disks or memory",
        severity: 'high',
      },
      {
        name: 'kernel memory',
        code: dockerRun('--device /dev/mem:/dev/mem:r'),
        lines: [1],
        severity: 'high',
      },
      {
        name: 'one finding per device, each on its line',
        code: dockerRun('--device /dev/net/tun \\\n  --device /dev/nvme0n1'),
        lines: [1, 2],
      },
    ],
  },
  compose: {
    accept: [
      { name: 'no devices', code: composeService('') },
      { name: 'an empty list', code: composeService('devices: []') },
      { name: 'a tmpfs on /dev/shm is not a device', code: composeService('shm_size: 256m') },
      { name: 'a named volume', code: composeService('volumes:\n  - data:/dev-data') },
    ],
    reject: [
      {
        name: '/dev/fuse',
        code: composeService('devices:\n  - /dev/fuse:/dev/fuse'),
        lines: [5],
        messageIncludes: 'service "app" in compose.yaml gets the host device /dev/fuse',
        severity: 'medium',
      },
      {
        name: 'a disk',
        code: composeService('devices:\n  - /dev/sda:/dev/sda'),
        lines: [5],
        messageIncludes: "gets the host device /dev/sda, which exposes the host's disks or memory",
        severity: 'high',
      },
      { name: 'a partition', code: composeService('devices:\n  - /dev/sdb1'), lines: [5], severity: 'high' },
      {
        name: 'an NVMe namespace',
        code: composeService('devices:\n  - /dev/nvme0n1:/dev/disk'),
        lines: [5],
        severity: 'high',
      },
      {
        name: 'kernel memory',
        code: composeService('devices:\n  - /dev/mem:/dev/mem:r'),
        lines: [5],
        severity: 'high',
      },
      {
        name: 'a device-mapper volume with permissions',
        code: composeService('devices:\n  - /dev/mapper/vg-root:/dev/root:rwm'),
        lines: [5],
        severity: 'high',
      },
      {
        name: 'a TUN device',
        code: composeService('devices:\n  - /dev/net/tun'),
        lines: [5],
        severity: 'medium',
      },
      { name: 'a flow sequence', code: composeService('devices: ["/dev/kvm"]'), lines: [4] },
      {
        name: 'a CDI device name',
        code: composeService('devices:\n  - nvidia.com/gpu=all'),
        lines: [5],
        messageIncludes: 'gets the host device nvidia.com/gpu=all',
      },
      {
        name: 'one finding per device, each with its severity',
        code: composeService('devices:\n  - /dev/snd\n  - /dev/sda'),
        lines: [5, 6],
      },
    ],
  },
});
