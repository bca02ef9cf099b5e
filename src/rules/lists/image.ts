// The rules that judge images only (the `image` subject: archives, OCI layouts, engine exports). Rules of
// other subjects that also judge images (a `checkImage`) are registered with their own group.
import type { AnyRule } from '../../core/rule.js';
// imports: D01, D02, D05
import duplicateUid from '../d01-user/duplicate-uid.js';
import emptyPassword from '../d01-user/empty-password.js';
import packageCount from '../d02-patching/package-count.js';
// imports: D03, D04
import setuidFiles from '../d04-hardening/setuid-files.js';
import worldWritableFiles from '../d04-hardening/world-writable-files.js';
// imports: D06
import secretInDeletedLayer from '../d06-secrets/secret-in-deleted-layer.js';
// imports: D08
import blobDigestMismatch from '../d08-integrity/blob-digest-mismatch.js';
import noBaseAnnotation from '../d08-integrity/no-base-annotation.js';
import noSignature from '../d08-integrity/no-signature.js';

export const IMAGE_RULES: readonly AnyRule[] = [
  // rules: D01, D02, D05
  emptyPassword,
  duplicateUid,
  packageCount,
  // rules: D03, D04
  setuidFiles,
  worldWritableFiles,
  // rules: D06
  secretInDeletedLayer,
  // rules: D08
  blobDigestMismatch,
  noSignature,
  noBaseAnnotation,
];
