import { testRule } from '../../../test/rule-tester.js';
import rule from './curl-pipe-shell.js';

const df = (...lines: string[]): string => `${lines.join('\n')}\n`;
const run = (command: string): string => df('FROM debian:13-slim', `RUN ${command}`);

testRule(rule, {
  dockerfile: {
    accept: [
      {
        name: 'download to a file, verify, then run',
        code: run(
          'curl -fsSLo /tmp/i.sh https://x.example.com/i.sh && echo "abc  /tmp/i.sh" | sha256sum -c - && sh /tmp/i.sh',
        ),
      },
      {
        name: 'a download piped into tar',
        code: run('curl -fsSL https://x.example.com/a.tgz | tar -xz -C /opt'),
      },
      {
        name: 'a download piped into gpg',
        code: run('curl -fsSL https://x.example.com/key.asc | gpg --dearmor -o /etc/apt/keyrings/x.gpg'),
      },
      { name: 'a local script piped into sh', code: run('cat /tmp/setup.sh | sh') },
      { name: 'an echo piped into bash', code: run('echo "echo hi" | bash') },
      {
        name: 'a curl then a separate shell command',
        code: run('curl -fsSLo /tmp/a https://x.example.com/a; bash -c "echo done"'),
      },
      { name: 'the words in an echo', code: run('echo "never curl | sh"') },
    ],
    reject: [
      {
        name: 'curl | sh',
        code: run('curl -fsSL https://get.example.com/install.sh | sh'),
        lines: [2],
        messageIncludes: 'pipes https://get.example.com/install.sh into sh',
        severity: 'medium',
      },
      {
        name: 'curl | bash -',
        code: run('curl -fsSL https://deb.nodesource.com/setup_22.x | bash -'),
        lines: [2],
      },
      {
        name: 'curl | sudo -E bash -',
        code: run('curl -fsSL https://x.example.com/setup | sudo -E bash -'),
        lines: [2],
        messageIncludes: 'into bash',
      },
      {
        name: 'wget -qO- | sh',
        code: run('wget -qO- https://x.example.com/i.sh | sh -s -- --yes'),
        lines: [2],
      },
      {
        name: 'curl | python3',
        code: run('curl -sSL https://install.python-poetry.org | python3 -'),
        lines: [2],
        messageIncludes: 'into python3',
      },
      {
        name: 'through tee',
        code: run('curl -fsSL https://x.example.com/i.sh | tee /tmp/i.sh | bash'),
        lines: [2],
      },
      {
        name: 'bash <(curl …)',
        code: run('bash <(curl -fsSL https://x.example.com/i.sh)'),
        lines: [2],
        messageIncludes: 'runs the output of curl with bash',
      },
      {
        name: 'sh -c "$(curl …)"',
        code: run('sh -c "$(curl -fsSL https://x.example.com/i.sh)"'),
        lines: [2],
      },
      {
        name: 'sh -c "$(wget -O- …)"',
        code: run('sh -c "$(wget -O- https://x.example.com/i.sh)"'),
        lines: [2],
      },
      {
        name: 'a lower-case run with a continuation',
        code: df('FROM debian:13-slim', 'run curl -fsSL \\', '    https://x.example.com/i.sh | sh'),
        lines: [2],
      },
      {
        name: 'a heredoc',
        code: df(
          'FROM debian:13-slim',
          'RUN <<EOF',
          'set -e',
          'curl -fsSL https://x.example.com/i.sh | bash',
          'EOF',
        ),
        lines: [2],
      },
      {
        name: 'the exec form',
        code: df(
          'FROM debian:13-slim',
          'RUN ["/bin/bash", "-c", "curl -fsSL https://x.example.com/i.sh | bash"]',
        ),
        lines: [2],
      },
      { name: 'inside sh -c', code: run(`sh -c 'curl -fsSL https://x.example.com/i.sh | sh'`), lines: [2] },
      {
        name: 'a build stage too',
        code: df(
          'FROM rust:1 AS build',
          "RUN curl --proto '=https' -sSf https://sh.rustup.rs | sh -s -- -y",
          'FROM scratch',
        ),
        lines: [2],
      },
    ],
  },
});
