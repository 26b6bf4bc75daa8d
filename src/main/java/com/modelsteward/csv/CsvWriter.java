package com.modelsteward.csv;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * RFC 4180 CSV for exports that people open in spreadsheets. A cell starting with {@code = + - @}, a tab or a carriage
 * return is prefixed with a single quote, so a value such as {@code =cmd|'/c calc'!A1} is shown as text, never run as a
 * formula (OWASP's CSV-injection advice).
 */
public final class CsvWriter {

    private final Writer out;

    public CsvWriter(Writer out) {
        this.out = out;
    }

    public void row(List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells.get(i)));
        }
        out.write("\r\n");
    }

    public static String cell(String value) {
        if (value == null) {
            return "";
        }
        String safe = neutralise(value);
        if (safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }

    static String neutralise(String value) {
        if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 && !isPlainNumber(value)) {
            return "'" + value;
        }
        return value;
    }

    /** Negative numbers stay numbers: "-0.12" is data, not a formula. */
    private static boolean isPlainNumber(String value) {
        try {
            Double.parseDouble(value);
            return true;
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }
}
