// D04: the image's filesystem holds executables with the setuid or setgid bit: whoever runs in the container
// can run them with their owner's (mostly root's) privileges. One finding per image lists them; files the
// `setuidAllowList` setting names are left out.
import { defineRule } from '../../core/rule.js';
import type { ImageFile } from '../../subjects/index.js';
import { fileAt } from '../../subjects/image-spec.js';
import { imageWho } from '../shared/image.js';
import { fileText, listText, matchesPathGlob } from '../shared/image-files.js';

/** Setuid needs an execute bit to mean anything; setgid without group execute marks mandatory locking. */
function isSetuidOrSetgid(file: ImageFile): boolean {
  if (file.type !== 'file' && file.type !== 'hardlink') return false;
  return ((file.mode & 0o4000) !== 0 && (file.mode & 0o111) !== 0) || (file.mode & 0o2010) === 0o2010;
}

function bits(file: ImageFile): string {
  const setuid = (file.mode & 0o4000) !== 0 && (file.mode & 0o111) !== 0;
  const setgid = (file.mode & 0o2010) === 0o2010;
  return setuid && setgid ? 'setuid+setgid' : setuid ? 'setuid' : 'setgid';
}

export default defineRule({
  id: 'D04.setuid-files',
  title: 'Setuid or setgid files in the image',
  category: 'D04',
  severity: 'medium',
  subject: 'image',
  targets: ['image'],
  threats: [1, 7],
  cis: ['4.8'],
  related: { dockle: ['CIS-DI-0008'] },
  rationale:
    'An executable with the setuid or setgid bit runs with the privileges of its owner or group, whoever starts it: in a container that runs as an unprivileged user, `su`, `passwd`, `mount` or `newgrp` owned by root are the ways back to root, and a flaw in any of them is a privilege escalation. An application container needs none of them. `no-new-privileges` stops the bits from taking effect, removing them makes the image safe wherever it runs.',
  remediation:
    'Remove the bits in the final stage of the Dockerfile (or delete the programs the application does not need):\n  RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} + || true\nRun the container with `--security-opt no-new-privileges` (Kubernetes: `allowPrivilegeEscalation: false`) as well. A file that must keep its bit can be listed in `settings.setuidAllowList` of .dt10.yaml (`/usr/bin/ping`, `/opt/app/bin/*`).',
  references: [
    'https://github.com/goodwithtech/dockle/blob/master/CHECKPOINT.md#cis-di-0008',
    'https://man7.org/linux/man-pages/man2/execve.2.html',
    'https://docs.docker.com/reference/cli/docker/container/run/#security-opt',
  ],
  examples: [
    {
      target: 'image',
      bad: 'layers:\n  - /usr/bin/passwd: { mode: "4755" }\n    /usr/bin/chage: { mode: "2755", gid: 42 }\n',
      good: 'layers:\n  - /usr/bin/passwd: { mode: "0755" }\n    /usr/bin/chage: { mode: "0755" }\n',
    },
  ],
  check(image, context) {
    const allowed = context.settings.setuidAllowList;
    const found = [...image.files.values()].filter(
      (file) => isSetuidOrSetgid(file) && !allowed.some((pattern) => matchesPathGlob(file.path, pattern)),
    );
    const first = found[0];
    if (first === undefined) return [];
    const count = found.length === 1 ? 'a setuid/setgid file' : `${found.length} setuid/setgid files`;
    return [
      {
        message: `${imageWho(image)} has ${count} (${listText(
          found.map((file) => file.path),
          3,
        )}): any user in the container runs them with their owner's privileges`,
        location: fileAt(image, first.path),
        evidence: listText(found.map((file) => `${bits(file)} ${fileText(file)}`)),
      },
    ];
  },
});
