// The rules that judge images only (the `image` subject: archives, OCI layouts, engine exports). Rules of
// other subjects that also judge images (a `checkImage`) are registered with their own group.
import type { AnyRule } from '../../core/rule.js';
// imports: D01, D02, D05
// imports: D03, D04
// imports: D06
// imports: D08

export const IMAGE_RULES: readonly AnyRule[] = [
  // rules: D01, D02, D05
  // rules: D03, D04
  // rules: D06
  // rules: D08
];
