// How the servers stop: on the first SIGTERM (a pod being stopped) or SIGINT (Ctrl-C). Listening starts
// before a server does, so a signal during start-up is not lost and does not kill the process half-started.

/** The first SIGTERM or SIGINT; `stop()` gives the signals back to Node's default handling. */
export function signalWaiter(): { received: Promise<NodeJS.Signals>; stop(): void } {
  let resolve: (signal: NodeJS.Signals) => void = () => undefined;
  const received = new Promise<NodeJS.Signals>((done) => (resolve = done));
  const onSignal = (signal: NodeJS.Signals): void => {
    stop();
    resolve(signal);
  };
  const stop = (): void => {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return { received, stop };
}
