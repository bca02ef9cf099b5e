// The tool's name and version, from package.json (bundled into the CLI at build time).
import packageJson from '../package.json' with { type: 'json' };

export const TOOL_NAME = 'dt10';
export const TOOL_VERSION: string = packageJson.version;
