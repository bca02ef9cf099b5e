// Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or input error.
export enum ExitCode {
  Clean = 0,
  Findings = 1,
  UsageOrInput = 2,
}

export class UsageError extends Error {
  override name = 'UsageError';
}
