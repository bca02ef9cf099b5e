// `dt10 serve admission`: options and lifecycle (placeholder until the server lands).
import type { Command } from 'commander';
import type { ExitCode } from '../../cli/exit.js';

export function addAdmissionCommand(serve: Command, setExit: (code: ExitCode) => void): void {
  void serve;
  void setExit;
}
