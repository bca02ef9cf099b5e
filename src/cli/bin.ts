// Entry point of the bundled `dt10` executable.
import { main } from './main.js';

// A reader that goes away early (`dt10 scan … | head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  throw error;
});

main(process.argv).then((code) => {
  process.exitCode = code;
});
