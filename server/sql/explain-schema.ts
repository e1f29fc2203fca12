// Input of sql.explain: the statement to draw the plan of, with the session it would run in.
import { z } from "zod";
import { engineId } from "../engines/engine-id";

const name = z.string().trim().max(200);

export const explainInput = z.strictObject({
  engineId,
  sql: z.string().max(5_000_000, "is far larger than the 1 MB the workbench accepts"),
  catalog: name.nullish(),
  schema: name.nullish(),
});

export type ExplainInput = z.infer<typeof explainInput>;
