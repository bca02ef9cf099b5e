// D08: ADD fetches a URL without `--checksum`: whatever the server (or anyone between) returns goes into
// the image unverified.
import { defineRule } from '../../core/rule.js';
import type { Violation } from '../../core/rule.js';
import { describeStage } from '../shared/build.js';
import { instructionEvidence, maskCommand } from '../shared/command-secrets.js';

const URL = /^(https?|ftp):\/\//i;
/** A git repository (`…/repo.git`, `…#ref`) is pinned by its ref, not by --checksum. */
const GIT = /\.git(#|$)|^git@/i;

export default defineRule({
  id: 'D08.remote-add',
  title: 'Remote file added without a checksum',
  category: 'D08',
  severity: 'medium',
  subject: 'build',
  targets: ['dockerfile'],
  threats: [8],
  cis: ['4.9'],
  related: {},
  rationale:
    'ADD with a URL downloads at build time and puts the result in the image as it is: if the file at that URL changes — a new release, a compromised server, a man in the middle on plain HTTP — the image silently changes with it, and the layer cache may also keep serving an old download. BuildKit can verify the download against a checksum, and refuses to build when it does not match.',
  remediation:
    'Pin the content with --checksum (Dockerfile syntax 1.6+):\n  ADD --checksum=sha256:<sha256 of the file> https://example.com/tool-1.4.2-linux-amd64.tar.gz /tmp/tool.tgz\nOr download in a RUN and verify before use:\n  RUN curl -fsSLo /tmp/tool.tgz https://example.com/tool-1.4.2.tar.gz \\\n   && echo "<sha256>  /tmp/tool.tgz" | sha256sum -c -',
  references: [
    'https://docs.docker.com/reference/dockerfile/#add---checksum',
    'https://docs.docker.com/build/building/best-practices/#add-or-copy',
  ],
  examples: [
    {
      target: 'dockerfile',
      bad: 'FROM alpine:3.22\nADD https://downloads.example.com/tool/1.4.2/tool-linux-amd64 /usr/local/bin/tool\n',
      good: 'FROM alpine:3.22\nADD --checksum=sha256:0d4c8b1e6f3a92c57e1b0a8d4f6c3e29b7a5d1c0e8f4b2a6d9c3e7f1a5b8d2c4 \\\n    https://downloads.example.com/tool/1.4.2/tool-linux-amd64 /usr/local/bin/tool\n',
    },
  ],
  check(spec) {
    const violations: Violation[] = [];
    for (const stage of spec.stages) {
      for (const copy of stage.copies) {
        if (copy.keyword !== 'ADD') continue;
        const instruction = stage.instructions.find(
          (i) => i.at.line === copy.at.line && i.at.column === copy.at.column,
        );
        if (instruction?.flags.checksum) continue;
        const urls = copy.sources.filter((source) => URL.test(source) && !GIT.test(source));
        if (urls.length === 0) continue;
        violations.push({
          message: `ADD in ${describeStage(spec, stage)} of ${spec.path} downloads ${urls.map(maskCommand).join(', ')} without --checksum: its content is not verified`,
          location: copy.at,
          evidence: instructionEvidence('ADD', [...copy.sources, copy.destination].join(' ')),
        });
      }
    }
    return violations;
  },
});
