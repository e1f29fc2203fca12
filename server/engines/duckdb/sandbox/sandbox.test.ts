// The embedded engine's sandbox, tried as an attacker would: every file function and path form
// for each role, encoded and relative paths, symbolic links inside buckets that lead out,
// statement stacking and comments, statements that would change the shared engine. Each case
// asserts the refusal the user sees, and the suite asserts that nothing changed: no file written
// or created anywhere, no setting or attached database different afterwards.
import { mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../../../lib/auth/roles";
import { collect } from "../../contract";
import { EngineQueryError } from "../../query-engine";
import { DuckDbEngine } from "../duckdb-engine";
import { StatementRefusedError } from "../../query-engine";

// raw: everyone reads, editors write · curated: editors read and write · archive: read-only for
// all · vault: admins only · secret: hidden from everyone.
const RULES: Record<string, { read: Role | "none"; write: Role | "none" }> = {
  raw: { read: "viewer", write: "editor" },
  curated: { read: "editor", write: "editor" },
  archive: { read: "viewer", write: "none" },
  vault: { read: "admin", write: "admin" },
  secret: { read: "none", write: "none" },
};
const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };
const allows = (role: Role, needed: Role | "none") => needed !== "none" && RANK[role] >= RANK[needed];

let root: string; // the data folder: database, results and spill files beside the lake
let lake: string;
let engine: DuckDbEngine;

function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      const st = statSync(p, { throwIfNoEntry: false });
      if (!st) {
        out.push(`${p} (dangling)`);
        continue;
      }
      // DuckDB's own database file and WAL change with every statement; everything else must not.
      if (/lakehouse\.duckdb(\.wal)?$/.test(p) || p.includes("duckdb-tmp")) continue;
      out.push(`${p} ${st.isDirectory() ? "dir" : `${st.size} ${st.mtimeMs}`}`);
      if (st.isDirectory() && !statSync(p).isSymbolicLink()) walk(p);
    }
  };
  walk(dir);
  return out;
}

async function settingsSnapshot(): Promise<string> {
  const conn = await engine.connect();
  try {
    const settings = await conn.runAndReadAll("SELECT name, value FROM duckdb_settings() WHERE name NOT IN ('profiling_output') ORDER BY name");
    const dbs = await conn.runAndReadAll("SELECT database_name, path FROM duckdb_databases() ORDER BY 1");
    return JSON.stringify([settings.getRows(), dbs.getRows()]);
  } finally {
    conn.disconnectSync();
  }
}

async function refusal(sql: string, role: Role): Promise<string> {
  try {
    await engine.checkStatement(sql, { catalog: "lakehouse", schema: "main" }, role);
  } catch (err) {
    if (err instanceof StatementRefusedError) return err.message;
    if (err instanceof EngineQueryError) return `engine: ${err.message}`;
    throw err;
  }
  return "allowed";
}

/** Runs through execute() (the engine's own gate), as any caller would. */
async function runAs(sql: string, role: Role): Promise<string> {
  try {
    await collect(engine.execute({ sql, limit: 10, user: `${role}@test`, role, catalog: "lakehouse", schema: "main" }));
    return "ran";
  } catch (err) {
    if (err instanceof EngineQueryError) return err.message;
    throw err;
  }
}

let before: { files: string[]; settings: string };

beforeAll(async () => {
  root = realpathSync(mkdtempSync(path.join(os.tmpdir(), "duckdb-sandbox-")));
  lake = path.join(root, "lake");
  for (const bucket of Object.keys(RULES)) {
    mkdirSync(path.join(lake, bucket, "data"), { recursive: true });
    writeFileSync(path.join(lake, bucket, "data", "rows.csv"), "id,name\n1,alpha\n2,beta\n");
  }
  mkdirSync(path.join(root, "pgdata"));
  writeFileSync(path.join(root, "pgdata", "secret.txt"), "NEXTAUTH_SECRET=do-not-read\n");
  mkdirSync(path.join(root, "results"));
  writeFileSync(path.join(root, "results", "run.ndjson"), '{"other":"user"}\n');
  // Links inside a readable bucket that lead out of it (an operator's mistake, or a planted one).
  symlinkSync(path.join(root, "pgdata"), path.join(lake, "raw", "pg"));
  symlinkSync(path.join(root, "pgdata", "secret.txt"), path.join(lake, "raw", "secret.csv"));
  symlinkSync(path.join(lake, "vault"), path.join(lake, "raw", "to-vault"));
  engine = await DuckDbEngine.create({
    path: path.join(root, "lakehouse.duckdb"),
    settings: { threads: "2" },
    sandbox: {
      lakeDir: lake,
      bucketRights: (role) => (bucket) => {
        const rule = RULES[bucket];
        return { read: rule ? allows(role, rule.read) : false, write: rule ? allows(role, rule.write) : false, visible: rule ? rule.read !== "none" : false };
      },
      memoryLimit: "1GB",
      tempDir: path.join(root, "duckdb-tmp"),
    },
  });
  const conn = await engine.connect();
  await conn.run("CREATE SCHEMA IF NOT EXISTS lakehouse.main");
  await conn.run("CREATE TABLE t AS SELECT 1 AS id, 'x' AS name");
  await conn.run("CREATE SEQUENCE seq");
  conn.disconnectSync();
  before = { files: snapshot(root), settings: await settingsSnapshot() };
});

