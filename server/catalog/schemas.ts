// Input of each catalog operation (the catalog.* procedures); each handler's input type is the
// z.infer of its schema here, never written twice.
import { z } from "zod";
import { engineId } from "../engines/engine-id";

/** The most hits one search page returns. */
export const MAX_PAGE_SIZE = 50;

const name = z.string().min(1, "is required").max(512, "must be at most 512 characters");
const datasetId = z.uuid("must be a dataset id");
const page = z.number().int().min(1).max(10_000).default(1);

export const searchFilters = z
  .object({
    catalog: z
      .string()
      .max(600)
      .regex(/^[^:]+:.+$/, "must be <engine>:<catalog>")
      .optional(),
    schema: name.optional(),
    kind: z.enum(["TABLE", "VIEW"]).optional(),
    tag: z.string().max(50).optional(),
    owner: z.string().max(320).optional(),
  })
  .default({});

// Long input is accepted here and answered by the search itself with a message (see
// parseQuery); only what no one could type is refused.
const query = z.string().max(20_000, "must be at most 20,000 characters");

export const searchInput = z.object({ q: query, filters: searchFilters, page, pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE).default(20) });
export const facetsInput = z.object({ q: query, filters: searchFilters });

export const engineInput = z.object({ engineId });
export const catalogInput = z.object({ engineId, catalog: name });
export const schemaInput = z.object({ engineId, catalog: name, schema: name, page, includeRemoved: z.boolean().default(false) });
export const datasetRefInput = z.object({ engineId, catalog: name, schema: name, name });
export const datasetIdInput = z.object({ datasetId });
export const datasetPageInput = z.object({ datasetId, page });
export const statsInput = z.object({ datasetId, refresh: z.boolean().default(false) });
export const crawlRunsInput = z.object({ engineId: engineId.optional(), limit: z.number().int().min(1).max(50).default(10) });
export const searchTextInput = z.object({ search: z.string().trim().max(100).default("") });

export const descriptionInput = z.object({
  datasetId,
  description: z.string().max(20_000, "must be at most 20,000 characters"),
  /** The description the editor started from (to detect a concurrent edit). */
  previous: z.string().max(20_000),
});
export const columnDescriptionInput = z.object({ datasetId, column: name, description: z.string().max(2_000, "must be at most 2,000 characters") });

const owner = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(320, "must be at most 320 characters")
  .refine(
    // A team of Admin › Teams is `team:<slug>` (server/teams/actions.ts); a plain name is an older, free-text team.
    (o) => (o.includes("@") ? z.email().safeParse(o.toLowerCase()).success : /^team:[\p{L}\p{N}][\p{L}\p{N}-]{0,59}$/u.test(o) || /^[\p{L}\p{N}][\p{L}\p{N} ._&-]{0,79}$/u.test(o)),
    "must be a user's e-mail address, a team (team:<slug>) or a team name (letters, digits, spaces, . _ & -; up to 80 characters)",
  );
export const ownersInput = z.object({ datasetId, owners: z.array(owner).max(10, "at most 10 owners") });

const tag = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{0,49}$/, "must be 1–50 lower-case letters, digits, dots, dashes or underscores, starting with a letter or digit");
export const tagsInput = z.object({ datasetId, tags: z.array(tag).max(20, "at most 20 tags") });

export const termsInput = z.object({
  datasetId,
  terms: z
    .array(
      z.object({
        name: z.string().trim().min(1, "must not be empty").max(80, "must be at most 80 characters"),
        definition: z.string().max(2_000, "must be at most 2,000 characters").optional(),
      }),
    )
    .max(20, "at most 20 terms"),
});
export const freshnessInput = z.object({
  datasetId,
  hours: z
    .number()
    .int()
    .min(1, "must be at least 1 hour")
    .max(24 * 366, "must be at most a year")
    .nullable(),
});

/** What searchDatasets takes: the schema's input, so page and page size may be left out (scripts, tests); their defaults apply. */
export type SearchInput = z.input<typeof searchInput>;
export type FacetsInput = z.input<typeof facetsInput>;
export type SearchFilters = z.infer<typeof searchFilters>;
