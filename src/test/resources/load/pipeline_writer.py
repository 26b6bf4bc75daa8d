"""The trading system's pipeline, standing in as an external writer: plain sqlite3, plain INSERTs.

Usage: pipeline_writer.py DB ACK_FILE STOP_FILE MIN_ROWS MAX_SECONDS
Inserts scorecards and drift samples in small transactions, pausing a few milliseconds between them as a pipeline
that writes batches as they arrive (a writer that never lets go of the lock starves every other process), until it has inserted MIN_ROWS rows and STOP_FILE exists
(the Java workers are done), or MAX_SECONDS pass. A batch that finds the file busy is tried again until it is stored;
only an error that is not a busy lock, or MAX_SECONDS passing while a batch waits, counts as a failure. After each COMMIT it appends "<table> <first_id> <last_id>" to
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
longest_wait = 0.0
scorecard_rows = sample_rows = 0
with open(ack_path, "a", buffering=1) as ack:
    while True:
        if rows >= min_rows and os.path.exists(stop_path):
            break
        if time.monotonic() - started > max_seconds:
            break
        table = "scorecards" if random.random() < 0.5 else "drift_samples"
        batch = random.randint(20, 60)
        # A pipeline does not drop a batch because the file is busy: it tries again until it is stored or the run's
        # time is up. Each try waits up to sqlite3's timeout; the longest a batch waited is reported.
        asked = time.monotonic()
        attempt = 0
        while True:
            attempt += 1
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
                longest_wait = max(longest_wait, time.monotonic() - asked)
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
                if time.monotonic() - started > max_seconds:
                    failures += 1
                    print("pipeline gave up after %.1f s: %s" % (time.monotonic() - asked, error), file=sys.stderr)
                    break
                time.sleep(min(0.01 * attempt, 0.2))
print(json.dumps({"rows": rows, "scorecards": scorecard_rows, "drift_samples": sample_rows, "commits": commits,
                  "retries": retries, "failures": failures, "longest_wait_seconds": round(longest_wait, 1), "seconds": round(time.monotonic() - started, 1)}))
