// The one loader of node-sql-parser, shared by statement classification (classify.ts) and the
// catalog's usage scan (server/catalog/usage.ts). node-sql-parser is CommonJS: plain Node ESM
// (the launcher under tsx) sees only a default export, bundlers see named ones; take Parser from
// whichever shape arrived. One parser serves every dialect (the dialect is a per-call option).
import * as sqlParser from "node-sql-parser";

type ParserModule = { Parser: typeof sqlParser.Parser };
const { Parser } = ((sqlParser as unknown as { default?: ParserModule }).default ?? sqlParser) as ParserModule;

export const sqlParserInstance = new Parser();
