package com.modelsteward.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The first processor as Linux's {@code /proc/cpuinfo} reports it, for tests of rules that depend on the CPU (the
 * drift's sort, the launcher's page size): the test checks the rule on the machine it runs on.
 */
public record CpuInfo(String vendor, List<String> flags) {

    public static CpuInfo read() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
        String vendor = value(lines, "vendor_id");
        String flags = value(lines, "flags");
        return new CpuInfo(vendor, flags.isEmpty() ? List.of() : List.of(flags.split("\\s+")));
    }

    public boolean intel() {
        return vendor.equals("GenuineIntel");
    }

    private static String value(List<String> lines, String key) {
        return lines.stream().filter(line -> line.startsWith(key)).findFirst()
                .map(line -> line.substring(line.indexOf(':') + 1).strip()).orElse("");
    }
}
