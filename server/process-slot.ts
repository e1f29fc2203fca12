// Process-wide slots for the few things a process must hold exactly one of: the database pool,
// the query engines, the start-up facts, the metrics registry, the object store, the logger.
//
// Why not module variables: one process holds several instances of each server module, and
// Next.js makes most of them. Its production build (Turbopack) compiles route handlers and
// server-rendered pages into two runtimes with module instances of their own (the same file
// has a different module id in .next/server/chunks and in .next/server/chunks/ssr), and the
// launcher (tsx) loads one more. A module variable exists once per instance, a slot once per process, so a page, a route
// handler and the launcher see the same pool and the same engines.
//
// Errors cross instances the same way (an engine made by one instance throws, another catches),
// so DomainError and EngineQueryError recognise each other's copies by shape (server/errors.ts).
const SLOTS = Symbol.for("lakehouse-portal.process-slots");

export type ProcessSlot<T> = { value: T | undefined };

/** The process's slot called `name`; every module instance asking for it gets the same one. */
export function processSlot<T>(name: string): ProcessSlot<T> {
  const root = globalThis as { [SLOTS]?: Map<string, ProcessSlot<unknown>> };
  const slots = (root[SLOTS] ??= new Map());
  let slot = slots.get(name);
  if (!slot) {
    slot = { value: undefined };
    slots.set(name, slot);
  }
  return slot as ProcessSlot<T>;
}
