// prisma/schema.prisma and prisma/migrations must describe the same database: the Prisma client
// is generated from the first, the database is built from the second. This test builds a
// database from the migrations and compares it with the schema, model by model, field by field.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { describeOnDatabases } from "../testing/describe-on-databases";
import { findDrift, loadDatamodel, readDbSnapshot, unsupportedFields, type Datamodel, type DbSnapshot } from "../testing/schema-drift";

const datamodel = loadDatamodel();

async function snapshotOf(url: string): Promise<DbSnapshot> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await readDbSnapshot(client);
  } finally {
    await client.end();
  }
}

await describeOnDatabases("schema.prisma against the migrated database ($kind)", ({ kind, skip }) => {
  let database: TestDatabase;
  beforeAll(async () => {
    if (!skip) database = await createTestDatabase(kind);
  });
  afterAll(() => database?.close());

  it.skipIf(skip)("has every model's table, every field's column with its type and nullability, every index and enum value", async () => {
    const snapshot = await snapshotOf(database.url);
    // Guard against comparing nothing with nothing.
    expect(datamodel.models.map((m) => m.dbName ?? m.name)).toEqual(expect.arrayContaining(["users", "audit_events", "portal_settings"]));
    expect(Object.keys(snapshot.tables)).toEqual(expect.arrayContaining(["users", "audit_events", "portal_settings"]));

    const drift = findDrift(datamodel, snapshot);
    expect(drift, `schema.prisma and prisma/migrations disagree:\n  ${drift.join("\n  ")}\n`).toEqual([]);
  });

  it.skipIf(skip)("finds drift introduced into a real database, naming the model and field", async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query("BEGIN");
      await client.query(`ALTER TABLE "users" ALTER COLUMN "name" DROP NOT NULL`);
      await client.query(`ALTER TABLE "users" ALTER COLUMN "session_version" TYPE BIGINT`);
      await client.query(`ALTER TABLE "users" ALTER COLUMN "created_at" TYPE TIMESTAMP(3)`);
      await client.query(`ALTER TABLE "audit_events" DROP COLUMN "ip"`);
      await client.query(`ALTER TABLE "audit_events" ADD COLUMN "extra" TEXT`);
      await client.query(`DROP INDEX "users_email_key"`);
      await client.query(`ALTER TABLE "portal_settings" RENAME TO "settings"`);
      const drift = findDrift(datamodel, await readDbSnapshot(client));
      expect(drift.sort()).toEqual(
        [
          "User.name (column users.name): nullable in the database, but required in schema.prisma",
          "User.sessionVersion (column users.session_version): type is bigint (int8) in the database, schema.prisma expects integer (int4)",
          "User.createdAt (column users.created_at): type is timestamp without time zone (timestamp) in the database, schema.prisma expects timestamp with time zone (timestamptz)",
          "AuditEvent.ip (column audit_events.ip): column does not exist in the database",
          `AuditEvent (table audit_events): column "extra" is not in schema.prisma`,
          "User (table users): unique index on (email) does not exist in the database",
          `PortalSetting: table "portal_settings" does not exist in the database`,
          `table "settings" exists in the database but no model of schema.prisma maps to it`,
        ].sort(),
      );
    } finally {
      await client.query("ROLLBACK").catch(() => {});
      await client.end();
    }
    // Rolled back: the database agrees with the schema again.
    expect(findDrift(datamodel, await snapshotOf(database.url))).toEqual([]);
  });
});

