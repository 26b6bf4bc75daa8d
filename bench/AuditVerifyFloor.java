import java.sql.*;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

/**
 * The floor of `audit verify` on a registry file: one read of the audit rows through the same JDBC driver and one SHA-256
 * pass over each entry's text, in a cold JVM, nothing else. Usage (the driver from a build's target/lib):
 * java -cp "target/lib/*" bench/AuditVerifyFloor.java REGISTRY.db [hash]   (without "hash": the read alone)
 */
public class AuditVerifyFloor {
    public static void main(String[] a) throws Exception {
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + a[0])) {
            long t1 = System.nanoTime();
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] nl = {'\n'};
            long n = 0, bytes = 0;
            boolean hash = a.length > 1;
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT seq, ts, actor, action, entity, payload_json, prev_hash, hash FROM audit_log ORDER BY seq")) {
                while (r.next()) {
                    long seq = r.getLong(1);
                    String ts = r.getString(2), actor = r.getString(3), action = r.getString(4), entity = r.getString(5), payload = r.getString(6), prev = r.getString(7), h = r.getString(8);
                    if (hash) {
                        for (String col : new String[] {prev, Long.toString(seq), ts, actor, action, entity}) { md.update(col.getBytes(StandardCharsets.UTF_8)); md.update(nl); }
                        md.update(payload.getBytes(StandardCharsets.UTF_8));
                        byte[] d = md.digest();
                        bytes += d[0];
                    }
                    n++;
                }
            }
            long t2 = System.nanoTime();
            System.out.printf("open %.0f ms, read%s %d rows %.0f ms (%,.0f entries/s)%n", (t1 - t0) / 1e6, hash ? "+hash" : "", n, (t2 - t1) / 1e6, n / ((t2 - t1) / 1e9));
        }
    }
}
