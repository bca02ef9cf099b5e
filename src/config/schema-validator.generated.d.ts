// Types of schema-validator.generated.js, which scripts/config-validator.mjs writes.
import type { ValidateFunction } from 'ajv';
import type { RawConfig } from './schema.js';

declare const validate: ValidateFunction<RawConfig>;
export default validate;