afterAll(async () => {
  await engine?.close();
  rmSync(root, { recursive: true, force: true });
});

const at = (bucket: string, key = "data/rows.csv") => `${lake}/${bucket}/${key}`;
const READERS = [
  "read_csv",
  "read_csv_auto",
  "read_text",
  "read_blob",
  "read_json",
  "read_json_auto",
  "read_ndjson",
  "read_parquet",
  "parquet_scan",
  "parquet_metadata",
  "parquet_schema",
  "glob",
  "sniff_csv",
];

describe("files outside the lake: refused for every role and every file function", () => {
  const outside = () => ["/etc/passwd", `${root}/pgdata/secret.txt`, `${root}/results/run.ndjson`, `${root}/lakehouse.duckdb`, `${root}/duckdb-tmp/spill.tmp`];
  const roles: Role[] = ["viewer", "editor", "admin"];
  it.each(READERS.flatMap((fn) => roles.map((role) => [fn, role] as const)))("%s() of server files as %s", async (fn, role) => {
    for (const file of outside()) {
      const call = fn === "read_blob" || fn === "read_text" || fn === "glob" ? `${fn}('${file}')` : `${fn}('${file}')`;
      expect(await refusal(`SELECT * FROM ${call}`, role)).toBe(`Reading or writing files outside the lake's buckets is not allowed: ${file}`);
    }
  });

  it.each([
    ["a replacement scan of a server file", () => `SELECT * FROM '${root}/pgdata/secret.txt'`],
    ["a quoted-identifier replacement scan", () => `SELECT * FROM "${root}/results/run.ndjson"`],
    ["DESCRIBE of a server file", () => `DESCRIBE '${root}/pgdata/secret.txt'`],
    ["SUMMARIZE of a server file", () => `SUMMARIZE '${root}/pgdata/secret.txt'`],
    ["a relative path from the working directory", () => "SELECT * FROM read_text('package.json')"],
    ["a relative path climbing out", () => "SELECT * FROM read_text('../../etc/passwd')"],
    ["dot-dot inside a bucket path", () => `SELECT * FROM read_text('${lake}/raw/../../pgdata/secret.txt')`],
    ["file:// URL", () => `SELECT * FROM read_text('file://${root}/pgdata/secret.txt')`],
    ["home directory", () => "SELECT * FROM read_text('~/.duckdb/stored_secrets/x')"],
    ["a backslash path", () => `SELECT * FROM read_text('${lake}\\raw\\..\\..\\pgdata\\secret.txt')`],
    ["a list with one server file", () => `SELECT * FROM read_csv(['${at("raw")}', '/etc/passwd'])`],
    ["a glob over the data folder", () => `SELECT * FROM glob('${root}/**')`],
    ["a glob across buckets", () => `SELECT * FROM glob('${lake}/*/data/*.csv')`],
    ["a symlinked folder inside a bucket", () => `SELECT * FROM read_text('${lake}/raw/pg/secret.txt')`],
    ["a symlinked file inside a bucket", () => `SELECT * FROM read_csv('${lake}/raw/secret.csv')`],
    ["a subquery in WHERE", () => `SELECT 1 WHERE 'x' IN (SELECT content FROM read_text('/etc/passwd'))`],
    ["a CTE", () => `WITH s AS (SELECT * FROM read_text('/etc/hostname')) SELECT * FROM s`],
    ["a lateral join", () => `SELECT * FROM t, LATERAL (SELECT * FROM read_text('/etc/passwd'))`],
    ["a UNION", () => `SELECT 'a' UNION ALL SELECT content FROM read_text('/etc/passwd')`],
    ["comment tricks", () => `SELECT * FROM /* ${at("raw")} */ read_text(/* x */ '/etc/passwd') -- ${at("raw")}`],
    ["a PIVOT", () => `PIVOT '${root}/pgdata/secret.txt' ON name IN ('a') USING count(*)`],
    ["a schema-qualified function", () => `SELECT * FROM main.read_text('/etc/passwd')`],
    ["a quoted function name", () => `SELECT * FROM "read_text"('/etc/passwd')`],
  ])("%s is refused for an admin too", async (_label, sql) => {
    expect(await refusal(sql(), "admin")).toMatch(/not allowed|without wildcards/);
  });

  it.each([
    ["a computed path", "SELECT * FROM read_text('/et' || 'c/passwd')"],
    ["a path from a subquery", "SELECT * FROM read_text((SELECT '/etc/passwd'))"],
    ["a path from a variable", "SELECT * FROM read_text(getvariable('p'))"],
    ["a path from a column", "SELECT * FROM t, read_text(t.name)"],
    ["a path from a cast", "SELECT * FROM read_text(CAST('/etc/passwd' AS VARCHAR))"],
  ])("%s is refused: paths must be literals", async (_label, sql) => {
    expect(await refusal(sql, "admin")).toMatch(/must be written out as a string literal/);
  });

  it("encoded paths are the literal names they are: a folder called %2e%2e inside the bucket, which holds nothing", async () => {
    const sql = `SELECT * FROM read_text('${lake}/raw/%2e%2e/%2e%2e/pgdata/secret.txt')`;
    expect(await refusal(sql, "viewer")).toBe("allowed");
    const { rows } = await collect(engine.execute({ sql, limit: 10, user: "v", role: "viewer" }));
    expect(rows).toEqual([]);
  });

  it("DuckDB's own guard stands behind the check: a link followed at run time is refused by the engine too", async () => {
    // glob() in the bucket lists real files only; the links that lead out are not followed.
    const conn = await engine.connect();
    try {
      const rows = await conn.runAndReadAll(`SELECT file FROM glob('${lake}/raw/**') ORDER BY 1`);
      expect(rows.getRows().map((r) => String(r[0]))).toEqual([`${lake}/raw/data/rows.csv`]);
      await expect(conn.run(`SELECT * FROM read_text('${root}/pgdata/secret.txt')`)).rejects.toThrow(/file system operations are disabled/);
    } finally {
      conn.disconnectSync();
    }
  });
});

