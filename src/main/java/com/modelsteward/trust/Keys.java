package com.modelsteward.trust;

import com.modelsteward.config.AppDirs;
import com.modelsteward.config.OsAccount;
import com.modelsteward.governance.GovernanceException;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.json.LegacyCanonicalJson;
import com.modelsteward.text.BoundedText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ed25519 keys with the JDK's own provider (no extra library).
 *
 * <p>Text forms: a public key is {@code ed25519:<base64 of its X.509 encoding>} (what {@code principals.public_key}
 * holds), a fingerprint is {@code SHA256:<hex>} of those X.509 bytes (what the trust store pins), a signature is the
 * base64 of the 64 signature bytes. A private key lives only in the user's data directory,
 * {@code <data dir>/keys/<user>.key}, PKCS#8 in PEM armour, readable by its owner only; it never enters the registry
 * file and is never printed.
 */
public final class Keys {

    public static final String ALGORITHM = "Ed25519";
    private static final String PUBLIC_PREFIX = "ed25519:";
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    /** A PEM Ed25519 private key is a few hundred bytes; anything far larger is not one and is not read. */
    public static final int MAX_KEY_FILE_BYTES = 64 * 1024;
    /**
     * Answers already computed by {@link #verify}: a pure function of its three texts, and every transition re-checks
     * the same endorsement chain and approvals (each check an Ed25519 verification, about a millisecond in the JDK).
     */
    private static final Map<Verified, Boolean> VERIFIED = new ConcurrentHashMap<>();
    private static final int VERIFIED_MAX = 4_096;

    private record Verified(String publicKey, String content, String signature) {
    }

    /** Keys as parsed for verifying: decoding a point costs a modular exponentiation, and a few keys sign everything. */
    private static final Map<String, Optional<PublicKey>> PARSED = new ConcurrentHashMap<>();
    private static final int PARSED_MAX = 256;

