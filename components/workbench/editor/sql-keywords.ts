// Keywords and common functions offered by autocomplete, shared by DuckDB and Trino.
export const SQL_KEYWORDS = [
  "SELECT", "DISTINCT", "FROM", "WHERE", "GROUP BY", "HAVING", "ORDER BY", "LIMIT", "OFFSET", "JOIN", "INNER JOIN",
  "LEFT JOIN", "RIGHT JOIN", "FULL JOIN", "CROSS JOIN", "ON", "USING", "AS", "AND", "OR", "NOT", "IN", "EXISTS",
  "BETWEEN", "LIKE", "ILIKE", "IS NULL", "IS NOT NULL", "CASE", "WHEN", "THEN", "ELSE", "END", "UNION", "UNION ALL",
  "INTERSECT", "EXCEPT", "WITH", "ASC", "DESC", "NULLS FIRST", "NULLS LAST", "INSERT INTO", "VALUES", "UPDATE", "SET",
  "DELETE FROM", "CREATE TABLE", "CREATE VIEW", "DROP TABLE", "ALTER TABLE", "SHOW TABLES", "SHOW SCHEMAS",
  "SHOW CATALOGS", "DESCRIBE", "EXPLAIN", "OVER", "PARTITION BY", "WINDOW", "QUALIFY", "CAST", "TRUE", "FALSE", "NULL",
];

export const SQL_FUNCTIONS = [
  "count", "sum", "avg", "min", "max", "round", "floor", "ceil", "abs", "coalesce", "nullif", "lower", "upper",
  "length", "substr", "trim", "concat", "replace", "date_trunc", "date_diff", "extract", "current_date",
  "current_timestamp", "row_number", "rank", "dense_rank", "lag", "lead", "approx_distinct", "percentile_cont",
  "regexp_like", "split_part", "strftime", "try_cast",
];
