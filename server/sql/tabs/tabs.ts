// Workbench tabs and drafts on the server, per user (README.md here). Every operation reads
// and writes only rows of ctx.user: the user id is part of every key and every WHERE, so no
// input can reach another user's tab — admins included (drafts are private).
import type { z } from "zod";
import type { HandlerArgs } from "../../handler";
import type { Prisma } from "../../db/generated/client";
import { MAX_SQL_BYTES } from "../run-query";
import { MAX_TABS, MAX_TOTAL_SQL_BYTES, MAX_TITLE_LENGTH, type TabChange, type tabsSyncInput } from "./schemas";

type Tx = Prisma.TransactionClient;
type Row = Awaited<ReturnType<Tx["workbenchTab"]["findMany"]>>[number];

/** A tab as the browser gets it; `content` is left out when the browser already has this revision. */
export type ServerTab = {
  id: string;
  revision: number;
  position: number;
  content?: {
    title: string;
    sql: string;
    engineId: string | null;
    catalog: string | null;
    schema: string | null;
    limit: number;
    savedQueryId: string | null;
    savedVersion: string | null;
    keptRunId: string | null;
    updatedAt: Date;
    updatedFrom: string;
  };
};

export type ChangeResult =
  | { id: string; outcome: "saved"; revision: number }
  /** Someone else changed (or closed) the tab first: theirs stays, this text is the new tab `copyId`. */
  | { id: string; outcome: "conflict"; revision: number | null; copyId: string; copyTitle: string; updatedFrom: string }
  /** Not kept on the server (a limit); it stays in the browser. */
  | { id: string; outcome: "refused"; message: string };

export type CloseResult = { id: string; outcome: "closed" } | { id: string; outcome: "kept"; revision: number; updatedFrom: string };

export type TabsSnapshot = { tabs: ServerTab[]; limits: { maxTabs: number; maxSqlBytes: number } };

const LIMITS = { maxTabs: MAX_TABS, maxSqlBytes: MAX_SQL_BYTES };

/** sql.tabs.list: the user's open tabs with their content, in order (a browser's first load). */
export async function listTabs({ ctx }: HandlerArgs<unknown>): Promise<TabsSnapshot> {
  const rows = await ctx.db.workbenchTab.findMany({ where: { userId: ctx.user.id }, orderBy: ORDER });
  return { tabs: rows.map((row) => toServerTab(row, null)), limits: LIMITS };
}

/**
 * sql.tabs.sync: applies the browser's changes, closes and order, then answers the user's tabs
 * (content only where the browser's revision is not the server's). One transaction per call,
 * serialised per user by a lock on the user's row, so limits and revisions are never raced.
 */
