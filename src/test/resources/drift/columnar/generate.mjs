// Writes the Parquet golden files of ParquetSamplesTest with two writers that are not this project's reader:
// DuckDB (its own C++ writer: data page v1, dictionary pages for low-cardinality columns) and arrow-rs through
// parquet-wasm (data page v2, and once v1), plus the same rows as CSV from DuckDB and one Arrow IPC file from apache-arrow.
// Run once, from this folder: npm ci && node generate.mjs  (versions pinned in package.json). The outputs are committed.
import { DuckDBInstance } from '@duckdb/node-api';
import * as arrow from 'apache-arrow';
import * as parquet from 'parquet-wasm';
import { writeFileSync } from 'node:fs';

const db = await DuckDBInstance.create(':memory:');
const sql = await db.connect();
// One thread so that row groups are cut the same way on every run.
await sql.run('SET threads = 1');

// price: distinct doubles (plain encoding); volume: 12 values (dictionary); spread: nulls, NaN and both infinities.
const rows = (n, shift) => `SELECT
    ((i * 7919) % 10007)::DOUBLE / 97.0 + ${shift} AS price,
    ((i * 31) % 12)::DOUBLE * 250 AS volume,
    CASE WHEN i % 97 = 0 THEN NULL
         WHEN i % 211 = 0 THEN 'NaN'::DOUBLE
         WHEN i % 307 = 0 THEN 'Infinity'::DOUBLE
         WHEN i % 401 = 0 THEN '-Infinity'::DOUBLE
         ELSE ((i * 104729) % 1009)::DOUBLE / 1009.0 * ${1 + shift / 10} END AS spread
  FROM range(${n}) t(i)`;

const reference = rows(5000, 0);
const current = rows(4000, 3);
const copy = (query, file, options) => sql.run(`COPY (${query}) TO '${file}' (${options})`);
await copy(reference, 'reference.csv', 'FORMAT csv, HEADER true');
await copy(current, 'current.csv', 'FORMAT csv, HEADER true');
// Row groups of 2 048 rows: three in the reference, two in the current file.
await copy(reference, 'reference.zstd.parquet', 'FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 2048');
for (const codec of ['snappy', 'gzip', 'uncompressed']) {
  await copy(current, `current.${codec}.parquet`, `FORMAT parquet, COMPRESSION ${codec}, ROW_GROUP_SIZE 2048`);
}
// Integer and float columns are read as doubles; the same values as the CSV's volume column.
await copy(`SELECT volume::INTEGER AS volume, volume::BIGINT AS volume64, volume::FLOAT AS volume32 FROM (${current})`,
  'integers.parquet', 'FORMAT parquet');
// What drift refuses, each by name.
await copy(`SELECT price, 'x' || price AS label FROM (${current}) LIMIT 10`, 'text-column.parquet', 'FORMAT parquet');
await copy(`SELECT price, TIMESTAMP '2026-01-01' + INTERVAL (i) SECOND AS observed_at FROM (SELECT *, row_number() OVER () AS i FROM (${current}) LIMIT 10)`,
  'timestamp-column.parquet', 'FORMAT parquet');
await copy(`SELECT price, [price, price] AS pair FROM (${current}) LIMIT 10`, 'nested-column.parquet', 'FORMAT parquet');
await copy(`SELECT price FROM (${current}) LIMIT 10`, 'brotli.parquet', 'FORMAT parquet, COMPRESSION brotli');
await copy(`SELECT price AS other, volume, spread FROM (${current}) LIMIT 10`, 'other-feature.parquet', 'FORMAT parquet');

// arrow-rs (parquet-wasm): data page v2, zstd, the current rows read back from DuckDB.
const result = await sql.runAndReadAll(current);
const columns = result.getColumnsObjectJS();
const table = arrow.tableFromArrays({
  price: Float64Array.from(columns.price),
  volume: Float64Array.from(columns.volume),
  spread: arrow.vectorFromArray(columns.spread, new arrow.Float64()),
});
const properties = new parquet.WriterPropertiesBuilder()
  .setCompression(parquet.Compression.ZSTD)
  .setWriterVersion(parquet.WriterVersion.V2)
  .setMaxRowGroupSize(1500)
  .build();
writeFileSync('current.arrow-rs.parquet',
  parquet.writeParquet(parquet.Table.fromIPCStream(arrow.tableToIPC(table, 'stream')), properties));
writeFileSync('current.arrow', arrow.tableToIPC(table.slice(0, 10), 'file'));
// arrow-rs again with data page v1 and snappy: required columns without definition levels, pages of at most 4 KB
// (several per column chunk), price without a dictionary (plain pages), spread as BYTE_STREAM_SPLIT (an encoding the
// direct decoder leaves to the library).
const v1 = new parquet.WriterPropertiesBuilder()
  .setCompression(parquet.Compression.SNAPPY)
  .setWriterVersion(parquet.WriterVersion.V1)
  .setMaxRowGroupSize(1500)
  .setDataPageSizeLimit(4096)
  .setColumnDictionaryEnabled('price', false)
  .setColumnDictionaryEnabled('spread', false)
  .setColumnEncoding('spread', parquet.Encoding.BYTE_STREAM_SPLIT)
  .build();
writeFileSync('current.arrow-rs-v1.parquet',
  parquet.writeParquet(parquet.Table.fromIPCStream(arrow.tableToIPC(table, 'stream')), v1));
console.log('written');
