// D04: ADD of a local file that is not a tar archive: ADD's extra powers (unpacking archives, fetching
// URLs) are not used, only risked, where COPY does the same thing plainly.
import { defineRule } from '../../core/rule.js';
import type { Violation } from '../../core/rule.js';
import { describeStage } from '../shared/build.js';
import { instructionEvidence } from '../shared/command-secrets.js';

/** Archives ADD unpacks: tar, plain or compressed with gzip, bzip2, xz or zstd. */
export const TAR_ARCHIVE = /\.(tar|tgz|taz|tbz2?|tb2|tz2|txz|tzst|tar\.(gz|bz2|xz|zst|z|lz|lzma))$/i;
/** URLs and git repositories, which the remote rules judge. */
export const REMOTE = /^([a-z][a-z0-9+.-]*:\/\/|git@)/i;

export default defineRule({
  id: 'D04.add-instead-of-copy',
  title: 'ADD used where COPY suffices',
  category: 'D04',
  severity: 'low',
  subject: 'build',
  targets: ['dockerfile'],
  threats: [8],
  cis: ['4.9'],
  related: { hadolint: ['DL3020'], checkov: ['CKV_DOCKER_4'] },
  rationale:
    'ADD copies like COPY, but also unpacks any local tar archive it is given and fetches URLs. Used for plain files it hides intent, and a file that later becomes an archive (or is renamed `.tar.gz`) is silently unpacked into the image, possibly over existing paths. COPY does only what it says.',
  remediation:
    'Use COPY for local files and directories:\n  COPY requirements.txt /app/\nKeep ADD for a local tar archive you mean to unpack (`ADD rootfs.tar.gz /`), and for remote files use `ADD --checksum=sha256:<digest> <url> <dest>`.',
  references: [
    'https://docs.docker.com/build/building/best-practices/#add-or-copy',
    'https://github.com/hadolint/hadolint/wiki/DL3020',
  ],
  examples: [
    {
      target: 'dockerfile',
      bad: 'FROM python:3.13-slim\nADD requirements.txt /app/\n',
      good: 'FROM python:3.13-slim\nCOPY requirements.txt /app/\nADD vendor.tar.gz /opt/vendor/\n',
    },
  ],
  check(spec) {
    const violations: Violation[] = [];
    for (const stage of spec.stages) {
      for (const copy of stage.copies) {
        if (copy.keyword !== 'ADD') continue;
        const local = copy.heredoc
          ? ['inline content']
          : copy.sources.filter((source) => !REMOTE.test(source) && !TAR_ARCHIVE.test(source));
        if (local.length === 0) continue;
        violations.push({
          message: `ADD in ${describeStage(spec, stage)} of ${spec.path} copies ${local.join(', ')}, which is neither a URL nor a tar archive: use COPY`,
          location: copy.at,
          evidence: instructionEvidence('ADD', [...copy.sources, copy.destination].join(' ')),
        });
      }
    }
    return violations;
  },
});