    private Keys() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("every JDK since 15 has Ed25519", impossible);
        }
    }

    /**
     * A key pair fixed by {@code seed}: Ed25519 draws exactly its 32-byte private seed from the random source, so a
     * source that returns SHA-256 of the seed text makes the pair reproducible. Used only for demo users, whose keys are
     * public knowledge by design (docs/security.md).
     */
    public static KeyPair fromSeed(String seed) {
        byte[] material = HexFormat.of().parseHex(CanonicalJson.sha256Hex(seed));
        SecureRandom fixed = new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = material[i % material.length];
                }
            }
        };
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, fixed);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("every JDK since 15 has Ed25519", impossible);
        }
    }

    public static String publicText(PublicKey key) {
        return PUBLIC_PREFIX + Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** Parses {@code ed25519:<base64>}; empty when the text is not an Ed25519 public key. */
    public static Optional<PublicKey> parsePublic(String text) {
        if (text == null || !text.startsWith(PUBLIC_PREFIX)) {
            return Optional.empty();
        }
        try {
            byte[] encoded = Base64.getDecoder().decode(text.substring(PUBLIC_PREFIX.length()));
            return Optional.of(KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(encoded)));
        } catch (IllegalArgumentException | GeneralSecurityException notAKey) {
            return Optional.empty();
        }
    }

    public static String fingerprint(PublicKey key) {
        return "SHA256:" + CanonicalJson.sha256Hex(key.getEncoded());
    }

    /** The fingerprint of a public key in text form, or the text itself quoted when it is not a key. */
    public static String fingerprint(String publicText) {
        return parsePublic(publicText).map(Keys::fingerprint).orElse("(not an Ed25519 key)");
    }

    public static String sign(PrivateKey key, String content) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(content.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException failed) {
            throw new IllegalStateException("Ed25519 signing failed", failed);
        }
    }

    /**
     * Whether {@code signature} signs the canonical JSON of {@code content}: in RFC 8785, or in form 1 for a signature
     * made before it (ADR 0014). Both forms write the same fields, so a match in either proves the signer approved them.
     */
    public static boolean verifyCanonical(String publicText, Object content, String signature) {
        if (publicText == null || signature == null || content == null) {
            return false;
        }
        if (VerifiedSignatures.knownCanonical(publicText, content, signature)) {
            return true;
        }
        boolean verifies = verifyEitherForm(publicText, content, signature);
        if (verifies) {
            VerifiedSignatures.rememberCanonical(publicText, content, signature);
        }
        return verifies;
    }

    private static boolean verifyEitherForm(String publicText, Object content, String signature) {
        String current;
        try {
            current = CanonicalJson.write(content);
        } catch (CanonicalJson.Unrepresentable formOneOnly) {
            current = null;
        }
        if (current != null && verify(publicText, current, signature)) {
            return true;
        }
        String formOne = LegacyCanonicalJson.write(content);
        return !formOne.equals(current) && verify(publicText, formOne, signature);
    }

    public static boolean verify(String publicText, String content, String signature) {
        if (publicText == null || signature == null || content == null) {
            return false;
        }
        Verified question = new Verified(publicText, content, signature);
        Boolean known = VERIFIED.get(question);
        if (known != null) {
            return known;
        }
        if (VerifiedSignatures.known(publicText, content, signature)) {
            VERIFIED.put(question, true);
            return true;
        }
        boolean answer = verifyNow(publicText, content, signature);
        if (answer) {
            VerifiedSignatures.remember(publicText, content, signature);
        }
        if (VERIFIED.size() >= VERIFIED_MAX) {
            VERIFIED.clear();
        }
        VERIFIED.put(question, answer);
        return answer;
    }

    /** The Ed25519 check itself, remembered nowhere: what {@link Signatures#prepare} runs to load and compile its code. */
    static boolean verifyNow(String publicText, String content, String signature) {
        if (PARSED.size() >= PARSED_MAX) {
            PARSED.clear();
        }
        Optional<PublicKey> key = PARSED.computeIfAbsent(publicText, Keys::parsePublic);
        if (key.isEmpty()) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key.get());
            verifier.update(content.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (IllegalArgumentException | GeneralSecurityException invalid) {
            return false;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Private key files
    // ---------------------------------------------------------------------------------------------------------------

    /** Where the private keys of this OS account live. */
    public static Path directory() {
        return AppDirs.dataDir().resolve("keys");
    }

    public static Path privateKeyFile(Path directory, String user) {
        if (user == null || !user.matches("[A-Za-z0-9._@-]+") || user.startsWith(".")) {
            throw new GovernanceException("E_INVALID_INPUT", "user \"" + user + "\" is not a valid login name for a key file");
        }
        return directory.resolve(user + ".key");
    }

    /** Writes a new private key file readable by its owner only; refuses to overwrite an existing key. */
    public static Path writePrivateKey(Path directory, String user, PrivateKey key) {
        Path file = privateKeyFile(directory, user);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        try {
            createOwnerOnlyDirectory(directory);
            try {
                if (posix(directory)) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
                } else {
                    Files.createFile(file);
                }
            } catch (FileAlreadyExistsException exists) {
                throw new GovernanceException("E_KEY_EXISTS", "a private key for " + user + " already exists at " + file
                        + "; it was left untouched");
            }
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
            return file;
        } catch (IOException failed) {
            throw new GovernanceException("E_KEY_UNREADABLE", "cannot write the private key file " + file + ": " + failed.getMessage());
        }
    }

    /**
     * The private key of {@code user} in {@code directory}, if there is one. Refuses ({@code E_KEY_UNSAFE}) a key file
     * others may read, and one not owned by the OS account running this process: identity is that account, so a data
     * directory pointed elsewhere ({@code MODEL_STEWARD_HOME}) only ever reaches keys the account itself owns.
     */
    public static Optional<PrivateKey> readPrivateKey(Path directory, String user) {
        Path file = privateKeyFile(directory, user);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException none) {
            return Optional.empty();
        } catch (IOException failed) {
            throw unreadable(file, "cannot be read: " + reason(failed));
        }
        if (attributes.isSymbolicLink()) {
            try {
                attributes = Files.readAttributes(file, BasicFileAttributes.class);
            } catch (NoSuchFileException dangling) {
                throw unreadable(file, "is a symbolic link to " + linkTarget(file) + ", which does not exist");
            } catch (IOException failed) {
                throw unreadable(file, "is a symbolic link to " + linkTarget(file) + ", which cannot be read: " + reason(failed));
            }
        }
        if (!attributes.isRegularFile()) {
            // Never opened: a pipe would block the command until something writes to it.
            throw unreadable(file, "is " + (attributes.isDirectory() ? "a folder" : "a pipe or device") + ", not a key file");
        }
        if (attributes.size() > MAX_KEY_FILE_BYTES) {
            throw unreadable(file, "is " + attributes.size() + " bytes, over the limit of " + MAX_KEY_FILE_BYTES + " bytes for a key file");
        }
        String pem;
        try {
            requireOwnedByThisAccount(file);
            if (posix(file)) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                if (!OWNER_ONLY_FILE.containsAll(permissions)) {
                    throw new GovernanceException("E_KEY_UNSAFE", "the private key file " + file + " may be read by others ("
                            + PosixFilePermissions.toString(permissions) + "); make it owner-only with chmod 600 and try again");
                }
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] bytes = in.readNBytes(MAX_KEY_FILE_BYTES + 1);
                if (bytes.length > MAX_KEY_FILE_BYTES) {
                    throw unreadable(file, "grew past the limit of " + MAX_KEY_FILE_BYTES + " bytes for a key file while it was read");
                }
                pem = new String(bytes, StandardCharsets.US_ASCII);
            }
        } catch (IOException failed) {
            throw unreadable(file, "cannot be read: " + reason(failed));
        }
        try {
            String body = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "").replaceAll("\\s", "");
            byte[] encoded = Base64.getDecoder().decode(body);
            return Optional.of(KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(encoded)));
        } catch (IllegalArgumentException | GeneralSecurityException unreadable) {
            // The message names the file only: the key material must never reach a log or a terminal.
            throw unreadable(file, "is not a readable Ed25519 key");
        }
    }

    private static GovernanceException unreadable(Path file, String what) {
        return new GovernanceException("E_KEY_UNREADABLE", "the private key file " + file + " " + what);
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException unreadable) {
            return "a path that cannot be read";
        }
    }

    private static String reason(IOException failure) {
        return BoundedText.reason(failure);
    }

    private static void requireOwnedByThisAccount(Path file) throws IOException {
        if (ownedByThisAccount(file)) {
            return;
        }
        OsAccount account = OsAccount.current();
        if (unixOwners(account, file)) {
            long owner = ((Number) Files.getAttribute(file, "unix:uid")).longValue();
            throw new GovernanceException("E_KEY_UNSAFE", "the private key file " + file + " belongs to "
                    + Files.getOwner(file).getName() + " (uid " + owner + "), not to " + account.name() + " (uid " + account.uid()
                    + ") who runs this program; only your own key files are used");
        }
        throw new GovernanceException("E_KEY_UNSAFE", "the private key file " + file + " belongs to " + Files.getOwner(file).getName()
                + ", not to " + account.name() + " who runs this program; only your own key files are used");
    }

    /** Whether {@code file} belongs to the OS account running this process (by uid where the system has them). */
    static boolean ownedByThisAccount(Path file) throws IOException {
        OsAccount account = OsAccount.current();
        if (unixOwners(account, file)) {
            return ((Number) Files.getAttribute(file, "unix:uid")).longValue() == account.uid();
        }
        String owner = Files.getOwner(file).getName();
        return owner.substring(owner.lastIndexOf('\\') + 1).equalsIgnoreCase(account.name());
    }

    private static boolean unixOwners(OsAccount account, Path file) {
        return account.unix() && file.getFileSystem().supportedFileAttributeViews().contains("unix");
    }

    private static void createOwnerOnlyDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        Files.createDirectories(directory.toAbsolutePath().getParent());
        if (posix(directory.toAbsolutePath().getParent())) {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        } else {
            Files.createDirectory(directory);
        }
    }

    private static boolean posix(Path path) {
        return path.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
