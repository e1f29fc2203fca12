// Graceful shutdown of the HTTP side: on the first SIGTERM the replica turns unready at once,
// stops accepting connections, lets requests already running (result streams, uploads) finish
// up to a deadline, then cuts the rest (their abort signals cancel the statements on the engine).
// Keep-alive connections are closed after their current answer so clients reconnect elsewhere.
import type http from "node:http";
import { setLifecyclePhase } from "./state";

export type Drain = {
  /** Wraps the server's request handler: counts the request until its answer is finished or cut. */
  track(req: http.IncomingMessage, res: http.ServerResponse): void;
  /** Resolves when no request is running or the deadline passed; then every connection is cut. */
  drain(deadlineMs: number): Promise<{ finished: number; cut: number }>;
  readonly inFlight: number;
};

export function createDrain(server: http.Server): Drain {
  const running = new Set<http.ServerResponse>();
  let draining = false;
  let finishedDuringDrain = 0;
  let settle: (() => void) | undefined;

  return {
    get inFlight() {
      return running.size;
    },
    track(_req, res) {
      running.add(res);
      if (draining) res.shouldKeepAlive = false; // answer this one, then the client goes elsewhere
      const done = () => {
        if (!running.delete(res)) return;
        if (draining) finishedDuringDrain++;
        if (running.size === 0) settle?.();
      };
      res.on("finish", done);
      res.on("close", done);
    },
    async drain(deadlineMs) {
      draining = true;
      setLifecyclePhase("draining");
      server.close(); // no new connections; resolves nothing we wait on
      server.closeIdleConnections();
      for (const res of running) res.shouldKeepAlive = false;
      if (running.size > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, deadlineMs);
          timer.unref();
          settle = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      const cut = running.size;
      server.closeAllConnections(); // aborts what is left: the handlers' signals cancel on the engine
      return { finished: finishedDuringDrain, cut };
    },
  };
}
