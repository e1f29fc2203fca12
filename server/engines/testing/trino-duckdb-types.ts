// DuckDB → Trino type names and JSON value encoding for the Trino protocol test server
// (see trino-protocol-server.ts). Trino's direct protocol sends each row as a JSON array of
// values in column order (/work/shared/trino/protocol.md §1.4, §2 "Column"); this module writes
// the same JSON text Trino writes, including what JSON.stringify cannot:
// - bigint values as bare JSON numbers with every digit (9007199254740993 stays exact on the
//   wire; the client has to cope, as it must with a real coordinator);
// - decimal, date, time, timestamp, uuid and varbinary (base64) as strings; NaN/Infinity as
//   the strings "NaN"/"Infinity"; ROW values as positional arrays; MAP values as objects.
// Datetimes follow X-Trino-Client-Capabilities: a client that declares PARAMETRIC_DATETIME gets
// `timestamp(6)`, `time(6) with time zone`, … with every fraction digit; any other client gets the
// legacy names `timestamp`, `time`, `timestamp with time zone`, `time with time zone` and values
// rounded to milliseconds, as Trino does (ProtocolUtil.createColumn, JsonEncodingUtils in
// trinodb/trino).
// Types with no Trino counterpart are mapped to the nearest one: HUGEINT/UBIGINT → decimal,
// unsigned integers → the next wider signed type, ENUM → varchar, anything exotic → varchar text.
import {
  DuckDBArrayType,
  DuckDBArrayValue,
  DuckDBBlobValue,
  DuckDBDecimalType,
  DuckDBDecimalValue,
  DuckDBListType,
  DuckDBListValue,
  DuckDBMapType,
  DuckDBMapValue,
  DuckDBStructType,
  DuckDBStructValue,
  DuckDBTimestampMillisecondsValue,
  DuckDBTimestampNanosecondsValue,
  DuckDBTimestampSecondsValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBTimeValue,
  DuckDBTypeId,
  type DuckDBType,
  type DuckDBValue,
} from "@duckdb/node-api";

/** `typeSignature` as Trino ≥ 321 sends it (protocol.md §2 "Column"). */
export type TrinoTypeSignature = {
  rawType: string;
  arguments: (
    | { kind: "LONG"; value: number }
    | { kind: "TYPE"; value: TrinoTypeSignature }
    | { kind: "NAMED_TYPE"; value: { fieldName: { name: string }; typeSignature: TrinoTypeSignature } }
  )[];
};

export type TrinoColumn = { name: string; type: string; typeSignature: TrinoTypeSignature };

const UNBOUNDED_VARCHAR = 2_147_483_647;

function simple(rawType: string): { type: string; typeSignature: TrinoTypeSignature } {
  return { type: rawType, typeSignature: { rawType, arguments: [] } };
}

function withPrecision(rawType: string, precision: number, suffix = ""): { type: string; typeSignature: TrinoTypeSignature } {
  return { type: `${rawType}(${precision})${suffix}`, typeSignature: { rawType: rawType + suffix, arguments: [{ kind: "LONG", value: precision }] } };
}

function decimal(precision: number, scale: number): { type: string; typeSignature: TrinoTypeSignature } {
  return {
    type: `decimal(${precision},${scale})`,
    typeSignature: {
      rawType: "decimal",
      arguments: [
        { kind: "LONG", value: precision },
        { kind: "LONG", value: scale },
      ],
    },
  };
}

/** What the client declared in X-Trino-Client-Capabilities that changes the encoding. */
export type ClientCapabilities = { parametricDatetime: boolean };

const PARAMETRIC: ClientCapabilities = { parametricDatetime: true };

