package com.modelsteward.modelcard;

import com.modelsteward.registry.RegistryException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/** Writes a model card to .html or .pdf, through a temporary file in the same folder so a reader never sees half a card. */
public final class ModelCardWriter {

    private ModelCardWriter() {
    }

    /** Whether {@code file} names a format this writer produces. */
    public static boolean supports(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".html") || name.endsWith(".htm") || name.endsWith(".pdf");
    }

    public static void write(ModelCard card, Path file) {
        if (!supports(file)) {
            throw new RegistryException("E_USAGE", file + ": a model card is written as .html or .pdf; choose a file name ending in one of them");
        }
        Path target = file.toAbsolutePath().normalize();
        Path folder = target.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new RegistryException("E_NO_FOLDER", "the folder " + folder + " does not exist (for " + target + ")");
        }
        boolean pdf = target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pdf");
        Path temporary = null;
        try {
            temporary = Files.createTempFile(folder, ".model-card-", ".tmp");
            try (OutputStream out = Files.newOutputStream(temporary)) {
                if (pdf) {
                    ModelCardPdf.write(card, out);
                } else {
                    out.write(ModelCardHtml.render(card).getBytes(StandardCharsets.UTF_8));
                }
            }
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException notAtomic) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException failed) {
            throw new RegistryException("E_WRITE_FAILED", "cannot write " + target + ": " + failed.getMessage(), failed);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // the temporary file was moved or never written; nothing of the card is left half-written
                }
            }
        }
    }
}
