"""The trading system's pipeline, standing in as an external writer: plain sqlite3, plain INSERTs.

Usage: pipeline_writer.py DB ACK_FILE STOP_FILE MIN_ROWS MAX_SECONDS
Inserts scorecards and drift samples in small transactions, pausing a few milliseconds between them as a pipeline
that writes batches as they arrive (a writer that never lets go of the lock starves every other process), until it has inserted MIN_ROWS rows and STOP_FILE exists
(the Java workers are done), or MAX_SECONDS pass. After each COMMIT it appends "<table> <first_id> <last_id>" to
ACK_FILE: rows the pipeline was told are stored. Prints one JSON summary line.
"""
import json
import os
import random
import sqlite3
import sys
import time

db, ack_path, stop_path, min_rows, max_seconds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
random.seed(7)
connection = sqlite3.connect(db, timeout=10, isolation_level=None)
started = time.monotonic()
rows = commits = retries = failures = 0
scorecard_rows = sample_rows = 0
with open(ack_path, "a", buffering=1) as ack:
    while True:
        if rows >= min_rows and os.path.exists(stop_path):
            break
        if time.monotonic() - started > max_seconds:
            break
        table = "scorecards" if random.random() < 0.5 else "drift_samples"
        batch = random.randint(20, 60)
        for attempt in range(1, 8):
            try:
                connection.execute("BEGIN IMMEDIATE")
                models = [r[0] for r in connection.execute("SELECT model_id FROM model_registry ORDER BY random() LIMIT 4")]
                ids = []
                for _ in range(batch):
                    model = random.choice(models) if models else "unknown"
                    if table == "scorecards":
                        cursor = connection.execute(
                            "INSERT INTO scorecards (model_id, pack_id, metric, value, source) VALUES (?, 'bench_load', ?, ?, 'pipeline')",
                            (model, random.choice(["sharpe", "max_drawdown", "error_rate"]), random.random()))
                    else:
                        cursor = connection.execute(
                            "INSERT INTO drift_samples (model_id, feature, role, value) VALUES (?, ?, ?, ?)",
                            (model, random.choice(["spread", "volume", "vol_20d"]), random.choice(["REFERENCE", "CURRENT"]), random.gauss(0, 1)))
                    ids.append(cursor.lastrowid)
                connection.execute("COMMIT")
                ack.write("%s %d %d\n" % (table, min(ids), max(ids)))
                commits += 1
                rows += batch
                if table == "scorecards":
                    scorecard_rows += batch
                else:
                    sample_rows += batch
                time.sleep(0.005)
                break
            except sqlite3.OperationalError as error:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                if "locked" not in str(error) and "busy" not in str(error):
                    failures += 1
                    print("pipeline error: %s" % error, file=sys.stderr)
                    break
                retries += 1
                time.sleep(0.01 * attempt)
        else:
            failures += 1
print(json.dumps({"rows": rows, "scorecards": scorecard_rows, "drift_samples": sample_rows, "commits": commits,
                  "retries": retries, "failures": failures, "seconds": round(time.monotonic() - started, 1)}))
