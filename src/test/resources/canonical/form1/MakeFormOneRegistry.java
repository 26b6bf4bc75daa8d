package com.modelsteward.governance;

import com.modelsteward.registry.CanonicalJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Builds form1.db, a registry written in canonical JSON form 1 (before RFC 8785), with the code of commit 8db3e4a, and
 * the private keys of its made-up principals in home/keys. Run once, by hand, against that commit's classes:
 * <pre>
 *   git archive 8db3e4a | tar -x -C /tmp/old &amp;&amp; (cd /tmp/old &amp;&amp; mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt)
 *   CP=/tmp/old/target/classes:/tmp/old/target/test-classes:$(cat /tmp/old/cp.txt)
 *   javac -cp "$CP" -d /tmp/gen MakeFormOneRegistry.java
 *   java -Dsteward.home=$PWD/home -cp "/tmp/gen:$CP" com.modelsteward.governance.MakeFormOneRegistry $PWD
 * </pre>
 * What differs between the forms is on purpose: configs with 0.0001 (form 1 writes {@code 1.0E-4}) and an approval
 * comment with an escape character (form 1 writes {@code \u001B}, RFC 8785 {@code \u001b}).
 */
public final class MakeFormOneRegistry {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        try (Fixture f = new Fixture(out)) {
            String active = register(f, "form1-a");
            f.scores(active, 1.5, 0.10, 0.001);
            f.engine.request(f.bob, active, "SHADOW", "ready for shadow");
            String shadow = register(f, "form1-b");
            f.scores(shadow, 1.7, 0.10, 0.001);
            f.engine.request(f.bob, shadow, "SHADOW", "ready for shadow");
            f.clock.advance(Duration.ofDays(7));
            var request = f.engine.request(f.bob, active, "ACTIVE", "shadow complete");
            f.engine.approve(f.rachel, request.requestId(), "reviewed \u001b[1mcarefully\u001b[0m");
        }
        Files.move(out.resolve("gov.db"), out.resolve("form1.db"));
    }

    private static String register(Fixture f, String name) {
        String config = CanonicalJson.write(Map.of("learning_rate", 0.0001, "layers", List.of(64, 32), "name", name));
        f.engine.register(f.alice, new InputFiles.NewVersion(name + "-1", name, "signal_model", "1", null, "models/" + name + "/1", config,
                CanonicalJson.sha256Hex(config), "s3://data/" + name + "/1", "a".repeat(64), null, null));
        return name + "-1";
    }
}
