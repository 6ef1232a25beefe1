package org.emoscope.train.corpus;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Finding audio files under a folder, and the name parts readers work on. */
final class AudioFiles {

    /** Extensions (lower case, no dot) of files that are candidates for a corpus. */
    static final Set<String> EXTENSIONS = Set.of("wav", "flac", "mp3", "ogg");

    private AudioFiles() {
    }

    /**
     * Every audio file under {@code root} (or {@code root} itself if it is one), following symbolic links but not
     * loops, sorted by {@link #relative relative path}.
     */
    static List<Path> list(Path root) throws IOException {
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (attrs.isRegularFile() && isAudio(file)) found.add(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                        if (e instanceof FileSystemLoopException) return FileVisitResult.CONTINUE;
                        throw e;
                    }
                });
        found.sort(Comparator.comparing(file -> relative(root, file)));
        return found;
    }

    static boolean isAudio(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** File name without its extension. */
    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Name of the folder holding {@code file}, or "" at a file-system root. */
    static String parentName(Path file) {
        Path parent = file.getParent();
        return parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
    }

    /** {@code file} relative to {@code root}, with {@code /} separators on every platform. */
    static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }
}
