package com.modelsteward.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftPolicyTest {

    @TempDir
    Path dir;

    @Test
    void presetsByName() {
        assertSame(DriftPolicy.DEFAULT, DriftPolicy.resolve("default"));
        assertSame(DriftPolicy.CREDIT_RISK, DriftPolicy.resolve("Credit-Risk"));
        assertEquals(0.25, DriftPolicy.CREDIT_RISK.severePsi());
        assertEquals(0.20, DriftPolicy.DEFAULT.severePsi());
    }

    @Test
    void aPolicyFileOverridesOnlyWhatItNames() throws IOException {
        Path file = Files.writeString(dir.resolve("desk.yaml"), "name: desk-a\nseverePsi: 0.3\nofferRollback: false\n");
        DriftPolicy policy = DriftPolicy.resolve(file.toString());
        assertEquals("desk-a", policy.name());
        assertEquals(0.3, policy.severePsi());
        assertEquals(0.1, policy.moderatePsi());
        assertFalse(policy.offerRollback());
    }

    @Test
    void badPolicyFilesAreNamed() throws IOException {
        Path text = Files.writeString(dir.resolve("bad.yaml"), "severePsi: high\n");
        DriftException notANumber = assertThrows(DriftException.class, () -> DriftPolicy.load(text));
        assertTrue(notANumber.getMessage().contains("bad.yaml") && notANumber.getMessage().contains("severePsi"), notANumber.getMessage());
        Path inverted = Files.writeString(dir.resolve("inverted.yaml"), "moderatePsi: 0.3\nseverePsi: 0.2\n");
        assertTrue(assertThrows(DriftException.class, () -> DriftPolicy.load(inverted)).getMessage().contains("moderate"));
        assertTrue(assertThrows(DriftException.class, () -> DriftPolicy.resolve(dir.resolve("none.yaml").toString()))
                .getMessage().contains("neither a preset"));
    }

    @Test
    void binsInAPolicyFileHaveTheCommandLinesBound() throws IOException {
        for (String bins : new String[] {"10001", "2147483647", "4294967298", "12.5", "1"}) {
            Path file = Files.writeString(dir.resolve("bins.yaml"), "bins: " + bins + "\n");
            DriftException refused = assertThrows(DriftException.class, () -> DriftPolicy.load(file), bins);
            assertTrue(refused.getMessage().contains("bins.yaml") && refused.getMessage().contains("bins must be a whole number from 2 to 10000"),
                    refused.getMessage());
        }
        Path most = Files.writeString(dir.resolve("most.yaml"), "bins: 10000\n");
        assertEquals(10_000, DriftPolicy.load(most).bins());
    }

    /** A drift policy is read within its limits: /dev/zero, a huge file and an unknown setting each get one sentence. */
    @Test
    void driftPolicyFilesAreBoundedAndStrict() throws IOException {
        Path zero = Files.createSymbolicLink(dir.resolve("zero.yaml"), Path.of("/dev/zero"));
        assertEquals("drift policy " + zero + " line 1: the file goes on past the limit of 65536 bytes for a drift policy",
                assertThrows(DriftException.class, () -> DriftPolicy.resolve(zero.toString())).getMessage());
        Path huge = Files.writeString(dir.resolve("huge.yaml"), "# " + "x".repeat(70_000) + "\n");
        assertEquals("drift policy " + huge + " is 70003 bytes, over the limit of 65536 bytes for a drift policy",
                assertThrows(DriftException.class, () -> DriftPolicy.load(huge)).getMessage());
        Path typo = Files.writeString(dir.resolve("typo.yaml"), "severePSI: 0.3\n");
        assertEquals("drift policy " + typo + ": unknown field \"severePSI\" (known: bins, ksAlpha, ksMinD, moderatePsi, name, "
                + "offerRollback, rateAlpha, rateMinDelta, severePsi, sharpeK, sharpeWindow)",
                assertThrows(DriftException.class, () -> DriftPolicy.load(typo)).getMessage());
    }
}
