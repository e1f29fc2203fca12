// The reason label of a refused OpenLineage event: a small closed set of classes of the reasons
// server/lineage/validate-event.ts (and request-body.ts, for a line of NDJSON) writes for people (their text names fields and values, so it
// cannot be a label itself). lineage-refusal-reason.test.ts runs real refused events through
// the ingestion and fails when one lands in "other", so a new kind of refusal gets its class.
const CLASSES: readonly [reason: string, pattern: RegExp][] = [
  ["not_json", /^Line \d+ is not valid JSON/],
  ["not_an_event", /^(An event must be a JSON object|Not an OpenLineage event)/],
  ["placeholder_or_nul", /test-template placeholder|NUL character/],
  ["event_time", /^eventTime /],
  ["run_id", /^run\.runId /],
  ["event_type", /^eventType /],
  ["spec_schema", /^Does not match the OpenLineage /],
  ["facet", / facet at .* does not match its OpenLineage schema|\.schema has a field name of /],
  ["name_limits", /\.(namespace|name) is /],
  ["not_stored", /could not store this event/],
];

export const LINEAGE_REFUSAL_REASONS: readonly string[] = [...CLASSES.map(([reason]) => reason), "other"];

/** The class of a refusal's text, "other" for one no pattern knows. */
export function lineageRefusalReason(text: string): string {
  for (const [reason, pattern] of CLASSES) if (pattern.test(text)) return reason;
  return "other";
}
