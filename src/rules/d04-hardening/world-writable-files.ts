// D04: files and directories of the image that every user may write (mode o+w), outside the scratch
// directories made for that (/tmp, /var/tmp, /dev/shm) and sticky directories. Symlinks are always 0777 and
// devices such as /dev/null are meant to be shared: neither counts. One finding per image lists them.
import { defineRule } from '../../core/rule.js';
import type { ImageFile } from '../../subjects/index.js';
import { fileAt } from '../../subjects/image-spec.js';
import { imageWho } from '../shared/image.js';
import { fileText, isUnder, listText } from '../shared/image-files.js';

/** Directories meant to be written by everyone, with what is below them. */
const SCRATCH_DIRECTORIES = ['/tmp', '/var/tmp', '/dev/shm'];

function isWorldWritable(file: ImageFile): boolean {
  if (file.type !== 'file' && file.type !== 'hardlink' && file.type !== 'directory') return false;
  if ((file.mode & 0o002) === 0) return false;
  // A sticky directory lets everyone create files but only their owner remove or rename them.
  if (file.type === 'directory' && (file.mode & 0o1000) !== 0) return false;
  return !SCRATCH_DIRECTORIES.some((directory) => isUnder(file.path, directory));
}

export default defineRule({
  id: 'D04.world-writable-files',
  title: 'World-writable files in the image',
  category: 'D04',
  severity: 'medium',
  subject: 'image',
  targets: ['image'],
  threats: [1, 7],
  cis: [],
  related: {},
  rationale:
    'A file or directory writable by every user lets any process in the container, whatever user it runs as, change what the application reads or runs: replace a script or a binary, rewrite its configuration, plant a library in a directory on its path. Running the application as an unprivileged user protects the image from it only if the image grants that user nothing it does not need; a `chmod 777` made to get past a permission error undoes that.',
  remediation:
    'Give the files to the user that must write them instead of to everyone, in the Dockerfile:\n  COPY --chown=10001:10001 data/ /app/data/\n  RUN chmod -R o-w /app\nKeep writable state in a volume or in /tmp, and mount the root filesystem read-only (`--read-only`, Kubernetes `readOnlyRootFilesystem: true`).',
  references: [
    'https://docs.docker.com/reference/dockerfile/#copy---chown---chmod',
    'https://man7.org/linux/man-pages/man1/chmod.1.html',
  ],
  examples: [
    {
      target: 'image',
      bad: 'layers:\n  - /app: { type: directory, mode: "0777" }\n    /app/config.yml: { mode: "0666" }\n',
      good: 'layers:\n  - /app: { type: directory, mode: "0755" }\n    /app/config.yml: { mode: "0644" }\n    /tmp: { type: directory, mode: "1777" }\n',
    },
  ],
  check(image) {
    const found = [...image.files.values()].filter(isWorldWritable);
    const first = found[0];
    if (first === undefined) return [];
    const count =
      found.length === 1
        ? 'a world-writable file or directory'
        : `${found.length} world-writable files and directories`;
    return [
      {
        message: `${imageWho(image)} has ${count} (${listText(
          found.map((file) => file.path),
          3,
        )}): any user in the container can change them`,
        location: fileAt(image, first.path),
        evidence: listText(
          found.map((file) => `${file.type === 'directory' ? 'dir' : 'file'} ${fileText(file)}`),
        ),
      },
    ];
  },
});
