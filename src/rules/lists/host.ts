// The rules that judge the host an engine runs on (the `host` subject, `dt10 scan --host`). The engine
// configuration the host holds (daemon.json, dockerd's flags) is judged by the engine rules.
import type { AnyRule } from '../../core/rule.js';
// imports: system (D02)
// imports: network (D03)
// imports: access (D01, D04, D06, D10)

export const HOST_RULES: readonly AnyRule[] = [
  // rules: system (D02)
  // rules: network (D03)
  // rules: access (D01, D04, D06, D10)
];
