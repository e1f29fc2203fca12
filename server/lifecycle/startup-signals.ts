// SIGTERM (or SIGINT) before the replica is ready: Kubernetes stops pods that are still starting
// (a rolled-back update, a scale-down, a node drain). Without a handler Node dies silently in the
// middle of whatever it was doing; with this one the process says what it was doing, stops a
// migration cleanly (rolled back, never half applied: server/db/migrate.ts), closes what is open
// and exits 143 (130 for SIGINT). A second signal exits at once. The launcher replaces this with
// the draining shutdown once it is ready.
import { logger } from "../logger";

export type StartupGuard = {
  /** Aborted on the first signal; long steps (migrations) stop on it. */
  readonly signal: AbortSignal;
  /** What start-up is doing now, for the log line. `interruptible`: the step stops on `signal` and then calls `stopped()`. */
  step(label: string, options?: { interruptible?: boolean }): void;
  /** Runs before exiting after an interruptible step stopped (closing the embedded database): bounded, errors ignored. */
  onStop(cleanup: () => Promise<unknown>): void;
  /** An interruptible step has stopped on the signal (with `outcome` to report): exit now. Never returns. */
  stopped(outcome: string): Promise<never>;
  /** Start-up is over: the launcher's own shutdown handles signals from now on. */
  release(): void;
};

const EXIT_CODE = { SIGTERM: 143, SIGINT: 130 } as const;
type StartupSignal = keyof typeof EXIT_CODE;
/** An interruptible step that does not stop within this long is not waited for. */
const STEP_STOP_MS = 15_000;
const CLEANUP_MS = 5_000;

export function guardStartup(exit: (code: number, message: string) => never): StartupGuard {
  const controller = new AbortController();
  const cleanups: (() => Promise<unknown>)[] = [];
  let current = { label: "starting", interruptible: false };
  let received: StartupSignal | undefined;
  let exiting = false;

  const finish = async (outcome: string, { cleanUp = true } = {}): Promise<never> => {
    if (!exiting) {
      exiting = true;
      if (cleanUp) await Promise.race([Promise.allSettled(cleanups.map((c) => c())), new Promise((resolve) => setTimeout(resolve, CLEANUP_MS).unref())]);
      exit(EXIT_CODE[received ?? "SIGTERM"], `Stopped by ${received ?? "SIGTERM"} during start-up, while ${current.label}. ${outcome}`);
    }
    return new Promise<never>(() => {}); // the exit above ends the process
  };

  const onSignal = (signal: StartupSignal) => {
    if (received) {
      logger.warn({ signal }, "second signal during start-up: exiting at once");
      process.exit(EXIT_CODE[signal]);
    }
    received = signal;
    logger.warn({ signal, step: current.label }, "signal during start-up: stopping");
    controller.abort(new Error(`${signal} during start-up`));
    if (current.interruptible) {
      // The step reports through stopped(); if it does not within the bound, go anyway.
      setTimeout(() => void finish("It did not stop in time; PostgreSQL rolls back what was not committed when the connection closes."), STEP_STOP_MS).unref();
    } else {
      // Not waited for and nothing closed under it (a step still using the database would fail
      // and report that instead): the process ends as a kill would, but with the line above.
      void finish("Nothing was served yet; start it again when you are ready.", { cleanUp: false });
    }
  };
  const term = () => onSignal("SIGTERM");
  const int = () => onSignal("SIGINT");
  process.on("SIGTERM", term);
  process.on("SIGINT", int);

  return {
    signal: controller.signal,
    step(label, options = {}) {
      current = { label, interruptible: options.interruptible ?? false };
    },
    onStop(cleanup) {
      cleanups.push(cleanup);
    },
    stopped: finish,
    release() {
      process.off("SIGTERM", term);
      process.off("SIGINT", int);
    },
  };
}
