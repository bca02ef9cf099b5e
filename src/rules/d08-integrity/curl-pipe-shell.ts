// D08: a RUN pipes a download straight into a shell or interpreter (`curl … | sh`, `bash <(curl …)`,
// `sh -c "$(wget -O- …)"`): code from the network runs as root in the build, and nothing can verify it.
import { defineRule } from '../../core/rule.js';
import type { Violation } from '../../core/rule.js';
import { describeStage } from '../shared/build.js';
import { instructionEvidence, maskCommand } from '../shared/command-secrets.js';
import { argumentsOf, type Pipeline, programOf, runPipelines, scriptOf } from '../shared/shell.js';

const DOWNLOADERS = new Set(['curl', 'wget', 'fetch']);
const INTERPRETER = /^(sh|bash|dash|ash|zsh|ksh|fish|python[0-9.]*|perl|ruby|node|php|pwsh|powershell)$/;
const SUBSTITUTED =
  /(?:^|[\s;&|(])(sh|bash|dash|ash|zsh|ksh|python[0-9.]*|perl|ruby|node|php|eval|source|\.)\s+(?:-\S+\s+)*(?:<\(|["']?\$\(|["']?`)\s*(curl|wget)\b/;

/** `curl … | sudo -E bash -`: the downloader and the interpreter that runs what it printed. */
function pipedDownload(pipeline: Pipeline): { url: string; interpreter: string } | undefined {
  const from = pipeline.findIndex((command) => DOWNLOADERS.has(programOf(command)));
  if (from === -1) return undefined;
  const to = pipeline.slice(from + 1).find((command) => INTERPRETER.test(programOf(command)));
  if (!to) return undefined;
  const url = argumentsOf(pipeline[from]!).find((word) => /^[a-z]+:\/\//i.test(word)) ?? 'a URL';
  return { url, interpreter: programOf(to) };
}

export default defineRule({
  id: 'D08.curl-pipe-shell',
  title: 'Downloaded script piped into a shell',
  category: 'D08',
  severity: 'medium',
  subject: 'build',
  targets: ['dockerfile'],
  threats: [8],
  cis: [],
  related: {},
  rationale:
    '`curl … | sh` runs whatever the server sends, as root, while the image is built: a compromised download site, a hijacked domain or a changed script changes the image with no trace in the Dockerfile, and a truncated download runs half a script. A pipe leaves no moment to check what arrived.',
  remediation:
    'Download to a file, verify it against a checksum (or a signature) you recorded, then run it:\n  RUN curl -fsSLo /tmp/install.sh https://example.com/install-1.4.2.sh \\\n   && echo "<sha256>  /tmp/install.sh" | sha256sum -c - \\\n   && sh /tmp/install.sh && rm /tmp/install.sh\nBetter still, install a signed package from the distribution, or copy the tool from an official image pinned by digest (`COPY --from=<image>@sha256:<digest> /bin/tool /usr/local/bin/`).',
  references: [
    'https://docs.docker.com/build/building/best-practices/#using-pipes',
    'https://docs.docker.com/reference/dockerfile/#add---checksum',
  ],
  examples: [
    {
      target: 'dockerfile',
      bad: 'FROM debian:13-slim\nRUN curl -fsSL https://deb.nodesource.com/setup_22.x | bash -\n',
      good: 'FROM debian:13-slim\nRUN curl -fsSLo /tmp/setup.sh https://deb.nodesource.com/setup_22.x \\\n && echo "0d4c8b1e6f3a92c57e1b0a8d4f6c3e29b7a5d1c0e8f4b2a6d9c3e7f1a5b8d2c4  /tmp/setup.sh" | sha256sum -c - \\\n && bash /tmp/setup.sh\n',
    },
  ],
  check(spec) {
    const violations: Violation[] = [];
    for (const stage of spec.stages) {
      for (const run of stage.runs) {
        const script = scriptOf(run);
        const piped = runPipelines(run)
          .map(pipedDownload)
          .find((found) => found !== undefined);
        const substituted = SUBSTITUTED.exec(script);
        if (!piped && !substituted) continue;
        const what = piped
          ? `pipes ${maskCommand(piped.url)} into ${piped.interpreter}`
          : `runs the output of ${substituted![2]} with ${substituted![1]}`;
        violations.push({
          message: `RUN in ${describeStage(spec, stage)} of ${spec.path} ${what}: downloaded code runs without any checksum or signature check`,
          location: run.at,
          evidence: instructionEvidence('RUN', run.command),
        });
      }
    }
    return violations;
  },
});
