// Is a dataset fresh? The last change is the engine's own "last modified" when it offers one
// (e.g. an Iceberg snapshot), else the last schema change the crawler saw. Stewards may set how
// often the data is expected to change; past that, the dataset is stale.

export type FreshnessInput = { lastModifiedAt: Date | null; schemaChangedAt: Date; expectedUpdateHours: number | null };

export type Freshness = {
  lastChangeAt: Date;
  /** Where lastChangeAt comes from. */
  source: "engine" | "crawler";
  expectedUpdateHours: number | null;
  /** When the next change is due (null without an expected interval). */
  dueAt: Date | null;
  stale: boolean;
};

export function freshnessOf(input: FreshnessInput, now: Date = new Date()): Freshness {
  const source = input.lastModifiedAt ? "engine" : "crawler";
  const lastChangeAt = input.lastModifiedAt ?? input.schemaChangedAt;
  const dueAt = input.expectedUpdateHours ? new Date(lastChangeAt.getTime() + input.expectedUpdateHours * 3_600_000) : null;
  return { lastChangeAt, source, expectedUpdateHours: input.expectedUpdateHours, dueAt, stale: dueAt !== null && now.getTime() > dueAt.getTime() };
}
