#!/bin/sh
# First start of the reference stack's PostgreSQL (docker-entrypoint-initdb.d): one database and
# owner for the portal's metadata (the portal migrates it itself) and one for Trino's Iceberg JDBC
# catalog, whose two tables Trino expects to exist.
set -eu
psql -v ON_ERROR_STOP=1 --username postgres \
  -v portal_password="$POSTGRES_PORTAL_PASSWORD" -v iceberg_password="$POSTGRES_ICEBERG_PASSWORD" <<'SQL'
CREATE ROLE portal LOGIN PASSWORD :'portal_password';
CREATE DATABASE portal OWNER portal;
CREATE ROLE iceberg LOGIN PASSWORD :'iceberg_password';
CREATE DATABASE iceberg OWNER iceberg;
\connect iceberg iceberg
CREATE TABLE iceberg_namespace_properties (
  catalog_name varchar(255) NOT NULL,
  namespace varchar(255) NOT NULL,
  property_key varchar(255),
  property_value varchar(1000),
  PRIMARY KEY (catalog_name, namespace, property_key)
);
CREATE TABLE iceberg_tables (
  catalog_name varchar(255) NOT NULL,
  table_namespace varchar(255) NOT NULL,
  table_name varchar(255) NOT NULL,
  metadata_location varchar(1000),
  previous_metadata_location varchar(1000),
  iceberg_type varchar(5),
  PRIMARY KEY (catalog_name, table_namespace, table_name)
);
SQL
