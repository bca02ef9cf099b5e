import { describe, expect, it } from 'vitest';
import { looksLikeImage, parseRunCommand, type RunCommand } from './run-command.js';
import { splitCommands } from './shell-words.js';

/** The run commands in a script. */
function runs(text: string): RunCommand[] {
  return splitCommands(text).flatMap((c) => parseRunCommand(c.words) ?? []);
}

function only(text: string): RunCommand {
  const found = runs(text);
  expect(found).toHaveLength(1);
  return found[0]!;
}

/** Options as `name=value` (or `name` for a switch). */
function options(text: string): string[] {
  return only(text).options.map((o) => (o.value === undefined ? o.name : `${o.name}=${o.value}`));
}

describe('parseRunCommand', () => {
  it.each([
    ['docker run nginx', 'docker', 'run'],
    ['docker create nginx', 'docker', 'create'],
    ['docker container run nginx', 'docker', 'run'],
    ['docker container create nginx', 'docker', 'create'],
    ['podman run nginx', 'podman', 'run'],
    ['podman create nginx', 'podman', 'create'],
    ['podman container run nginx', 'podman', 'run'],
    ['/usr/bin/docker run nginx', 'docker', 'run'],
    ['docker.exe run nginx', 'docker', 'run'],
    ['sudo docker run nginx', 'docker', 'run'],
    ['sudo -E -u root docker run nginx', 'docker', 'run'],
    ['sudo --user=root -- docker run nginx', 'docker', 'run'],
    ['exec docker run nginx', 'docker', 'run'],
    ['exec -a name docker run nginx', 'docker', 'run'],
    ['DOCKER_HOST=tcp://h:2376 docker run nginx', 'docker', 'run'],
    ['env -u X A=1 docker run nginx', 'docker', 'run'],
    ['if ! docker run nginx; then :; fi', 'docker', 'run'],
    ['nohup time -p nice -n 5 docker run nginx', 'docker', 'run'],
    ['timeout -s KILL 60 docker run nginx', 'docker', 'run'],
    ['docker -H ssh://me@host --tlsverify run nginx', 'docker', 'run'],
    ['docker --context=prod -D container run nginx', 'docker', 'run'],
    ['podman --root /var/lib/x --remote run nginx', 'podman', 'run'],
    ['$DOCKER run nginx', 'docker', 'run'],
    ['${PODMAN} run nginx', 'podman', 'run'],
    ['$CONTAINER_ENGINE run nginx', 'docker', 'run'],
  ])('finds %s', (text, engine, subcommand) => {
    const run = only(text);
    expect(run.engine).toBe(engine);
    expect(run.subcommand).toBe(subcommand);
    expect(run.image.text).toBe('nginx');
  });

  it.each([
    'docker ps',
    'docker exec -it web sh',
    'docker compose run web',
    'docker build -t run .',
    'docker container ls',
    'echo docker run nginx',
    'mydocker run nginx',
    '$IMAGE run nginx',
    'docker run',
    'docker run --rm -it',
    'docker run "$@"',
    'docker run $DOCKER_ARGS',
  ])('ignores %s', (text) => {
    expect(runs(text)).toEqual([]);
  });

  it('points at the docker word', () => {
    expect(only('x=1 sudo docker run nginx').at).toBe(9);
  });

  it('reads long flags with = and with a separate value', () => {
    expect(options('docker run --name=web --user 1000 --rm --privileged=false nginx')).toEqual([
      'name=web',
      'user=1000',
      'rm',
      'privileged=false',
    ]);
  });

  it('reads grouped one-letter flags; a flag that takes a value takes the rest of the word or the next', () => {
    expect(options('docker run -itd nginx')).toEqual(['interactive', 'tty', 'detach']);
    expect(options('docker run -itp 80:80 nginx')).toEqual(['interactive', 'tty', 'publish=80:80']);
    expect(options('docker run -p80:80 -eFOO=1 -e=BAR -m512m nginx')).toEqual([
      'publish=80:80',
      'env=FOO=1',
      'env=BAR',
      'memory=512m',
    ]);
    expect(options('docker run -P -u 0 -v /a:/b -w /app -h host -l a=b -a stdout -c 512 nginx')).toEqual([
      'publish-all',
      'user=0',
      'volume=/a:/b',
      'workdir=/app',
      'hostname=host',
      'label=a=b',
      'attach=stdout',
      'cpu-shares=512',
    ]);
  });

  it('consumes the values of flags the model does not use, so they are not taken for the image', () => {
    const run = only(
      'docker run -w /app --entrypoint sh --add-host a:1.2.3.4 --dns 1.1.1.1 --pod p --stop-signal TERM nginx -c "echo hi"',
    );
    expect(run.image.text).toBe('nginx');
    expect(run.args.map((w) => w.text)).toEqual(['-c', 'echo hi']);
  });

  it('resolves hidden aliases', () => {
    expect(options('docker run --net host --net-alias a --dns-opt x nginx')).toEqual([
      'network=host',
      'network-alias=a',
      'dns-option=x',
    ]);
  });

  it('stops reading options at the image, or after --', () => {
    const run = only('docker run -d nginx:1.27 nginx -g "daemon off;" --privileged');
    expect(run.options.map((o) => o.name)).toEqual(['detach']);
    expect(run.args.map((w) => w.text)).toEqual(['nginx', '-g', 'daemon off;', '--privileged']);
    expect(only('docker run -d -- nginx').image.text).toBe('nginx');
  });

  it('takes option-like variables and forwarded arguments for options, other variables for the image', () => {
    const run = only('docker run $DOCKER_OPTS "${EXTRA_ARGS}" $(RUN_FLAGS) "$@" -d "$IMAGE" $CMD');
    expect(run.opaque.map((w) => w.text)).toEqual(['$DOCKER_OPTS', '${EXTRA_ARGS}', '$(RUN_FLAGS)', '$@']);
    expect(run.image.text).toBe('$IMAGE');
    expect(run.args.map((w) => w.text)).toEqual(['$CMD']);
  });

  it('gives every value the offset it starts at', () => {
    const run = only('docker run --cap-add=A,B -p80:80 -e=X --name web nginx');
    expect(run.options.map((o) => o.valueAt)).toEqual([21, 27, 36, 45]);
  });

  it('gives every option the offset of the word it is written in', () => {
    const run = only('docker run \\\n  -itp 80:80 \\\n  --name web nginx');
    expect(run.options.map((o) => o.at)).toEqual([15, 15, 15, 30]);
  });
});

describe('looksLikeImage', () => {
  it.each([
    'nginx',
    'nginx:1.27',
    'library/nginx:1.27-alpine',
    'registry.example.com:5000/team/app:v1.0',
    'localhost/app',
    'GHCR.io/org/app',
    'app@sha256:0123abcd',
    'ubuntu:Focal',
    '$IMAGE',
    '${REGISTRY}/app:${TAG}',
    'app:$(VERSION)',
  ])('%s is an image', (text) => {
    expect(looksLikeImage(text)).toBe(true);
  });

  it.each([
    'IMAGE',
    'IMAGE[:TAG]',
    '[OPTIONS]',
    'My/App',
    'ghcr.io/Org/app',
    '<image>',
    '-',
    '',
    '.',
    'a b',
    '"x"',
  ])('%s is not', (text) => {
    expect(looksLikeImage(text)).toBe(false);
  });
});