/** Trino's name and signature for a DuckDB column type. */
export function trinoType(type: DuckDBType, client: ClientCapabilities = PARAMETRIC): { type: string; typeSignature: TrinoTypeSignature } {
  const datetime = (rawType: string, precision: number, suffix = "") => (client.parametricDatetime ? withPrecision(rawType, precision, suffix) : simple(rawType + suffix));
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return simple("boolean");
    case DuckDBTypeId.TINYINT:
      return simple("tinyint");
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.UTINYINT:
      return simple("smallint");
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.USMALLINT:
      return simple("integer");
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UINTEGER:
      return simple("bigint");
    case DuckDBTypeId.UBIGINT:
      return decimal(20, 0);
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
      return decimal(38, 0);
    case DuckDBTypeId.FLOAT:
      return simple("real");
    case DuckDBTypeId.DOUBLE:
      return simple("double");
    case DuckDBTypeId.DECIMAL: {
      const t = type as DuckDBDecimalType;
      return decimal(t.width, t.scale);
    }
    case DuckDBTypeId.VARCHAR:
      if (type.alias?.toUpperCase() === "JSON") return simple("json");
      return { type: "varchar", typeSignature: { rawType: "varchar", arguments: [{ kind: "LONG", value: UNBOUNDED_VARCHAR }] } };
    case DuckDBTypeId.ENUM:
      return { type: "varchar", typeSignature: { rawType: "varchar", arguments: [{ kind: "LONG", value: UNBOUNDED_VARCHAR }] } };
    case DuckDBTypeId.BLOB:
      return simple("varbinary");
    case DuckDBTypeId.UUID:
      return simple("uuid");
    case DuckDBTypeId.DATE:
      return simple("date");
    case DuckDBTypeId.TIME:
      return datetime("time", 6);
    case DuckDBTypeId.TIME_TZ:
      return datetime("time", 6, " with time zone");
    case DuckDBTypeId.TIMESTAMP:
      return datetime("timestamp", 6);
    case DuckDBTypeId.TIMESTAMP_S:
      return datetime("timestamp", 0);
    case DuckDBTypeId.TIMESTAMP_MS:
      return datetime("timestamp", 3);
    case DuckDBTypeId.TIMESTAMP_NS:
      return datetime("timestamp", 9);
    case DuckDBTypeId.TIMESTAMP_TZ:
      return datetime("timestamp", 6, " with time zone");
    case DuckDBTypeId.INTERVAL:
      return simple("interval day to second");
    case DuckDBTypeId.SQLNULL:
      return simple("unknown");
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY: {
      const element = trinoType((type as DuckDBListType | DuckDBArrayType).valueType, client);
      return { type: `array(${element.type})`, typeSignature: { rawType: "array", arguments: [{ kind: "TYPE", value: element.typeSignature }] } };
    }
    case DuckDBTypeId.MAP: {
      const t = type as DuckDBMapType;
      const key = trinoType(t.keyType, client);
      const value = trinoType(t.valueType, client);
      return {
        type: `map(${key.type}, ${value.type})`,
        typeSignature: {
          rawType: "map",
          arguments: [
            { kind: "TYPE", value: key.typeSignature },
            { kind: "TYPE", value: value.typeSignature },
          ],
        },
      };
    }
    case DuckDBTypeId.STRUCT: {
      const t = type as DuckDBStructType;
      const fields = t.entryNames.map((name, i) => ({ name, ...trinoType(t.entryTypes[i]!, client) }));
      return {
        type: `row(${fields.map((f) => `${/^[a-z_][a-z0-9_]*$/.test(f.name) ? f.name : `"${f.name.replace(/"/g, '""')}"`} ${f.type}`).join(", ")})`,
        typeSignature: {
          rawType: "row",
          arguments: fields.map((f) => ({ kind: "NAMED_TYPE" as const, value: { fieldName: { name: f.name }, typeSignature: f.typeSignature } })),
        },
      };
    }
    default:
      return { type: "varchar", typeSignature: { rawType: "varchar", arguments: [{ kind: "LONG", value: UNBOUNDED_VARCHAR }] } };
  }
}

export function trinoColumn(name: string, type: DuckDBType, client: ClientCapabilities = PARAMETRIC): TrinoColumn {
  return { name, ...trinoType(type, client) };
}

/** Floor division (bigint `/` truncates towards zero, wrong for instants before 1970). */
const floorDiv = (a: bigint, b: bigint) => a / b - (a % b !== 0n && a < 0n !== b < 0n ? 1n : 0n);

/** Microseconds rounded half up to whole milliseconds (Trino's legacy precision 3). */
const toMillis = (micros: bigint) => floorDiv(micros + 500n, 1000n) * 1000n;

const pad = (n: number | bigint, width: number) => String(n).padStart(width, "0");

