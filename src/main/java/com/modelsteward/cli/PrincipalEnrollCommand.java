package com.modelsteward.cli;

import com.modelsteward.governance.Identity;
import com.modelsteward.governance.Principals;
import com.modelsteward.registry.Registry;
import com.modelsteward.trust.Enrolment;
import com.modelsteward.trust.Keys;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code principal enroll [--user NAME --fingerprint SHA256:…]}: without --user, enrols your own Ed25519 key (created in
 * your data directory, owner-only; the first ADMIN's key becomes the registry's root) and prints the fingerprint you read
 * out to an ADMIN; with --user, an ADMIN endorses that user's submitted key, only if it has the fingerprint the person
 * read out. Prints fingerprints only, never key material.
 */
@Command(name = "enroll", mixinStandardHelpOptions = true,
        description = "enrol your signing key, or (ADMIN, --user NAME --fingerprint SHA256:…) endorse a user's key")
final class PrincipalEnrollCommand implements CliCommand {

    @Option(names = "--user", paramLabel = "NAME", description = "(ADMIN) endorse this user's submitted key")
    private String user;

    @Option(names = "--fingerprint", paramLabel = "SHA256:…", 
            description = "the fingerprint NAME read out to you; only a key with it is endorsed")
    private String fingerprint;

    @Mixin
    private SharedOptions shared;

    @Mixin
    private ActingOptions acting;

    @Override
    public int run(CliContext context) {
        if (fingerprint != null && user == null) {
            throw new CliException("E_USAGE", "--fingerprint goes with --user NAME: it is the fingerprint NAME read out to you, an ADMIN");
        }
        try (Registry registry = context.openRegistry(shared)) {
            Identity who = Principals.resolve(registry, context.user(), acting.as());
            Enrolment.Result result = user != null ? Enrolment.endorse(registry, context.clock(), who, user, fingerprint)
                    : Enrolment.enrollSelf(registry, context.clock(), who, Keys.directory());
            if (shared.json()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("user", result.user());
                json.put("fingerprint", result.fingerprint());
                json.put("endorsed_by", result.endorsedBy());
                json.put("root", result.root());
                json.put("private_key_file", result.privateKeyFile() == null ? null : result.privateKeyFile().toString());
                context.printJson(json);
            } else if (result.root()) {
                context.out().println("Enrolled " + result.user() + "'s key " + result.fingerprint() + " as the root key of " + registry.location()
                        + (result.createdPrivateKey() ? "; private key created at " + result.privateKeyFile() + " (owner-only)" : ""));
            } else if (result.endorsedBy() == null) {
                context.out().println("Submitted " + result.user() + "'s key " + result.fingerprint()
                        + (result.createdPrivateKey() ? " (private key created at " + result.privateKeyFile() + ", owner-only)" : "") + ".");
                context.out().println("Read this fingerprint out to an ADMIN yourself (in person or by phone): they endorse the key with "
                        + "`principal enroll --user " + result.user() + " --fingerprint " + result.fingerprint() + "`, and only a key "
                        + "with the fingerprint you gave them.");
            } else {
                context.out().println("Endorsed " + result.user() + "'s key " + result.fingerprint() + " as " + result.endorsedBy());
            }
        }
        return 0;
    }
}
