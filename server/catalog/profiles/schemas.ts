// Input of the profile operations (catalog.profile, catalog.profileCompute).
import { z } from "zod";

const datasetId = z.uuid("must be a dataset id");

export const profileInput = z.object({ datasetId });
export const profileComputeInput = z.object({
  datasetId,
  /** One column (a wide table's column past the cap, or a refresh of one); omitted: the first columns. */
  column: z.string().min(1, "must not be empty").max(512, "must be at most 512 characters").optional(),
  /** The user agreed to what the plan said it reads (needed for large or unknown Trino tables). */
  confirmed: z.boolean().default(false),
});
