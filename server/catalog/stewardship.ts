// Stewards' edits: descriptions (dataset and column), owners, tags, glossary terms and the
// expected update interval. Each edit, its audit row (subject `dataset:<id>`, shown as the
// dataset's activity) and the refreshed search document commit together, so search finds new
// words the moment the edit is saved.
import type { z } from "zod";
import type { Prisma } from "../db/generated/client";
import { recordAudit } from "../audit/audit";
import { DomainError } from "../errors";
import type { HandlerArgs, RequestContext } from "../handler";
import type { columnDescriptionInput, descriptionInput, freshnessInput, ownersInput, tagsInput, termsInput } from "./schemas";
import { refreshSearchDocuments } from "./search-document";
import { qualifiedName } from "./names";
import { unknownTeamRefs } from "../teams/owners";

export const STEWARD_ACTIONS = [
  "catalog.description_changed",
  "catalog.column_description_changed",
  "catalog.owners_changed",
  "catalog.tags_changed",
  "catalog.glossary_terms_changed",
  "catalog.freshness_changed",
] as const;
type StewardAction = (typeof STEWARD_ACTIONS)[number];

export const datasetSubject = (id: string) => `dataset:${id}`;

type Tx = Prisma.TransactionClient;
type Dataset = { id: string; catalog: string; schema: string; name: string };

/** Runs `change` on the dataset in a transaction, then audits it (by the request's user, from its address) and refreshes its search document. */
async function edit<T>(
  ctx: RequestContext,
  datasetId: string,
  action: StewardAction,
  change: (tx: Tx, dataset: Dataset) => Promise<{ result: T; details: Prisma.InputJsonObject } | null>,
): Promise<T | null> {
  return ctx.db.$transaction(async (tx) => {
    // Locks the row: two editors saving at once are applied one after the other.
    const rows = await tx.$queryRaw<Dataset[]>`SELECT id, catalog, schema, name FROM catalog_datasets WHERE id = ${datasetId}::uuid FOR UPDATE`;
    const dataset = rows[0];
    if (!dataset) throw new DomainError("NOT_FOUND", "This dataset is not in the catalog (any more).");
    const outcome = await change(tx, dataset);
    if (!outcome) return null; // nothing changed: no audit row
    await refreshSearchDocuments(tx, [dataset.id]);
    await recordAudit(tx, {
      actor: ctx.user,
      action,
      subject: datasetSubject(dataset.id),
      outcome: "success",
      ip: ctx.ip,
      details: { dataset: qualifiedName(dataset), ...outcome.details },
    });
    return outcome.result;
  });
}

const excerpt = (text: string) => (text.length > 2_000 ? `${text.slice(0, 2_000)}…` : text);

export async function updateDescription({ ctx, input }: HandlerArgs<z.infer<typeof descriptionInput>>) {
  return edit(ctx, input.datasetId, "catalog.description_changed", async (tx, dataset) => {
    const current = await tx.catalogDataset.findUniqueOrThrow({ where: { id: dataset.id }, select: { description: true } });
    // Someone else saved meanwhile: do not overwrite their words silently.
    if (current.description !== input.previous) {
      throw new DomainError("CONFLICT", "Someone else changed this description while you were editing. Copy your text, reload, and apply your change again.");
    }
    if (current.description === input.description) return null;
    const updated = await tx.catalogDataset.update({
      where: { id: dataset.id },
      data: { description: input.description, descriptionUpdatedAt: new Date(), descriptionUpdatedBy: ctx.user.email },
      select: { description: true, descriptionUpdatedAt: true, descriptionUpdatedBy: true },
    });
    return { result: updated, details: { before: excerpt(current.description), after: excerpt(input.description) } };
  });
}

export async function updateColumnDescription({ ctx, input }: HandlerArgs<z.infer<typeof columnDescriptionInput>>) {
  return edit(ctx, input.datasetId, "catalog.column_description_changed", async (tx, dataset) => {
    const column = await tx.catalogColumn.findUnique({ where: { datasetId_name: { datasetId: dataset.id, name: input.column } }, select: { description: true } });
    if (!column) throw new DomainError("NOT_FOUND", `${qualifiedName(dataset)} has no column “${input.column}” (any more).`, { column: ["does not exist"] });
    if (column.description === input.description) return null;
    await tx.catalogColumn.update({ where: { datasetId_name: { datasetId: dataset.id, name: input.column } }, data: { description: input.description } });
    return {
      result: { column: input.column, description: input.description },
      details: { column: input.column, before: excerpt(column.description), after: excerpt(input.description) },
    };
  });
}

