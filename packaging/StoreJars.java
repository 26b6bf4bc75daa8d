import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites every jar in the folders given with its entries stored instead of deflated, in the same order, with the same
 * names and times. The installer's own compression (xz in a .deb) compresses class files far better than it compresses
 * deflated ones, as with jlink's {@code --compress=zip-0} (docs/decisions/0006-packaged-runtime-and-start-up.md).
 * Run by {@code mvn -Ppackage package} on the installer's copies of the jars only.
 * Usage: {@code java packaging/StoreJars.java FOLDER...}
 */
public final class StoreJars {
    public static void main(String[] args) throws IOException {
        for (String folder : args) {
            List<Path> jars = new ArrayList<>();
            try (var listing = Files.newDirectoryStream(Path.of(folder), "*.jar")) {
                listing.forEach(jars::add);
            }
            for (Path jar : jars) {
                store(jar);
            }
        }
    }

    private static void store(Path jar) throws IOException {
        Path stored = jar.resolveSibling(jar.getFileName() + ".stored");
        try (ZipFile in = new ZipFile(jar.toFile());
             OutputStream file = Files.newOutputStream(stored);
             ZipOutputStream out = new ZipOutputStream(file)) {
            out.setMethod(ZipOutputStream.STORED);
            for (ZipEntry entry : Collections.list(in.entries())) {
                byte[] content;
                try (InputStream data = in.getInputStream(entry)) {
                    content = data.readAllBytes();
                }
                CRC32 crc = new CRC32();
                crc.update(content);
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setMethod(ZipEntry.STORED);
                copy.setTime(entry.getTime());
                copy.setSize(content.length);
                copy.setCompressedSize(content.length);
                copy.setCrc(crc.getValue());
                out.putNextEntry(copy);
                out.write(content);
                out.closeEntry();
            }
        }
        Files.move(stored, jar, StandardCopyOption.REPLACE_EXISTING);
    }
}