/** "YYYY-MM-DD HH:MM:SS.fff…" (Trino's timestamp(p) text) from microseconds since the epoch. */
function formatTimestamp(micros: bigint, digits: number): string {
  const perDay = 86_400_000_000n;
  let days = micros / perDay;
  let rest = micros % perDay;
  if (rest < 0n) {
    rest += perDay;
    days -= 1n;
  }
  const date = new Date(Number(days) * 86_400_000).toISOString().slice(0, 10);
  return `${date} ${formatTimeOfDay(rest, digits)}`;
}

function formatTimeOfDay(micros: bigint, digits: number): string {
  const seconds = micros / 1_000_000n;
  const fraction = pad(micros % 1_000_000n, 6)
    .padEnd(9, "0")
    .slice(0, digits);
  const text = `${pad(seconds / 3600n, 2)}:${pad((seconds / 60n) % 60n, 2)}:${pad(seconds % 60n, 2)}`;
  return digits > 0 ? `${text}.${fraction}` : text;
}

/** The JSON text Trino would send for one value of the given column type. */
export function encodeValue(value: DuckDBValue, type: DuckDBType, client: ClientCapabilities = PARAMETRIC): string {
  if (value === null || value === undefined) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      // HUGEINT/UBIGINT are decimals on the Trino side (strings); BIGINT is a bare JSON number.
      return type.typeId === DuckDBTypeId.BIGINT || type.typeId === DuckDBTypeId.UINTEGER ? value.toString() : JSON.stringify(value.toString());
    case "number":
      if (Number.isFinite(value)) return JSON.stringify(value);
      return JSON.stringify(Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
    case "string":
      return JSON.stringify(value);
    default:
      break;
  }
  if (value instanceof DuckDBDecimalValue) return JSON.stringify(value.toString());
  if (value instanceof DuckDBBlobValue) return JSON.stringify(Buffer.from(value.bytes).toString("base64"));
  const legacy = !client.parametricDatetime;
  const stamp = (micros: bigint, digits: number) => (legacy ? formatTimestamp(toMillis(micros), 3) : formatTimestamp(micros, digits));
  if (value instanceof DuckDBTimestampTZValue) return JSON.stringify(value.isFinite ? `${stamp(value.micros, 6)} UTC` : value.toString());
  if (value instanceof DuckDBTimestampValue) return JSON.stringify(value.isFinite ? stamp(value.micros, 6) : value.toString());
  if (value instanceof DuckDBTimestampSecondsValue) return JSON.stringify(value.isFinite ? stamp(value.seconds * 1_000_000n, 0) : value.toString());
  if (value instanceof DuckDBTimestampMillisecondsValue) return JSON.stringify(value.isFinite ? stamp(value.millis * 1_000n, 3) : value.toString());
  if (value instanceof DuckDBTimestampNanosecondsValue) {
    if (!value.isFinite) return JSON.stringify(value.toString());
    const micros = floorDiv(value.nanos, 1000n);
    return JSON.stringify(legacy ? formatTimestamp(toMillis(micros), 3) : `${formatTimestamp(micros, 6)}${pad(value.nanos - micros * 1000n, 3)}`);
  }
  if (value instanceof DuckDBTimeValue) return JSON.stringify(legacy ? formatTimeOfDay(toMillis(value.micros), 3) : formatTimeOfDay(value.micros, 6));
  if (value instanceof DuckDBListValue || value instanceof DuckDBArrayValue) {
    const element = (type as DuckDBListType | DuckDBArrayType).valueType;
    return `[${value.items.map((item) => encodeValue(item, element, client)).join(",")}]`;
  }
  if (value instanceof DuckDBMapValue) {
    const t = type as DuckDBMapType;
    return `{${value.entries.map((e) => `${JSON.stringify(String(e.key))}:${encodeValue(e.value, t.valueType, client)}`).join(",")}}`;
  }
  if (value instanceof DuckDBStructValue) {
    const t = type as DuckDBStructType;
    return `[${t.entryNames.map((name, i) => encodeValue(value.entries[name] ?? null, t.entryTypes[i]!, client)).join(",")}]`;
  }
  // date, uuid, interval, time with time zone, …: their SQL text.
  return JSON.stringify(String(value));
}
