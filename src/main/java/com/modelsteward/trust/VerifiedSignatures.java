package com.modelsteward.trust;

import com.modelsteward.config.AppDirs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The signatures this OS account has already seen verify, remembered in its data folder so that a new process does not
 * check them again (docs/security.md, "Signatures remembered"). Ed25519 verification is a pure function of the key, the
 * content and the signature, so a remembered answer is the answer; only answers that verified are remembered, each as
 * the SHA-256 of the three (length-prefixed), never the texts.
 *
 * <p>The file decides what counts as verified, so it is trusted only as the private keys are: a regular file owned by
 * the account running this process and writable by no one else, in an owner-only folder of that account's
 * ({@code <data folder>/verified/signatures.bin}). Any other file is ignored (every signature is checked) and replaced
 * by this account's own on the next save. Losing it costs only time. At most {@link #MAX_DIGESTS} are kept, the newest.
 */
public final class VerifiedSignatures {

    /** An owner-only folder of the data folder, whatever the umask made the data folder itself. */
    static final String FOLDER_NAME = "verified";
    static final String FILE_NAME = "signatures.bin";
    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final int DIGEST_BYTES = 32;
    /** 2 MiB: the signed heads and decisions of many large registries. */
    static final int MAX_DIGESTS = 65_536;

    private static Path loadedFrom;
    private static Set<ByteBuffer> known = Set.of();
    private static final Set<ByteBuffer> added = new LinkedHashSet<>();
    private static boolean hookRegistered;

    private VerifiedSignatures() {
    }

    /** Whether {@code signature} by {@code publicText} over {@code content} was seen to verify before. */
    static synchronized boolean known(String publicText, String content, String signature) {
        ByteBuffer digest = digest(publicText, content, signature);
        return current().contains(digest) || added.contains(digest);
    }

    /**
     * Whether {@code signature} by {@code publicText} was seen to sign the canonical JSON of {@code content} (in either
     * form, {@link Keys#verifyCanonical}): looked up by the content's fields, so a remembered signature costs no JSON
     * writing. False for content whose fields this cannot spell exactly ({@link #fields}).
     */
    static synchronized boolean knownCanonical(String publicText, Object content, String signature) {
        Optional<ByteBuffer> digest = canonicalDigest(publicText, content, signature);
        return digest.isPresent() && (current().contains(digest.get()) || added.contains(digest.get()));
    }

    /** Remembers that {@code signature} signs the canonical JSON of {@code content}. */
    static synchronized void rememberCanonical(String publicText, Object content, String signature) {
        canonicalDigest(publicText, content, signature).ifPresent(VerifiedSignatures::add);
    }

    /** Remembers a signature that has just verified; written by {@link #save()} or at exit. */
    static synchronized void remember(String publicText, String content, String signature) {
        add(digest(publicText, content, signature));
    }

    private static void add(ByteBuffer digest) {
        current();
        added.add(digest);
        if (!hookRegistered) {
            hookRegistered = true;
            Runtime.getRuntime().addShutdownHook(new Thread(VerifiedSignatures::save, "verified-signatures"));
        }
    }

