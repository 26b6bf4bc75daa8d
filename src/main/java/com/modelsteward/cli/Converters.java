package com.modelsteward.cli;

import com.modelsteward.drift.Psi;
import com.modelsteward.governance.GovernanceException;
import com.modelsteward.governance.Role;
import com.modelsteward.registry.Timestamps;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How option values become typed values. A converter refuses with the rest of a sentence that starts with the option's
 * name ({@code must be a whole number, not "x"}); {@link Cli} puts the name and the code in front. A converter that
 * throws a {@link com.modelsteward.registry.RegistryException} has its code and sentence printed as they are.
 */
final class Converters {

    private Converters() {
    }

    /** Text a command cannot do without: an empty or blank value counts as not given. */
    static final class Text implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (value.isBlank()) {
                throw new TypeConversionException("is required");
            }
            return value;
        }
    }

    static final class WholeNumber implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                return Integer.parseInt(value.strip());
            } catch (NumberFormatException notANumber) {
                throw new TypeConversionException("must be a whole number, not \"" + value + "\"");
            }
        }
    }

    static final class LongNumber implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Long.parseLong(value.strip());
            } catch (NumberFormatException notANumber) {
                throw new TypeConversionException("must be a whole number, not \"" + value + "\"");
            }
        }
    }

    /** PSI bins: a whole number from 2 to {@link Psi#MAX_BINS}; more would only spend memory on empty bins. */
    static final class Bins implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int bins = new WholeNumber().convert(value);
            if (bins < 2 || bins > Psi.MAX_BINS) {
                throw new TypeConversionException("must be from 2 to " + Psi.MAX_BINS + ", not " + bins);
            }
            return bins;
        }
    }

    /** A file a command reads or writes; it must be named. */
    static final class FilePath implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            if (value.isBlank()) {
                throw new TypeConversionException("is required");
            }
            try {
                return Path.of(value);
            } catch (InvalidPathException notAPath) {
                throw new TypeConversionException("is not a file path this system can use (" + notAPath.getReason() + "): \"" + value + "\"");
            }
        }
    }

    static final class IsoTime implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return Timestamps.parse(value);
            } catch (DateTimeParseException notATime) {
                throw new TypeConversionException("must be an ISO-8601 time such as 2026-11-01T12:00:00Z, not \"" + value + "\"");
            }
        }
    }

    /** A role by its exact name; a wrong one is invalid input (exit 1), as the registry says of roles it is given. */
    static final class RoleName implements ITypeConverter<Role> {
        @Override
        public Role convert(String value) {
            return Arrays.stream(Role.values()).filter(r -> r.name().equals(value)).findFirst()
                    .orElseThrow(() -> new GovernanceException("E_INVALID_INPUT", "--role must be ANALYST, RISK_OFFICER or ADMIN, not \"" + value + "\""));
        }
    }
}
