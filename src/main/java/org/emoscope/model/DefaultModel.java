package org.emoscope.model;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the shipped model bundle. Looked for, in order: the system property {@code emoscope.model}, the
 * environment variable {@code EMOSCOPE_MODEL}, {@code models/default.emo} in the working directory, then next to
 * the running jar ({@code <jar dir>/models}, {@code <jar dir>/../models}: the build tree and installed images).
 */
public final class DefaultModel {

    /** File name of the shipped bundle inside {@code models/}. */
    public static final String FILE_NAME = "default.emo";

    private DefaultModel() {
    }

    public static Path locate() throws ModelBundleException {
        String explicit = System.getProperty("emoscope.model", System.getenv("EMOSCOPE_MODEL"));
        if (explicit != null && !explicit.isBlank()) return Path.of(explicit);
        List<Path> candidates = candidates();
        for (Path p : candidates) if (Files.isRegularFile(p)) return p;
        throw new ModelBundleException(candidates.get(0), "not found (also looked in " + candidates.subList(1,
                candidates.size()) + "); pass --model BUNDLE or set EMOSCOPE_MODEL");
    }

    private static List<Path> candidates() {
        List<Path> out = new ArrayList<>();
        out.add(Path.of("models", FILE_NAME).toAbsolutePath().normalize());
        try {
            Path code = Path.of(DefaultModel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = Files.isDirectory(code) ? code : code.getParent();
            for (Path d = dir; d != null && out.size() < 5; d = d.getParent()) {
                Path p = d.resolve("models").resolve(FILE_NAME).normalize();
                if (!out.contains(p)) out.add(p);
            }
        } catch (URISyntaxException | RuntimeException ignored) {
            // no code source (e.g. a custom class loader): the working directory candidate stays
        }
        return out;
    }
}