describe("findDrift (the comparison itself)", () => {
  const model: Datamodel = {
    models: [
      {
        name: "Thing",
        dbName: "things",
        fields: [
          { name: "id", kind: "scalar", type: "String", nativeType: ["Uuid", []], isRequired: true, isList: false },
          { name: "count", kind: "scalar", type: "Int", isRequired: true, isList: false },
          { name: "big", kind: "scalar", type: "BigInt", isRequired: true, isList: false },
          { name: "flag", kind: "scalar", type: "Boolean", isRequired: true, isList: false },
          { name: "note", dbName: "the_note", kind: "scalar", type: "String", isRequired: false, isList: false },
          { name: "seenAt", dbName: "seen_at", kind: "scalar", type: "DateTime", nativeType: ["Timestamptz", ["3"]], isRequired: false, isList: false },
          { name: "plainAt", dbName: "plain_at", kind: "scalar", type: "DateTime", isRequired: true, isList: false },
          { name: "data", kind: "scalar", type: "Json", isRequired: false, isList: false },
          { name: "kind", kind: "enum", type: "Kind", isRequired: true, isList: false },
          { name: "tags", kind: "scalar", type: "String", isRequired: true, isList: true },
          { name: "owner", kind: "object", type: "User", isRequired: true, isList: false },
        ],
      },
    ],
    enums: [{ name: "Kind", dbName: "kind", values: [{ name: "a" }, { name: "b" }] }],
    indexes: [{ model: "Thing", type: "id", fields: [{ name: "id" }] }],
  };
  const col = (dataType: string, udtName: string, nullable = false, datetimePrecision: number | null = null) => ({ dataType, udtName, nullable, datetimePrecision });
  const matching = (): DbSnapshot => ({
    tables: {
      things: {
        id: col("uuid", "uuid"),
        count: col("integer", "int4"),
        big: col("bigint", "int8"),
        flag: col("boolean", "bool"),
        the_note: col("text", "text", true),
        seen_at: col("timestamp with time zone", "timestamptz", true, 3),
        plain_at: col("timestamp without time zone", "timestamp", false, 3),
        data: col("jsonb", "jsonb", true),
        kind: col("USER-DEFINED", "kind"),
        tags: col("ARRAY", "_text"),
      },
      _prisma_migrations: {},
    },
    enums: { kind: ["a", "b"] },
    indexes: { things: [{ columns: ["id"], primary: true, unique: true }] },
  });

  it("reports nothing when the database matches, including every type of the mapping", () => {
    expect(findDrift(model, matching())).toEqual([]);
  });

  it("names the model, field, table and column of each wrong type, nullability, enum and key", () => {
    const db = matching();
    const things = db.tables.things!;
    things.id = col("text", "text"); // String @db.Uuid stored as text
    things.the_note = col("text", "text", false); // optional field, NOT NULL column
    things.plain_at = col("timestamp with time zone", "timestamptz", false, 3); // DateTime without native type
    things.seen_at = col("timestamp with time zone", "timestamptz", true, 6);
    things.kind = col("USER-DEFINED", "other_enum");
    things.data = col("json", "json", true);
    db.enums.kind = ["a", "c"];
    db.indexes.things = [{ columns: ["id"], primary: false, unique: true }];

    expect(findDrift(model, db)).toEqual([
      "Thing.id (column things.id): type is text (text) in the database, schema.prisma expects uuid (uuid)",
      "Thing.note (column things.the_note): NOT NULL in the database, but optional in schema.prisma",
      "Thing.seenAt (column things.seen_at): precision is 6 in the database, schema.prisma expects 3",
      "Thing.plainAt (column things.plain_at): type is timestamp with time zone (timestamptz) in the database, schema.prisma expects timestamp without time zone (timestamp)",
      "Thing.data (column things.data): type is json (json) in the database, schema.prisma expects jsonb (jsonb)",
      "Thing.kind (column things.kind): type is USER-DEFINED (other_enum) in the database, schema.prisma expects USER-DEFINED (kind)",
      "Thing (table things): primary key on (id) does not exist in the database",
      "enum Kind (type kind): values are [a, c] in the database, schema.prisma has [a, b]",
    ]);
  });

  it("refuses to pass a field type it does not know how to check", () => {
    const unknown: Datamodel = {
      ...model,
      models: [{ ...model.models[0]!, fields: [{ name: "id", kind: "scalar", type: "String", nativeType: ["Inet", []], isRequired: true, isList: false }] }],
    };
    const db = matching();
    db.tables.things = { id: col("inet", "inet") };
    expect(findDrift(unknown, db)).toEqual(["Thing.id (column things.id): type String @db.Inet is not known to the drift test; add it to server/testing/schema-drift.ts"]);
  });

  it("checks Unsupported(...) fields, which Prisma's DMMF leaves out, by their database type", () => {
    const fields = unsupportedFields(
      ["model Doc {", "  id  Int @id", '  searchDocument Unsupported("tsvector")? @map("search_document")', '  shape Unsupported("geometry(Point, 4326)")', "}"].join("\n"),
    );
    expect(fields.get("Doc")).toEqual([
      { name: "searchDocument", dbName: "search_document", kind: "unsupported", type: "tsvector", isRequired: false, isList: false },
      { name: "shape", dbName: null, kind: "unsupported", type: "geometry(Point, 4326)", isRequired: true, isList: false },
    ]);
    const withVector: Datamodel = { ...model, models: [{ ...model.models[0]!, fields: [...model.models[0]!.fields, fields.get("Doc")![0]!] }] };
    const db = matching();
    db.tables.things!.search_document = col("tsvector", "tsvector", true);
    expect(findDrift(withVector, db)).toEqual([]);
    db.tables.things!.search_document = col("text", "text", true);
    expect(findDrift(withVector, db)).toEqual([
      `Thing.searchDocument (column things.search_document): type is text (text) in the database, schema.prisma says Unsupported("tsvector")`,
    ]);
  });

  it("reports missing tables and enums, and ones the schema does not know", () => {
    expect(findDrift(model, { tables: { stray: {} }, enums: { mood: ["ok"] }, indexes: {} })).toEqual([
      `Thing: table "things" does not exist in the database`,
      `table "stray" exists in the database but no model of schema.prisma maps to it`,
      `enum Kind: type "kind" does not exist in the database`,
      `enum type "mood" exists in the database but not in schema.prisma`,
    ]);
  });
});
