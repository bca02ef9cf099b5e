// Which tool creates a user in the image a Dockerfile builds: BusyBox's adduser (Alpine, BusyBox), shadow's
// useradd (Debian, Ubuntu, the RHEL family), or none (distroless, scratch, minimal RHEL images, an unknown
// base), where only a numeric USER is safe: it needs no /etc/passwd entry. Decided from the base image's
// name, then from the package managers the build runs, then from what official images are built on.
import type { BuildSpec } from '../subjects/build-spec.js';
import type { ImageRef } from '../subjects/image-ref.js';
import { finalImageStages } from '../rules/shared/build.js';
import { argumentsOf, baseName, programOf, runCommands } from '../rules/shared/shell.js';

export type UserTool = 'busybox' | 'shadow' | 'none';

/** What a base image says: a tool, a Windows image (no numeric users at all), or nothing certain. */
type ImageVerdict = UserTool | 'windows' | undefined;

const RHEL_FAMILY = new Set([
  'fedora',
  'centos',
  'rockylinux',
  'almalinux',
  'oraclelinux',
  'stream8',
  'stream9',
]);
const DEBIAN_TAG =
  /(^|[-_.])(slim|bookworm|bullseye|buster|stretch|trixie|jammy|noble|focal|bionic)([-_.]|$)/;
/** Official images that are Debian (or Ubuntu) based unless their tag says otherwise. */
const DEBIAN_OFFICIAL = new Set([
  'node',
  'python',
  'pypy',
  'golang',
  'nginx',
  'redis',
  'postgres',
  'ruby',
  'php',
  'httpd',
  'perl',
  'rust',
  'gcc',
  'openjdk',
  'eclipse-temurin',
  'buildpack-deps',
  'haproxy',
  'memcached',
  'rabbitmq',
  'mongo',
  'mariadb',
  'elixir',
  'erlang',
  'gradle',
  'maven',
  'tomcat',
  'wordpress',
  'ghost',
  'julia',
  'r-base',
]);
/** Official images built on Alpine only. */
const ALPINE_OFFICIAL = new Set(['bash', 'caddy', 'traefik', 'docker']);
const POSIX_SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh']);

/** An official image: Docker Hub's `library/`, or a mirror of it (`public.ecr.aws/docker/library/node`). */
const isOfficial = (ref: ImageRef): boolean => /(^|\/)library\/[^/]+$/.test(ref.repository);

function byName(ref: ImageRef): ImageVerdict {
  const name = ref.repository.slice(ref.repository.lastIndexOf('/') + 1);
  const tag = (ref.tag ?? '').toLowerCase();
  const whole = `${ref.registry.toLowerCase()}/${ref.repository}:${tag}`;
  if (/windows|nanoserver|servercore/.test(whole)) return 'windows';
  if (whole.includes('distroless') || whole.startsWith('cgr.dev/')) return 'none';
  const official = isOfficial(ref);
  if (name === 'alpine' || name === 'busybox' || (official && ALPINE_OFFICIAL.has(name))) return 'busybox';
  if (/(^|[-_.])(alpine|busybox)/.test(tag)) return 'busybox';
  if (RHEL_FAMILY.has(name) || /^ubi\d*(-|$)/.test(name)) {
    // ubi-minimal, ubi-micro and the -slim images have microdnf and no shadow-utils.
    return /minimal|micro|slim/.test(`${name}:${tag}`) ? 'none' : 'shadow';
  }
  if (name === 'debian' || name === 'ubuntu' || DEBIAN_TAG.test(tag)) return 'shadow';
  return undefined;
}

function byOfficialDefault(ref: ImageRef): UserTool | undefined {
  const name = ref.repository.slice(ref.repository.lastIndexOf('/') + 1);
  return isOfficial(ref) && DEBIAN_OFFICIAL.has(name) ? 'shadow' : undefined;
}

/** The package manager the build's own commands use, last one wins. */
function byCommands(spec: BuildSpec): UserTool | undefined {
  let found: UserTool | undefined;
  for (const stage of finalImageStages(spec))
    for (const run of stage.runs)
      for (const command of runCommands(run)) {
        const program = programOf(command);
        if (program === 'apk') found = 'busybox';
        else if (['apt-get', 'apt', 'dpkg', 'dnf', 'yum', 'useradd', 'groupadd'].includes(program))
          found = 'shadow';
        else if (program === 'microdnf')
          found = argumentsOf(command).includes('shadow-utils') ? 'shadow' : (found ?? 'none');
      }
  return found;
}

/** True when a SHELL instruction of the final image makes shell-form RUN something other than a POSIX shell. */
function nonPosixShell(spec: BuildSpec): boolean {
  return finalImageStages(spec).some((stage) =>
    stage.instructions.some((instruction) => {
      if (instruction.keyword !== 'SHELL' || !instruction.execForm) return false;
      const [program = ''] = JSON.parse(instruction.text) as string[];
      return !POSIX_SHELLS.has(
        baseName(program.replace(/\\/g, '/'))
          .replace(/\.exe$/i, '')
          .toLowerCase(),
      );
    }),
  );
}

/** The tool that creates a user in the final image, or `windows` when its users are names only. */
export function userTool(spec: BuildSpec): UserTool | 'windows' {
  const root = finalImageStages(spec)[0];
  const image = root?.base.kind === 'image' ? root.base.image : undefined;
  const named = image ? byName(image) : 'none';
  if (named === 'windows') return 'windows';
  if (nonPosixShell(spec)) return 'none';
  return named ?? byCommands(spec) ?? (image && byOfficialDefault(image)) ?? 'none';
}
