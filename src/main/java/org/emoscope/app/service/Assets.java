package org.emoscope.app.service;

import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the app's icons and style sheets ({@code assets/} in the project). Looked for, in order: on the class path
 * under {@code /org/emoscope/app/assets/}, in the folder named by the system property {@code emoscope.assets}, in
 * {@code assets/} of the working directory, then in {@code assets/} next to or above the running jar or classes.
 */
public final class Assets {

    private static final String CLASSPATH_ROOT = "/org/emoscope/app/assets/";

    private Assets() {
    }

    /** The URL (as a string, as JavaFX wants it) of {@code relative}, e.g. {@code themes/light.css}. */
    public static Optional<String> url(String relative) {
        URL onClasspath = Assets.class.getResource(CLASSPATH_ROOT + relative);
        if (onClasspath != null) return Optional.of(onClasspath.toExternalForm());
        for (Path dir : folders()) {
            Path p = dir.resolve(relative);
            if (Files.isRegularFile(p)) {
                try {
                    return Optional.of(p.toUri().toURL().toExternalForm());
                } catch (MalformedURLException e) {
                    // try the next folder
                }
            }
        }
        return Optional.empty();
    }

    private static List<Path> folders() {
        List<Path> out = new ArrayList<>();
        String explicit = System.getProperty("emoscope.assets");
        if (explicit != null && !explicit.isBlank()) out.add(Path.of(explicit));
        out.add(Path.of("assets").toAbsolutePath());
        try {
            Path code = Path.of(Assets.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path d = Files.isDirectory(code) ? code : code.getParent(); d != null && out.size() < 6;
                 d = d.getParent()) {
                out.add(d.resolve("assets"));
            }
        } catch (URISyntaxException | RuntimeException e) {
            // no code source: the working directory stays the only guess
        }
        return out;
    }
}
