// The rule catalogue: every rule dt10 ships, in id order. `dt10 rules` and docs/rules.md read it.
// Each list under lists/ registers one group of rules.
import type { AnyRule } from '../core/rule.js';
import { BUILD_RULES } from './lists/build.js';
import { ENGINE_RULES } from './lists/engine.js';
import { FOUNDATION_RULES } from './lists/foundation.js';
import { HOST_RULES } from './lists/host.js';
import { IMAGE_RULES } from './lists/image.js';
import { WORKLOAD_RULES } from './lists/workload.js';

export const ALL_RULES: readonly AnyRule[] = [
  ...BUILD_RULES,
  ...ENGINE_RULES,
  ...FOUNDATION_RULES,
  ...HOST_RULES,
  ...IMAGE_RULES,
  ...WORKLOAD_RULES,
].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