/** Owners are portal users (by e-mail), teams (`team:<slug>`, which must exist) or free-text team names. */
export async function updateOwners({ ctx, input }: HandlerArgs<z.infer<typeof ownersInput>>) {
  const owners = unique(input.owners.map((o) => (o.includes("@") ? o.trim().toLowerCase() : o.trim().replace(/\s+/g, " "))));
  const emails = owners.filter((o) => o.includes("@"));
  if (emails.length) {
    const known = await ctx.db.user.findMany({ where: { email: { in: emails } }, select: { email: true } });
    const unknown = emails.filter((e) => !known.some((k) => k.email === e));
    if (unknown.length) {
      throw new DomainError("BAD_REQUEST", `No portal user has the e-mail address ${unknown.join(", ")}. Owners are portal users or team names.`, {
        owners: [`unknown user: ${unknown.join(", ")}`],
      });
    }
  }
  const unknownTeams = await unknownTeamRefs(ctx.db, owners);
  if (unknownTeams.length) {
    throw new DomainError("BAD_REQUEST", `No team has the reference ${unknownTeams.join(", ")} (any more). Pick a team from Admin › Teams.`, {
      owners: [`unknown team: ${unknownTeams.join(", ")}`],
    });
  }
  return edit(ctx, input.datasetId, "catalog.owners_changed", async (tx, dataset) => {
    const current = await tx.catalogDataset.findUniqueOrThrow({ where: { id: dataset.id }, select: { owners: true } });
    if (sameList(current.owners, owners)) return null;
    await tx.catalogDataset.update({ where: { id: dataset.id }, data: { owners } });
    return { result: { owners }, details: { before: current.owners, after: owners } };
  });
}

export async function updateTags({ ctx, input }: HandlerArgs<z.infer<typeof tagsInput>>) {
  const tags = unique(input.tags.map((t) => t.trim().toLowerCase()));
  return edit(ctx, input.datasetId, "catalog.tags_changed", async (tx, dataset) => {
    const current = await tx.catalogDataset.findUniqueOrThrow({ where: { id: dataset.id }, select: { tags: true } });
    if (sameList(current.tags, tags)) return null;
    // New tags join the vocabulary as plain tags; classifications are defined by the migration.
    if (tags.length) await tx.catalogTag.createMany({ data: tags.map((name) => ({ name })), skipDuplicates: true });
    await tx.catalogDataset.update({ where: { id: dataset.id }, data: { tags } });
    return { result: { tags }, details: { before: current.tags, after: tags } };
  });
}

export async function updateGlossaryTerms({ ctx, input }: HandlerArgs<z.infer<typeof termsInput>>) {
  const terms = uniqueBy(
    input.terms.map((t) => ({ name: t.name.trim().replace(/\s+/g, " "), definition: t.definition?.trim() })),
    (t) => t.name.toLowerCase(),
  );
  return edit(ctx, input.datasetId, "catalog.glossary_terms_changed", async (tx, dataset) => {
    const current = await tx.catalogDataset.findUniqueOrThrow({ where: { id: dataset.id }, select: { glossaryTerms: true } });
    // A term written differently from an existing one ("revenue" vs "Revenue") is that term.
    const existing = await tx.catalogGlossaryTerm.findMany({ where: { name: { in: terms.map((t) => t.name), mode: "insensitive" } } });
    const names: string[] = [];
    const defined: string[] = [];
    for (const term of terms) {
      const known = existing.find((e) => e.name.toLowerCase() === term.name.toLowerCase());
      const name = known?.name ?? term.name;
      names.push(name);
      if (!known) await tx.catalogGlossaryTerm.create({ data: { name, definition: term.definition ?? "" } });
      else if (term.definition && term.definition !== known.definition) await tx.catalogGlossaryTerm.update({ where: { name }, data: { definition: term.definition } });
      if (term.definition && term.definition !== known?.definition) defined.push(name);
    }
    if (sameList(current.glossaryTerms, names) && defined.length === 0) return null;
    await tx.catalogDataset.update({ where: { id: dataset.id }, data: { glossaryTerms: names } });
    return { result: { glossaryTerms: names }, details: { before: current.glossaryTerms, after: names, ...(defined.length ? { definitionsChanged: defined } : {}) } };
  });
}

export async function updateExpectedUpdateInterval({ ctx, input }: HandlerArgs<z.infer<typeof freshnessInput>>) {
  return edit(ctx, input.datasetId, "catalog.freshness_changed", async (tx, dataset) => {
    const current = await tx.catalogDataset.findUniqueOrThrow({ where: { id: dataset.id }, select: { expectedUpdateHours: true } });
    if (current.expectedUpdateHours === input.hours) return null;
    await tx.catalogDataset.update({ where: { id: dataset.id }, data: { expectedUpdateHours: input.hours } });
    return { result: { expectedUpdateHours: input.hours }, details: { before: current.expectedUpdateHours, after: input.hours } };
  });
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter(Boolean))];
}

function uniqueBy<T>(values: T[], key: (v: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const v of values) if (key(v) && !seen.has(key(v))) seen.set(key(v), v);
  return [...seen.values()];
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
