// Entry point of the bundled `dt10` executable.
import { main } from './main.js';

main(process.argv).then((code) => {
  process.exitCode = code;
});
