# audit_verify_tamper.py REGISTRY VARIANT : tampers a copy of a registry the way bench/audit-verify-same.sh names
# (triggers dropped for the edit and put back after). Never run it on a registry you keep.
import sqlite3, sys, hashlib
db, variant = sys.argv[1], sys.argv[2]
c = sqlite3.connect(db)
trig = {n: s for n, s in c.execute("select name, sql from sqlite_master where type='trigger' and tbl_name in ('audit_log','audit_signatures','model_registry')")}
for n in trig: c.execute(f"drop trigger {n}")
def h(prev, seq, ts, actor, action, entity, payload):
    return hashlib.sha256("\n".join([prev, str(seq), ts, actor, action, entity, payload]).encode()).hexdigest()
last = c.execute("select max(seq) from audit_log").fetchone()[0]
if variant == "tail_edit":
    c.execute("update audit_log set payload_json = replace(payload_json, '\"', '''') where seq = ?", (last,))
elif variant == "middle_delete":
    c.execute("delete from audit_log where seq = ?", (last // 2,))
elif variant == "resigned_head":
    sig = c.execute("select signature from audit_signatures order by signature_id limit 1").fetchone()[0]
    c.execute("update audit_signatures set signature = ? where signature_id = (select max(signature_id) from audit_signatures)", (sig,))
elif variant == "resigned_head_other_signer":
    c.execute("update audit_signatures set signer = 'scale.analyst' where signature_id = (select max(signature_id) from audit_signatures)")
elif variant == "gap_insert":
    ts, actor, action, entity, payload, hsh = c.execute("select ts, actor, action, entity, payload_json, hash from audit_log where seq=?", (last,)).fetchone()
    c.execute("insert into audit_log values (?,?,?,?,?,?,?,?)", (last + 5, ts, actor, action, entity, payload, hsh, h(hsh, last + 5, ts, actor, action, entity, payload)))
elif variant == "chained_append":
    ts, actor, action, entity, payload, hsh = c.execute("select ts, actor, action, entity, payload_json, hash from audit_log where seq=?", (last,)).fetchone()
    c.execute("insert into audit_log values (?,?,?,?,?,?,?,?)", (last + 1, ts, actor, action, entity, payload, hsh, h(hsh, last + 1, ts, actor, action, entity, payload)))
elif variant == "front_insert":
    c.execute("insert into audit_log select 0, ts, actor, action, entity, payload_json, prev_hash, hash from audit_log where seq = 1")
elif variant == "prev_hash_edit":
    c.execute("update audit_log set prev_hash = ? where seq = ?", ("0" * 64, last // 3))
elif variant == "rehashed_middle":
    seq = last // 2
    prev, ts, actor, action, entity, payload = c.execute("select prev_hash, ts, actor, action, entity, payload_json from audit_log where seq=?", (seq,)).fetchone()
    payload = payload.replace("scale", "forge", 1) if "scale" in payload else payload + " "
    c.execute("update audit_log set payload_json = ?, hash = ? where seq = ?", (payload, h(prev, seq, ts, actor, action, entity, payload), seq))
elif variant == "rechained_tail":
    # rewrite the last 3 entries consistently (a correctly chained forgery after the last head)
    for seq in range(last - 2, last + 1):
        prev = c.execute("select hash from audit_log where seq=?", (seq - 1,)).fetchone()[0]
        ts, actor, action, entity, payload = c.execute("select ts, actor, action, entity, payload_json from audit_log where seq=?", (seq,)).fetchone()
        actor = "mallory"
        c.execute("update audit_log set actor=?, prev_hash=?, hash=? where seq=?", (actor, prev, h(prev, seq, ts, actor, action, entity, payload), seq))
elif variant == "head_hash_edit":
    c.execute("update audit_signatures set head_hash = ? where signature_id = 2", ("f" * 64,))
elif variant == "head_delete":
    c.execute("delete from audit_signatures where signature_id = 3")
elif variant == "head_off_log":
    c.execute("insert into audit_signatures (seq, head_hash, signer, signed_at, signature) select 999999, head_hash, signer, signed_at, signature from audit_signatures where signature_id = 1")
elif variant == "row_edit":
    c.execute("update model_registry set state = 'PRODUCTION' where rowid = (select min(rowid) from model_registry where state = 'STAGING' or state = 'DEV' or state = 'CANDIDATE')")
elif variant == "truncate_tail":
    c.execute("delete from audit_log where seq > ?", (last - 10,))
elif variant == "clean":
    pass
else:
    sys.exit("unknown variant " + variant)
c.commit()
for n, s in trig.items(): c.execute(s)
c.commit()
