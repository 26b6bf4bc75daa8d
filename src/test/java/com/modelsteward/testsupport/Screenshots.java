package com.modelsteward.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * Writes what a view looks like to {@code target/screenshots/<name>.png}, so a reviewer can look without running anything.
 * Call on the FX thread (e.g. inside {@code interact(...)}).
 */
public final class Screenshots {

    public static final Path FOLDER = Path.of("target", "screenshots");

    private Screenshots() {
    }

    public static Path write(Scene scene, String name) {
        return save(scene.snapshot(null), name);
    }

    public static Path write(Node node, String name) {
        return save(node.snapshot(null, null), name);
    }

    private static Path save(WritableImage image, String name) {
        try {
            Files.createDirectories(FOLDER);
            Path file = FOLDER.resolve(name + ".png");
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
            return file;
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }
}
