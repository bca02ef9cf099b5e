// D02: how many packages the image's package databases list, as information: every installed package is
// one more thing to patch, and the count is the measure of what a rebuild has to keep current.
import { defineRule } from '../../core/rule.js';
import type { Violation } from '../../core/rule.js';
import { fileAt } from '../../subjects/image-spec.js';
import { imageWho } from '../shared/image.js';
import { packageDatabases } from '../shared/image-os.js';

/** How many package names the evidence shows. */
const SHOWN = 5;

const MANAGERS = { dpkg: 'dpkg (Debian, Ubuntu)', apk: 'apk (Alpine)' } as const;

export default defineRule({
  id: 'D02.package-count',
  title: 'Installed packages',
  category: 'D02',
  severity: 'info',
  subject: 'image',
  targets: ['image'],
  threats: [1, 2, 4, 5, 7],
  cis: ['4.3'],
  related: {},
  rationale:
    "Every package in an image is code that has to be patched, and code an attacker who gets in can use. A minimal image keeps patching manageable; the number of installed packages, read from the image's own package database (dpkg status, including distroless' status.d, or apk's installed database), shows how much there is to keep current. It is information, not a fault: compare it across images and releases, and look for packages the application never uses.",
  remediation:
    'Install only what the application needs, and keep build tools out of the final image:\n  RUN apt-get install -y --no-install-recommends <packages>    # Debian, Ubuntu\n  RUN apk add --no-cache <packages>                             # Alpine\n  COPY --from=build /out/app /app                               # a multi-stage build\nA distroless or `FROM scratch` image carries no package manager at all.',
  references: [
    'https://docs.docker.com/build/building/best-practices/#dont-install-unnecessary-packages',
    'https://docs.docker.com/build/building/multi-stage/',
  ],
  examples: [
    {
      target: 'image',
      bad: 'layers:\n  - /lib/apk/db/installed: "P:musl\\nV:1.2.5-r10\\n\\nP:busybox\\nV:1.37.0-r18\\n"\n',
      good: 'layers:\n  - /app: "a static binary"\n',
    },
  ],
  check(image) {
    const violations: Violation[] = [];
    for (const db of packageDatabases(image)) {
      const count = db.packages.length;
      const shown = db.packages
        .slice(0, SHOWN)
        .map((p) => (p.version === undefined ? p.name : `${p.name} ${p.version}`));
      violations.push({
        message: `${imageWho(image)} has ${db.truncated ? 'at least ' : ''}${count} package${count === 1 ? '' : 's'} installed by ${MANAGERS[db.manager]}, listed in ${db.path}${db.truncated ? ' (the database was read only in part)' : ''}`,
        location: fileAt(image, db.path),
        evidence: `${shown.join(', ')}${count > SHOWN ? `, … (${count - SHOWN} more)` : ''}`,
      });
    }
    return violations;
  },
});
