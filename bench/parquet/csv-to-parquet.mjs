// The drift benchmark's Parquet files, written by an outside writer (DuckDB) from the benchmark's CSV files:
// every column DOUBLE, snappy (the default of pyarrow and DuckDB), DuckDB's default row groups.
// node bench/parquet/csv-to-parquet.mjs IN.csv OUT.parquet   (after npm ci --prefix bench/parquet)
import { DuckDBInstance } from '@duckdb/node-api';

const [input, output] = process.argv.slice(2);
const quote = (path) => `'${path.replaceAll("'", "''")}'`;
const db = await DuckDBInstance.create(':memory:');
const sql = await db.connect();
await sql.run(`COPY (SELECT * FROM read_csv(${quote(input)}, header = true, auto_type_candidates = ['DOUBLE']))
  TO ${quote(output)} (FORMAT parquet, COMPRESSION snappy)`);
