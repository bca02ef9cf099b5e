// `.dt10.yaml`: find it, load and validate it, and turn it into the rules, settings and path filters a
// scan uses.
export { type AppliedConfig, applyConfig, mergeSettings } from './apply.js';
export { ConfigError } from './error.js';
export { CONFIG_FILE_NAMES, findConfig } from './find.js';
export { loadConfig, parseConfig } from './load.js';
export { type ConfigMatcher, configMatcher, pathInside } from './paths.js';
export { CONFIG_SCHEMA } from './schema.js';
export type { ConfigIgnore, Dt10Config } from './types.js';