    /**
     * Writes the signatures remembered since the last save to the file, beside those other processes wrote meanwhile.
     * Never fails the caller: remembering only saves time.
     */
    public static synchronized void save() {
        if (added.isEmpty() || loadedFrom == null) {
            return;
        }
        Path file = fileIn(loadedFrom);
        LinkedHashSet<ByteBuffer> all = new LinkedHashSet<>(read(file));
        all.removeAll(added);
        all.addAll(added);
        List<ByteBuffer> kept = new ArrayList<>(all);
        kept = kept.subList(Math.max(0, kept.size() - MAX_DIGESTS), kept.size());
        ByteBuffer bytes = ByteBuffer.allocate(kept.size() * DIGEST_BYTES);
        kept.forEach(digest -> bytes.put(digest.duplicate()));
        if (!Files.isDirectory(loadedFrom)) {
            // The data folder is made by what needs it first (settings, keys); a folder removed meanwhile stays removed.
            return;
        }
        Path folder = file.getParent();
        Path temporary = null;
        try {
            boolean posix = posix(loadedFrom);
            if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                if (posix) {
                    Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
                } else {
                    Files.createDirectory(folder);
                }
            } else if (!Keys.ownedByThisAccount(folder)) {
                return;
            } else if (posix) {
                // A folder others may write in is never read (see read), so it is made the account's alone again.
                Files.setPosixFilePermissions(folder, OWNER_ONLY_FOLDER);
            }
            temporary = posix
                    ? Files.createTempFile(folder, FILE_NAME, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE))
                    : Files.createTempFile(folder, FILE_NAME, ".tmp");
            Files.write(temporary, bytes.array());
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException notAtomic) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            known = Set.copyOf(kept);
            added.clear();
        } catch (IOException | RuntimeException unwritable) {
            // Remembering is a saving of time on top of the checks; failing to remember must not stop the user's work.
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // A stray temporary file is ignored by every reader.
                }
            }
        }
    }

    /** Where the digests of the data folder {@code dataFolder} are kept. */
    static Path fileIn(Path dataFolder) {
        return dataFolder.resolve(FOLDER_NAME).resolve(FILE_NAME);
    }

    /** Forgets what was read and remembered without saving it, as a new process starts: for tests. */
    static synchronized void forget() {
        loadedFrom = null;
        known = Set.of();
        added.clear();
    }

    /** The remembered digests of the current data folder, read on first use and again when the folder changes. */
    private static Set<ByteBuffer> current() {
        Path folder;
        try {
            folder = AppDirs.dataDir();
        } catch (RuntimeException noDataFolder) {
            // Without a data folder (the OS account unknown) nothing is remembered, and every signature is checked.
            return Set.of();
        }
        if (!folder.equals(loadedFrom)) {
            save();
            added.clear();
            loadedFrom = folder;
            known = Set.copyOf(read(fileIn(folder)));
        }
        return known;
    }

    /**
     * The digests in {@code file}, oldest first; none when it is missing, malformed or too large, when it is not this
     * account's own and private, or when its folder is not (whoever may write in it could swap the file while it is
     * read). The file read must be the one checked: the same file before and after the read.
     */
    private static List<ByteBuffer> read(Path file) {
        try {
            Path folder = file.toAbsolutePath().getParent();
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            long size = attributes.size();
            if (!attributes.isRegularFile() || size % DIGEST_BYTES != 0 || size > (long) MAX_DIGESTS * DIGEST_BYTES
                    || attributes.fileKey() == null && posix(file)
                    || !Keys.ownedByThisAccount(folder) || !Keys.ownedByThisAccount(file)
                    || posix(file) && (!OWNER_ONLY_FILE.containsAll(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS))
                                            || !OWNER_ONLY_FOLDER.containsAll(Files.getPosixFilePermissions(folder)))) {
                return List.of();
            }
            byte[] bytes = Files.readAllBytes(file);
            BasicFileAttributes after = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (bytes.length != size || !Objects.equals(attributes.fileKey(), after.fileKey())
                    || !attributes.lastModifiedTime().equals(after.lastModifiedTime())) {
                return List.of();
            }
            List<ByteBuffer> digests = new ArrayList<>(bytes.length / DIGEST_BYTES);
            for (int at = 0; at < bytes.length; at += DIGEST_BYTES) {
                digests.add(ByteBuffer.wrap(bytes, at, DIGEST_BYTES).slice());
            }
            return digests;
        } catch (IOException | RuntimeException unreadable) {
            // Whatever stops the read (including not knowing which account this is) leaves every signature to be checked.
            return List.of();
        }
    }

    static ByteBuffer digest(String publicText, String content, String signature) {
        return digestOf("text", publicText, content, signature);
    }

    /**
     * The digest of a signature over the canonical JSON of {@code content}, from the content's fields spelled out one to
     * one: two contents with the same spelling are the same value, so they have the same canonical JSON. Empty for a
     * value other than maps, lists, text, whole numbers, booleans and null.
     */
    private static Optional<ByteBuffer> canonicalDigest(String publicText, Object content, String signature) {
        StringBuilder spelled = new StringBuilder();
        return fields(content, spelled) ? Optional.of(digestOf("canonical", publicText, spelled.toString(), signature)) : Optional.empty();
    }

    /** Appends a one-to-one spelling of {@code value}: each text length-prefixed, each kind of value tagged. */
    private static boolean fields(Object value, StringBuilder out) {
        switch (value) {
            case null -> out.append('z');
            case String text -> out.append('s').append(text.length()).append(':').append(text);
            case Long number -> out.append('l').append(number).append(';');
            case Integer number -> out.append('l').append(number).append(';');
            case Boolean bool -> out.append(bool ? 't' : 'f');
            case Map<?, ?> map -> {
                TreeMap<String, Object> sorted = new TreeMap<>();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (!(entry.getKey() instanceof String key)) {
                        return false;
                    }
                    sorted.put(key, entry.getValue());
                }
                out.append('m').append(sorted.size()).append(':');
                for (Map.Entry<String, Object> entry : sorted.entrySet()) {
                    out.append(entry.getKey().length()).append(':').append(entry.getKey());
                    if (!fields(entry.getValue(), out)) {
                        return false;
                    }
                }
            }
            case List<?> list -> {
                out.append('a').append(list.size()).append(':');
                for (Object item : list) {
                    if (!fields(item, out)) {
                        return false;
                    }
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private static ByteBuffer digestOf(String kind, String publicText, String content, String signature) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {kind, publicText, content, signature}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
                sha256.update(bytes);
            }
            return ByteBuffer.wrap(sha256.digest());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", impossible);
        }
    }

    private static boolean posix(Path path) {
        return path.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
