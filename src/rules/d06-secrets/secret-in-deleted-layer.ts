// D06: a secret file that a layer added and a later layer deleted (or replaced). The final filesystem no
// longer shows it, but the layer that added it is part of the image unchanged: `docker save` and a tar
// extract it. Judged by the content read from the deleted entry; without content, only a name that holds a
// credential whatever it contains (`id_rsa`, `.git-credentials`) counts. Only masked values are shown.
import { defineRule } from '../../core/rule.js';
import type { Violation } from '../../core/rule.js';
import type { ImageDeletedFile, ImageSpec } from '../../subjects/index.js';
import { fileAt } from '../../subjects/image-spec.js';
import { imageWho } from '../shared/image.js';
import {
  conclusiveSecretName,
  deletedFileStep,
  describeSecretFile,
  fileEvidence,
  isDependencyFixture,
  isSshHostKey,
  isSystemFile,
  secretsInFile,
  summarizeSecrets,
} from '../shared/image-secrets.js';

function bytes(size: number): string {
  return `${size} byte${size === 1 ? '' : 's'}`;
}

/** `was deleted in layer 3 but is still extractable from layer 1 (added by "COPY …")`. */
function howItStays(image: ImageSpec, file: ImageDeletedFile): string {
  const step = deletedFileStep(image, file);
  const added = step === undefined ? '' : ` (added by "${step}")`;
  return file.how === 'replaced' || file.how === 'overwritten'
    ? `was replaced in layer ${file.deletedBy} but its earlier content is still extractable from layer ${file.layer}${added}`
    : `was deleted in layer ${file.deletedBy} but is still extractable from layer ${file.layer}${added}`;
}

export default defineRule({
  id: 'D06.secret-in-deleted-layer',
  title: 'Secret deleted in a later layer but still in the image',
  category: 'D06',
  severity: 'critical',
  subject: 'image',
  targets: ['image'],
  threats: [5, 7],
  cis: ['4.10'],
  related: {},
  rationale:
    'Layers are never edited: deleting a file in a later step only adds a whiteout that hides it from the final filesystem. The layer that added the private key, token or credential file still holds its bytes, and anyone who can pull the image extracts them (`docker save`, then untar the layer). The secret looks gone to `docker run` and to scanners of the final filesystem, so it is rarely rotated.',
  remediation:
    'Never put a secret in a layer, not even for one step. Mount it for the RUN that needs it:\n  RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n  RUN --mount=type=ssh git clone git@github.com:example/private.git\n  docker build --secret id=npmrc,src=$HOME/.npmrc --ssh default .\nOr build in a stage and `COPY --from` only the result into the final stage. Rebuild and re-push the image without the layer, delete the old image from registries, and rotate the secret: it has been published.',
  references: [
    'https://docs.docker.com/build/building/secrets/',
    'https://docs.docker.com/build/building/multi-stage/',
    'https://github.com/opencontainers/image-spec/blob/main/layer.md#whiteouts',
  ],
  examples: [
    {
      target: 'image',
      bad: 'layers:\n  - /root/.ssh/id_rsa: "-----BEGIN OPENSSH PRIVATE KEY-----\\nAAAAexample\\n-----END OPENSSH PRIVATE KEY-----\\n"\n  - /root/.ssh/id_rsa: { deleted: true }\n',
      good: 'layers:\n  - /root/.ssh/known_hosts: "github.com ssh-ed25519 AAAAexample\\n"\n  - /tmp/build.log: { deleted: true }\n',
    },
  ],
  check(image) {
    const violations: Violation[] = [];
    const seen = new Set<string>();
    for (const file of image.deleted) {
      if (file.type !== 'file' || isSystemFile(file.path) || isDependencyFixture(file.path)) continue;
      const at = { ...fileAt(image, file.path), field: `layer ${file.layer}` };
      const content = file.content;
      if (content !== undefined) {
        // The same bytes written again later are in the final filesystem: D06.secret-file's. The same bytes
        // deleted twice are one secret.
        const final = image.files.get(file.path);
        const now = image.contents.get(file.path);
        if (
          final !== undefined &&
          now !== undefined &&
          now.layer === final.layer &&
          now.text === content.text
        )
          continue;
        const key = `${file.path}\n${content.text}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const secrets = secretsInFile(file.path, content.text);
        // No known format inside: a name that holds a credential whatever it contains still counts (below).
        if (secrets.length === 0) {
          if (conclusiveSecretName(file.path) === undefined || content.text.trim() === '') continue;
        } else {
          const hostKey = isSshHostKey(file.path);
          violations.push({
            message: `${imageWho(image)}: ${file.path} (${describeSecretFile(file.path, secrets)}) ${howItStays(image, file)}; it holds ${summarizeSecrets(secrets)}${hostKey ? ': containers that generate a new host key at start still ship the old one' : ''}`,
            location: at,
            evidence: fileEvidence(secrets),
            ...(hostKey ? { severity: 'medium' as const } : {}),
          });
          continue;
        }
      }
      const what = conclusiveSecretName(file.path);
      if (what === undefined || file.size === 0 || seen.has(file.path)) continue;
      seen.add(file.path);
      const why =
        content === undefined
          ? `its content was not read (${bytes(file.size)}), its name says what it holds`
          : `its content matches no known format (${bytes(file.size)}), its name says what it holds`;
      violations.push({
        message: `${imageWho(image)}: ${file.path} (${what}) ${howItStays(image, file)}; ${why}`,
        location: at,
        evidence: `${file.path}: ${bytes(file.size)} in layer ${file.layer}, ${file.how === 'replaced' || file.how === 'overwritten' ? 'replaced' : 'deleted'} in layer ${file.deletedBy}`,
        severity: 'high',
      });
    }
    return violations;
  },
});
