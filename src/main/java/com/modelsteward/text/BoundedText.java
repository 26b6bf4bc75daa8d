package com.modelsteward.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a small UTF-8 text file whole, within a byte and a line-length limit: a regular file's size is checked before
 * it is opened, and the bytes are counted while reading, because pipes and devices ({@code /dev/zero}) report no size.
 * Every refusal is one sentence naming the file (and the line where one applies); callers add their error code.
 */
public final class BoundedText {

    /** Why a file was not read, as a sentence for the user. */
    public static final class Refused extends RuntimeException {

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private BoundedText() {
    }

    /**
     * @param what what the file should be, for messages: "a policy file", "a drift policy"
     * @param expected what the content should be, for an empty file: "a policy in YAML or JSON"
     */
    public static String read(Path file, String what, String expected, int maxBytes, int maxLineChars) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException missing) {
            throw new Refused(file + (Files.isSymbolicLink(file) ? " is a symbolic link to a file that does not exist" : " does not exist"));
        } catch (IOException unreadable) {
            throw new Refused(file + " cannot be read: " + reason(unreadable));
        }
        if (attributes.isDirectory()) {
            throw new Refused(file + " is a folder, not " + what);
        }
        if (attributes.isRegularFile() && attributes.size() > maxBytes) {
            throw new Refused(file + " is " + attributes.size() + " bytes, over the limit of " + maxBytes + " bytes for " + what);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(maxBytes + 1);
        } catch (IOException unreadable) {
            throw new Refused(file + " cannot be read: " + reason(unreadable));
        }
        if (bytes.length > maxBytes) {
            throw new Refused(file + " line " + lineAt(bytes, maxBytes) + ": the file goes on past the limit of " + maxBytes
                    + " bytes for " + what);
        }
        if (bytes.length == 0) {
            throw new Refused(file + (attributes.isRegularFile() ? " is empty" : " is a pipe or device that gave no content")
                    + "; expected " + expected);
        }
        CharBuffer chars = CharBuffer.allocate(bytes.length);
        ByteBuffer input = ByteBuffer.wrap(bytes);
        CoderResult result = StandardCharsets.UTF_8.newDecoder().decode(input, chars, true);
        if (result.isError()) {
            throw new Refused(file + " line " + lineAt(bytes, input.position()) + ": the file is not UTF-8 text here (byte "
                    + (input.position() + 1) + "); save it as UTF-8");
        }
        String text = chars.flip().toString();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw new Refused(file + " holds only white space; expected " + expected);
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - lineStart > maxLineChars) {
                    throw new Refused(file + " line " + line + ": the line is longer than the limit of " + maxLineChars
                            + " characters for " + what);
                }
                line++;
                lineStart = i + 1;
            }
        }
        return text;
    }

    private static int lineAt(byte[] bytes, int end) {
        int line = 1;
        for (int i = 0; i < end; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /** An I/O failure in words: Java's messages are often just the path again. */
    public static String reason(IOException failure) {
        if (failure instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (failure instanceof FileSystemLoopException) {
            return "its symbolic links form a loop";
        }
        String message = failure.getMessage();
        return message == null ? failure.getClass().getSimpleName() : message;
    }
}
