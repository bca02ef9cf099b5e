// The rules that judge a Dockerfile (the `build` subject) beyond the foundation's root-user rule: sudo,
// end-of-life bases, package handling, SSH, secrets, image pinning and integrity, writable app files.
import type { AnyRule } from '../../core/rule.js';
import sudo from '../d01-user/sudo.js';
import aptUpdateAlone from '../d02-patching/apt-update-alone.js';
import baseImageEol from '../d02-patching/base-image-eol.js';
import distUpgrade from '../d02-patching/dist-upgrade.js';
import sshExposed from '../d03-network/ssh-exposed-build.js';
import addInsteadOfCopy from '../d04-hardening/add-instead-of-copy.js';
import installRecommends from '../d04-hardening/install-recommends.js';
import noHealthcheck from '../d04-hardening/no-healthcheck-build.js';
import packageCache from '../d04-hardening/package-cache.js';
import untrustedRegistry from '../d05-contexts/untrusted-registry-build.js';
import secretFile from '../d06-secrets/secret-file.js';
import secretInCommand from '../d06-secrets/secret-in-command.js';
import secretInEnv from '../d06-secrets/secret-in-env-build.js';
import curlPipeShell from '../d08-integrity/curl-pipe-shell.js';
import latestTag from '../d08-integrity/latest-tag-build.js';
import noDigest from '../d08-integrity/no-digest-build.js';
import remoteAdd from '../d08-integrity/remote-add.js';
import signatureCheckDisabled from '../d08-integrity/signature-check-disabled.js';
import tlsVerificationDisabled from '../d08-integrity/tls-verification-disabled.js';
import writableAppFiles from '../d09-immutable/writable-app-files.js';

export const BUILD_RULES: readonly AnyRule[] = [
  sudo,
  aptUpdateAlone,
  baseImageEol,
  distUpgrade,
  sshExposed,
  addInsteadOfCopy,
  installRecommends,
  noHealthcheck,
  packageCache,
  untrustedRegistry,
  secretFile,
  secretInCommand,
  secretInEnv,
  curlPipeShell,
  latestTag,
  noDigest,
  remoteAdd,
  signatureCheckDisabled,
  tlsVerificationDisabled,
  writableAppFiles,
];