export async function syncTabs({ ctx, input }: HandlerArgs<z.infer<typeof tabsSyncInput>>): Promise<TabsSnapshot & { changes: ChangeResult[]; closes: CloseResult[] }> {
  const userId = ctx.user.id;
  const device = input.device || "another browser";
  const { changes, closes, rows } = await ctx.db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM users WHERE id = ${userId}::uuid FOR NO KEY UPDATE`;
    const changeResults: ChangeResult[] = [];
    const copies = new Map<string, string>(); // original id → copy id, placed right after it
    for (const change of input.changes) {
      const result = await applyChange(tx, userId, input.writer, device, change);
      if (result.outcome === "conflict") copies.set(change.id, result.copyId);
      changeResults.push(result);
    }
    const closeResults: CloseResult[] = [];
    for (const close of input.closes) closeResults.push(await applyClose(tx, userId, input.writer, close));
    const current = await tx.workbenchTab.findMany({ where: { userId }, orderBy: ORDER });
    return { changes: changeResults, closes: closeResults, rows: await applyOrder(tx, userId, current, input.order, copies) };
  });
  const known = new Map(input.known.map((k) => [k.id, k.revision]));
  for (const c of changes) if (c.outcome === "saved") known.set(c.id, c.revision);
  return { changes, closes, tabs: rows.map((row) => toServerTab(row, known)), limits: LIMITS };
}

const ORDER = [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }] satisfies Prisma.WorkbenchTabOrderByWithRelationInput[];

async function applyChange(tx: Tx, userId: string, writer: string, device: string, change: TabChange): Promise<ChangeResult> {
  const { id, baseRevision, ...content } = change;
  const bytes = Buffer.byteLength(content.sql);
  if (bytes > MAX_SQL_BYTES) {
    return {
      id,
      outcome: "refused",
      message: `“${content.title}” holds ${(bytes / 1_000_000).toFixed(1)} MB of SQL; drafts up to 1 MB are kept on the server. It stays in this browser.`,
    };
  }
  const existing = await tx.workbenchTab.findUnique({ where: { userId_id: { userId, id } } });
  const fields = {
    title: content.title,
    sql: content.sql,
    engineId: content.engineId,
    catalog: content.catalog,
    schema: content.schema,
    rowLimit: content.limit,
    savedQueryId: content.savedQueryId,
    savedVersion: content.savedVersion,
    keptRunId: content.keptRunId,
  };
  const data = { ...fields, updatedFrom: device, writerId: writer };

  if (existing && (existing.revision === baseRevision || existing.writerId === writer)) {
    // Up to date, or this page load's own earlier write whose answer it never got: not a conflict.
    const tooBig = await totalTooLarge(tx, userId, bytes - Buffer.byteLength(existing.sql));
    if (tooBig) return { id, outcome: "refused", message: tooBig };
    if (sameContent(existing, fields)) return { id, outcome: "saved", revision: existing.revision };
    // Compare and write in one statement: the revision is the one just read, under the user lock.
    const updated = await tx.workbenchTab.update({ where: { userId_id: { userId, id } }, data: { ...data, revision: { increment: 1 } } });
    return { id, outcome: "saved", revision: updated.revision };
  }

  // Stale, but the server already holds exactly this (two browsers made the same change): no copy needed.
  if (existing && sameContent(existing, fields)) return { id, outcome: "saved", revision: existing.revision };

  if (!existing && baseRevision === null) {
    const refused = await limitRefusal(tx, userId, bytes, MAX_TABS, content.title);
    if (refused) return { id, outcome: "refused", message: refused };
    const position = await nextPosition(tx, userId);
    const created = await tx.workbenchTab.create({ data: { ...data, userId, id, position } });
    return { id, outcome: "saved", revision: created.revision };
  }

  // A stale write: the tab changed (or was closed) elsewhere since this browser read it. The
  // server's version stays; this text becomes a new tab, so nothing typed is lost. Copies may
  // pass the tab limit (up to twice it): refusing them would drop text.
  const refused = await limitRefusal(tx, userId, bytes, MAX_TABS * 2, content.title);
  if (refused) return { id, outcome: "refused", message: refused };
  const copyTitle = copyTitleOf(content.title, device, new Date());
  const copy = await tx.workbenchTab.create({
    data: { ...data, title: copyTitle, userId, id: crypto.randomUUID(), position: existing?.position ?? (await nextPosition(tx, userId)) },
  });
  return { id, outcome: "conflict", revision: existing?.revision ?? null, copyId: copy.id, copyTitle, updatedFrom: existing?.updatedFrom || "another browser" };
}

async function applyClose(tx: Tx, userId: string, writer: string, close: { id: string; baseRevision: number }): Promise<CloseResult> {
  const existing = await tx.workbenchTab.findUnique({ where: { userId_id: { userId, id: close.id } }, select: { revision: true, writerId: true, updatedFrom: true } });
  if (!existing) return { id: close.id, outcome: "closed" }; // closed elsewhere too
  // Changed elsewhere after this browser last saw it: closing would drop that text, so it stays open.
  if (existing.revision !== close.baseRevision && existing.writerId !== writer)
    return { id: close.id, outcome: "kept", revision: existing.revision, updatedFrom: existing.updatedFrom || "another browser" };
  await tx.workbenchTab.delete({ where: { userId_id: { userId, id: close.id } } });
  return { id: close.id, outcome: "closed" };
}

/**
 * Positions 0…n-1 in the browser's order when it sent one (tabs it does not know yet, opened
 * elsewhere, go last), each conflict's copy right after its original. Writes only changed rows.
 */
async function applyOrder(tx: Tx, userId: string, rows: Row[], order: string[] | null, copies: Map<string, string>): Promise<Row[]> {
  let ordered = rows;
  if (order) {
    const rank = new Map(order.map((id, i) => [id, i]));
    ordered = [...rows].sort((a, b) => (rank.get(a.id) ?? Infinity) - (rank.get(b.id) ?? Infinity));
  }
  const copyIds = new Set(copies.values());
  const result: Row[] = [];
  for (const row of ordered) {
    if (copyIds.has(row.id)) continue;
    result.push(row);
    const copy = copies.get(row.id);
    const copyRow = copy ? rows.find((r) => r.id === copy) : undefined;
    if (copyRow) result.push(copyRow);
  }
  // A copy whose original is gone (closed elsewhere) keeps its place among the others.
  for (const row of ordered) if (copyIds.has(row.id) && !result.includes(row)) result.push(row);
  for (const [position, row] of result.entries()) {
    if (row.position === position) continue;
    await tx.workbenchTab.update({ where: { userId_id: { userId, id: row.id } }, data: { position } });
    row.position = position;
  }
  return result;
}

async function limitRefusal(tx: Tx, userId: string, bytes: number, maxTabs: number, title: string): Promise<string | null> {
  const count = await tx.workbenchTab.count({ where: { userId } });
  if (count >= maxTabs) {
    return `Your account keeps at most ${MAX_TABS} tabs${maxTabs > MAX_TABS ? " (and their copies)" : ""}; “${title}” stays in this browser only. Close tabs you no longer need.`;
  }
  return totalTooLarge(tx, userId, bytes);
}

async function totalTooLarge(tx: Tx, userId: string, addedBytes: number): Promise<string | null> {
  const [{ total }] = await tx.$queryRaw<[{ total: bigint | null }]>`SELECT sum(octet_length(sql))::bigint AS total FROM workbench_tabs WHERE user_id = ${userId}::uuid`;
  if (Number(total ?? 0) + addedBytes <= MAX_TOTAL_SQL_BYTES) return null;
  return `Your drafts would hold more than ${MAX_TOTAL_SQL_BYTES / 1_000_000} MB of SQL together, the most your account keeps; this one stays in this browser. Close tabs you no longer need.`;
}

async function nextPosition(tx: Tx, userId: string): Promise<number> {
  const last = await tx.workbenchTab.aggregate({ where: { userId }, _max: { position: true } });
  return (last._max.position ?? -1) + 1;
}

/** “Flights (copy from Firefox on Linux, 2026-12-04 01:23 UTC)”, the original title shortened to fit. */
export function copyTitleOf(title: string, device: string, at: Date): string {
  const suffix = ` (copy from ${device}, ${at.toISOString().slice(0, 16).replace("T", " ")} UTC)`;
  const room = Math.max(1, MAX_TITLE_LENGTH - suffix.length);
  return (title.length > room ? `${title.slice(0, room - 1)}…` : title) + suffix;
}

function sameContent(row: Row, data: Omit<Row, "userId" | "id" | "position" | "revision" | "createdAt" | "updatedAt" | "writerId" | "updatedFrom">): boolean {
  return (Object.keys(data) as (keyof typeof data)[]).every((k) => row[k] === data[k]);
}

function toServerTab(row: Row, known: Map<string, number> | null): ServerTab {
  const tab: ServerTab = { id: row.id, revision: row.revision, position: row.position };
  if (known?.get(row.id) === row.revision) return tab;
  tab.content = {
    title: row.title,
    sql: row.sql,
    engineId: row.engineId,
    catalog: row.catalog,
    schema: row.schema,
    limit: row.rowLimit,
    savedQueryId: row.savedQueryId,
    savedVersion: row.savedVersion,
    keptRunId: row.keptRunId,
    updatedAt: row.updatedAt,
    updatedFrom: row.updatedFrom,
  };
  return tab;
}
