package com.modelsteward.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --as USER}, which the governance commands take: a picocli mixin. */
public final class ActingOptions {

    @Option(names = "--as", paramLabel = "USER", order = 102,
            description = "act as one of the demo users; only on a registry made by `demo` (anywhere else you are your OS login)")
    private String as;

    public Optional<String> as() {
        return Optional.ofNullable(as);
    }
}
