// The tool's name and version, from package.json (bundled into the CLI at build time).
import packageJson from '../package.json' with { type: 'json' };

export const TOOL_NAME = 'dt10';
export const TOOL_VERSION: string = packageJson.version;

/** Where each rule is documented; a rule's anchor is appended (`#d04privileged-…`), as in docs/rules.md. */
export const RULES_DOC_URL = 'https://github.com/dt10-dev/dt10/blob/main/docs/rules.md';