describe('files named by bucket and key (s3://bucket/key, as "Query this file" writes them)', () => {
  const rowsAs = async (sql: string, role: Role) => (await collect(engine.execute({ sql, limit: 10, user: `${role}@test`, role, catalog: "lakehouse", schema: "main" }))).rows;

  it("reads the lake file for a role that may read its bucket, through every reader form", async () => {
    expect(await rowsAs("SELECT * FROM read_csv('s3://raw/data/rows.csv') ORDER BY id", "viewer")).toEqual([
      [1, "alpha"],
      [2, "beta"],
    ]);
    expect(await rowsAs("SELECT count(*)::INT FROM 's3://archive/data/rows.csv'", "viewer")).toEqual([[2]]);
    expect(await rowsAs("SELECT count(*)::INT FROM read_csv(['s3://raw/data/rows.csv', 's3://archive/data/rows.csv'])", "viewer")).toEqual([[4]]);
    expect(await rowsAs("SELECT count(*)::INT FROM read_csv('s3://raw/data/*.csv')", "viewer")).toEqual([[2]]);
    expect(await rowsAs(`SELECT name FROM read_csv(E's3://raw/data/rows.csv') /* 's3://raw/x' */ WHERE id = 2`, "viewer")).toEqual([["beta"]]);
    expect(await rowsAs("SELECT count(*)::INT FROM read_csv('s3://curated/data/rows.csv')", "editor")).toEqual([[2]]);
  });

  it("keeps the same text where it is a value, not a file", async () => {
    expect(await rowsAs("SELECT 's3://raw/data/rows.csv' AS source, name FROM read_csv('s3://raw/data/rows.csv') ORDER BY id LIMIT 1", "viewer")).toEqual([
      ["s3://raw/data/rows.csv", "alpha"],
    ]);
  });

  it("resolves it in EXPLAIN and in an editor's CREATE VIEW, which then reads the lake file", async () => {
    expect(await refusal("EXPLAIN SELECT * FROM read_csv('s3://raw/data/rows.csv')", "viewer")).toBe("allowed");
    expect(await runAs("CREATE VIEW raw_rows AS SELECT * FROM read_csv('s3://raw/data/rows.csv')", "editor")).toBe("ran");
    expect(await rowsAs("SELECT count(*)::INT FROM raw_rows", "viewer")).toEqual([[2]]);
    expect(await runAs("DROP VIEW raw_rows", "editor")).toBe("ran");
  });

  it.each([
    ["s3://raw/../../pgdata/secret.txt", /may not contain "\." or "\.\." segments/],
    ["s3://raw/data/../../vault/data/rows.csv", /may not contain "\." or "\.\." segments/],
    ["s3://raw/./data/rows.csv", /may not contain "\." or "\.\." segments/],
    ["s3://../pgdata/secret.txt", /needs its bucket/],
    ["s3:///etc/passwd", /needs its bucket/],
    ["s3://raw/pg/secret.txt", /outside the lake's buckets/],
    ["s3://raw/secret.csv", /outside the lake's buckets/],
    ["s3://raw/to-vault/data/rows.csv", /outside the lake's buckets/],
    ["s3://vault/data/rows.csv", /Your role \(viewer\) may not read files in bucket "vault"/],
    ["s3://curated/data/rows.csv", /Your role \(viewer\) may not read files in bucket "curated"/],
    ["s3://secret/data/rows.csv", /outside the lake's buckets/],
    ["s3://ra*/data/rows.csv", /without wildcards/],
    ["s3://raw\\..\\vault/data/rows.csv", /outside the lake's buckets/],
  ])("%s is refused for a viewer, and nothing is read", async (url, message) => {
    expect(await runAs(`SELECT * FROM read_text('${url}')`, "viewer")).toMatch(message);
    expect(await refusal(`SELECT * FROM '${url}'`, "viewer")).toMatch(message);
  });

  it("refuses writing to a bucket the role may not write, named by its s3:// name", async () => {
    expect(await refusal("COPY (SELECT 1 AS x) TO 's3://archive/out.csv'", "editor")).toMatch(/may not write files in bucket "archive"/);
    expect(await refusal("COPY (SELECT 1 AS x) TO 's3://raw/../vault/out.csv'", "admin")).toMatch(/may not contain "\." or "\.\." segments/);
  });
});

describe("the network and extensions are out of reach", () => {
  it.each([
    "SELECT * FROM read_text('http://127.0.0.1:5432/')",
    "SELECT * FROM read_csv('https://example.com/data.csv')",
    "SELECT * FROM read_parquet('gs://raw/flights/flights-3m.parquet')",
    "SELECT * FROM read_json('hf://datasets/x/y.json')",
    "SELECT * FROM 'http://169.254.169.254/latest/meta-data/iam.csv'",
  ])("%s", async (sql) => {
    expect(await refusal(sql, "admin")).toMatch(/reads no URLs \(no network access from SQL\)/);
  });

  it.each([
    ["INSTALL httpfs", /INSTALL is not allowed: extensions cannot be installed/],
    ["FORCE INSTALL httpfs", /FORCE is not allowed/],
    ["LOAD httpfs", /LOAD is not allowed/],
    ["UPDATE EXTENSIONS", /UPDATE EXTENSIONS is not allowed: extensions cannot be updated/],
  ])("%s is refused for an admin", async (sql, message) => {
    expect(await refusal(sql, "admin")).toMatch(message);
  });
});

describe("nothing a user runs changes the shared instance", () => {
  it.each([
    ["SET threads = 1", /SET is not allowed: it changes the shared engine's settings/],
    ["SET GLOBAL memory_limit = '100GB'", /SET is not allowed/],
    ["SET enable_external_access = true", /SET is not allowed/],
    ["SET lock_configuration = false", /SET is not allowed/],
    ["SET VARIABLE p = '/etc/passwd'", /SET is not allowed/],
    ["RESET threads", /RESET is not allowed/],
    ["PRAGMA threads = 1", /PRAGMA is not allowed/],
    ["PRAGMA enable_profiling", /PRAGMA is not allowed/],
    ["ATTACH '/tmp/evil.db' AS evil", /ATTACH is not allowed/],
    ["ATTACH ':memory:' AS m", /ATTACH is not allowed/],
    ["DETACH lakehouse", /DETACH is not allowed/],
    ["USE memory", /USE is not allowed/],
    ["EXPORT DATABASE '/tmp/sandbox-export'", /EXPORT is not allowed/],
    ["IMPORT DATABASE '/tmp/sandbox-export'", /IMPORT is not allowed/],
    ["CALL enable_logging()", /CALL is not allowed/],
    ["BEGIN TRANSACTION", /BEGIN is not allowed/],
    ["CREATE SECRET s (TYPE s3, KEY_ID 'a', SECRET 'b')", /CREATE SECRET is not allowed/],
    ["CREATE PERSISTENT SECRET s (TYPE s3, KEY_ID 'a', SECRET 'b')", /CREATE SECRET is not allowed/],
    ["DROP SECRET s", /DROP SECRET is not allowed/],
    ["PREPARE p AS SELECT 1", /PREPARE is not allowed/],
    ["COPY FROM DATABASE lakehouse TO memory", /COPY FROM DATABASE is not allowed/],
  ])("%s is refused for an admin", async (sql, message) => {
    expect(await refusal(sql, "admin")).toMatch(message);
  });

  it.each([
    "SELECT * FROM checkpoint()",
    "SELECT * FROM force_checkpoint()",
    "SELECT * FROM enable_profiling()",
    "SELECT * FROM enable_logging()",
    "SELECT * FROM enable_peg_parser()",
    "SELECT * FROM query('SELECT * FROM read_text(''/etc/passwd'')')",
    "SELECT * FROM query_table('t')",
    "SELECT * FROM duckdb_settings()",
    "SELECT * FROM duckdb_databases()",
    "SELECT * FROM duckdb_temporary_files()",
    "SELECT * FROM duckdb_secrets()",
    "SELECT * FROM duckdb_extensions()",
    "SELECT * FROM read_duckdb('/tmp/x.duckdb')",
    "SELECT * FROM system.main.duckdb_settings()",
  ])("the table function in %s is refused for every role", async (sql) => {
    for (const role of ["viewer", "admin"] as const) expect(await refusal(sql, role)).toMatch(/table function .* is not available/);
  });

  it.each([
    ["SELECT current_setting('allowed_directories')", /current_setting\(\) is not available/],
    ["SELECT write_log('x')", /write_log\(\) is not available/],
  ])("%s is refused", async (sql, message) => {
    expect(await refusal(sql, "admin")).toMatch(message);
  });

  it("PIVOT without its values is refused (DuckDB expands it into statements of its own)", async () => {
    expect(await refusal("PIVOT t ON name USING count(*)", "viewer")).toMatch(/DuckDB reads this text as 2 statements.*PIVOT needs its values listed/);
    expect(await refusal("PIVOT t ON name IN ('x') USING count(*)", "viewer")).toBe("allowed");
  });

  it("viewers may not advance sequences or checkpoint; editors may", async () => {
    expect(await refusal("SELECT nextval('seq')", "viewer")).toMatch(/viewers may not call nextval\(\)/);
    expect(await refusal("CHECKPOINT", "viewer")).toMatch(/Viewers may run read-only statements only.*CHECKPOINT/);
    expect(await refusal("SELECT nextval('seq')", "editor")).toBe("allowed");
    expect(await refusal("CHECKPOINT", "editor")).toBe("allowed");
  });

  it("stacked statements are refused, however they are hidden", async () => {
    for (const sql of ["SELECT 1; SET threads = 1", "SELECT 1; -- x\n SET threads = 1", "SELECT E'\\''; SET threads = 1; --'", "SELECT 1 /* ; */; ATTACH ':memory:' AS m"]) {
      expect(await refusal(sql, "admin")).toMatch(/DuckDB reads this text as \d statements; run one at a time/);
    }
  });
});

describe("a user reads only the buckets their role may read", () => {
  it.each([
    ["viewer", "raw", "allowed"],
    ["viewer", "archive", "allowed"],
    ["viewer", "curated", `Your role (viewer) may not read files in bucket "curated": {lake}/curated/data/rows.csv`],
    ["viewer", "vault", `Your role (viewer) may not read files in bucket "vault": {lake}/vault/data/rows.csv`],
    ["viewer", "secret", `Reading files outside the lake's buckets is not allowed: {lake}/secret/data/rows.csv`],
    ["editor", "curated", "allowed"],
    ["editor", "vault", `Your role (editor) may not read files in bucket "vault": {lake}/vault/data/rows.csv`],
    ["editor", "secret", `Reading files outside the lake's buckets is not allowed: {lake}/secret/data/rows.csv`],
    ["admin", "vault", "allowed"],
    ["admin", "secret", `Reading files outside the lake's buckets is not allowed: {lake}/secret/data/rows.csv`],
  ] as const)("%s reading bucket %s: %s", async (role, bucket, expected) => {
    expect(await refusal(`SELECT * FROM read_csv('${at(bucket)}')`, role)).toBe(expected.replace("{lake}", lake));
  });

  it("a link inside a readable bucket to a bucket the role may not read is refused", async () => {
    expect(await refusal(`SELECT * FROM read_csv('${lake}/raw/to-vault/data/rows.csv')`, "viewer")).toMatch(/not allowed/);
  });

  it("an editor's INSERT, CREATE TABLE AS and UPDATE … FROM are held to the same rules", async () => {
    expect(await refusal(`INSERT INTO t SELECT 3, content FROM read_text('${at("vault")}')`, "editor")).toMatch(/may not read files in bucket "vault"/);
    expect(await refusal(`CREATE TABLE stolen AS SELECT * FROM read_csv('${root}/pgdata/secret.txt')`, "editor")).toMatch(/outside the lake's buckets/);
    expect(await refusal(`CREATE VIEW v AS FROM '${at("vault")}'`, "editor")).toMatch(/may not read files in bucket "vault"/);
    expect(await refusal(`UPDATE t SET name = s.name FROM '${at("vault")}' s WHERE t.id = s.id`, "editor")).toMatch(/bucket "vault"/);
    expect(await refusal(`DELETE FROM t USING read_csv('${at("vault")}') s WHERE t.id = s.id`, "editor")).toMatch(/bucket "vault"/);
    expect(await refusal(`INSERT INTO t SELECT * FROM t, '${at("vault")}'`, "editor")).toMatch(/bucket "vault"/);
    expect(await refusal(`COPY t FROM '${at("vault")}'`, "editor")).toMatch(/bucket "vault"/);
    expect(await refusal(`CREATE MACRO m(p) AS TABLE SELECT * FROM read_text(p)`, "editor")).toMatch(/string literal/);
    expect(await refusal(`CREATE TABLE x AS SELECT * FROM query('SELECT 1')`, "editor")).toMatch(/query\(\) is not available/);
    expect(await refusal(`INSERT INTO t SELECT 1, current_setting('temp_directory')`, "editor")).toMatch(/current_setting/);
    expect(await refusal(`INSERT INTO t VALUES (5, 'https://example.com/a.csv')`, "editor")).toBe("allowed");
  });
});

describe("a user writes only where their role may write", () => {
  it.each([
    ["viewer", `COPY t TO '{lake}/raw/out.csv'`, /Viewers may run read-only statements only.*COPY/],
    ["editor", `COPY t TO '{lake}/archive/out.csv'`, /Your role \(editor\) may not write files in bucket "archive"/],
    ["editor", `COPY t TO '{lake}/vault/out.csv'`, /may not read|may not write/],
    ["editor", `COPY t TO '{root}/pgdata/out.csv'`, /outside the lake's buckets/],
    ["editor", `COPY t TO '/tmp/out.csv'`, /outside the lake's buckets/],
    ["editor", `COPY (SELECT * FROM read_csv('{lake}/vault/data/rows.csv')) TO '{lake}/raw/copy.csv'`, /bucket "vault"/],
    ["editor", `COPY t TO '{lake}/raw/p' (FORMAT csv, PARTITION_BY (id), FILENAME_PATTERN '../../archive/x')`, /FILENAME_PATTERN must be a plain file name/],
    ["editor", `COPY t TO '{lake}/raw/../archive/out.csv'`, /bucket "archive"/],
    ["editor", "COPY t TO getvariable('p')", /syntax error/],
    ["admin", `COPY t TO '{lake}/secret/out.csv'`, /outside the lake's buckets/],
    ["admin", `COPY t TO '{lake}/raw/pg/out.csv'`, /outside the lake's buckets/],
  ] as const)("%s: %s", async (role, template, message) => {
    const sql = template.replaceAll("{lake}", lake).replaceAll("{root}", root);
    expect(await refusal(sql, role)).toMatch(message);
    expect(await runAs(sql, role)).toMatch(message);
  });

  it("a viewer's DDL and DML are refused before anything is prepared", async () => {
    for (const sql of ["CREATE TABLE v1 (a INT)", "INSERT INTO t VALUES (9, 'v')", "DROP TABLE t", "UPDATE t SET name = 'v'", "ALTER TABLE t ADD COLUMN c INT"]) {
      expect(await refusal(sql, "viewer")).toMatch(/Viewers may run read-only statements only/);
    }
  });
});

describe("what keeps working", () => {
  it("reading a readable bucket's file, with the demo's own forms", async () => {
    expect(await runAs(`SELECT * FROM read_csv('${at("raw")}', header = true)`, "viewer")).toBe("ran");
    expect(await runAs(`SELECT * FROM '${at("raw")}'`, "viewer")).toBe("ran");
    expect(await runAs(`SELECT count(*) FROM glob('${lake}/raw/**/*.csv')`, "viewer")).toBe("ran");
    expect(await runAs("SELECT * FROM range(3)", "viewer")).toBe("ran");
    expect(await runAs("SHOW TABLES", "viewer")).toBe("ran");
    expect(await runAs("EXPLAIN SELECT * FROM t", "viewer")).toBe("ran");
    expect(await runAs("SELECT * FROM duckdb_tables()", "viewer")).toBe("ran");
  });

  it("an editor writes a CSV into a bucket they may write, and reads it back", async () => {
    const target = `${lake}/raw/exports/t.csv`;
    mkdirSync(path.dirname(target), { recursive: true });
    expect(await runAs(`COPY t TO '${target}' (HEADER)`, "editor")).toBe("ran");
    expect(existsSync(target)).toBe(true);
    expect(await runAs(`SELECT * FROM read_csv('${target}')`, "viewer")).toBe("ran");
    rmSync(path.dirname(target), { recursive: true });
  });

  it("an editor's table macro is callable by a viewer (its body was checked when it was made)", async () => {
    expect(await runAs("CREATE OR REPLACE MACRO small_ids() AS TABLE SELECT id FROM t", "editor")).toBe("ran");
    expect(await runAs("SELECT * FROM small_ids()", "viewer")).toBe("ran");
    expect(await runAs("DROP MACRO TABLE small_ids", "editor")).toBe("ran");
    expect(await refusal("SELECT * FROM small_ids()", "viewer")).toMatch(/table function small_ids\(\) is not available/);
  });

  it("a refused EXPORT DATABASE creates no folder, even inside a bucket", async () => {
    const target = `${lake}/raw/exported`;
    expect(await refusal(`EXPORT DATABASE '${target}'`, "admin")).toMatch(/EXPORT is not allowed/);
    expect(existsSync(target)).toBe(false);
  });

  it("execute() refuses on its own, with the same message, when no role is given (a viewer's rights)", async () => {
    await expect(collect(engine.execute({ sql: "CREATE TABLE z (a INT)", limit: null, user: "x" }))).rejects.toMatchObject({ kind: "user", details: { errorName: "REFUSED" } });
  });
});

describe("limits", () => {
  it("a statement past its time limit is stopped, with the limit in the message", async () => {
    const sql = "SELECT count(*) FROM range(100000) a, range(100000) b, range(1000) c";
    await expect(collect(engine.execute({ sql, limit: null, user: "u", role: "viewer", timeLimitSeconds: 1 }))).rejects.toMatchObject({
      kind: "user",
      message: "The query ran longer than its time limit of 1 s and was stopped.",
      details: { errorName: "TIME_LIMIT" },
    });
  });

  it("the memory limit is the one configured, and locked", async () => {
    const conn = await engine.connect();
    try {
      const limit = await conn.runAndReadAll("SELECT current_setting('memory_limit')");
      expect(String(limit.getRows()[0]![0])).toMatch(/953\.6 MiB|1\.0 GiB|1000\.0 MiB/);
      await expect(conn.run("SET memory_limit = '100GB'")).rejects.toThrow(/configuration has been locked/);
    } finally {
      conn.disconnectSync();
    }
  });
});

describe("after every hostile statement above", () => {
  it("no file in the data folder was written, created or removed, and no setting or database changed", async () => {
    expect(snapshot(root)).toEqual(before.files);
    expect(await settingsSnapshot()).toBe(before.settings);
  });
});
