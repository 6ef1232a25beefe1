package org.emoscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.emoscope.model.DefaultModel;
import org.emoscope.model.EmotionModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The shipped model on real recordings of a speaker it was not trained on (RAVDESS actor 03, held out for early
 * stopping when the model was trained): different emotions must give different labels. Skipped when the corpora are
 * not beside the project.
 */
@Tag("data")
@Timeout(300)
class ShippedModelDataTest {

    /** RAVDESS emotion code -> the seven-class label; two statements each, normal intensity, actor 03. */
    private static final Map<String, String> CODES = Map.of("01", "neutral", "03", "happy", "04", "sad",
            "05", "angry", "06", "fear", "07", "disgust", "08", "surprise");

    @Test
    void differentEmotionsGetDifferentLabels() throws Exception {
        Path ravdess = Path.of(System.getProperty("emoscope.data", "../shared/corpora")).resolve("ravdess/Actor_03");
        assumeTrue(Files.isDirectory(ravdess), "no RAVDESS here (" + ravdess.toAbsolutePath() + "): skipped");
        Path bundle = DefaultModel.locate();
        assumeFalse(EmotionModel.load(bundle).untrained(), "the shipped model is untrained: skipped");
        List<String> args = new ArrayList<>(List.of("analyze", "-q"));
        List<String> truth = new ArrayList<>();
        for (var e : CODES.entrySet()) {
            for (String statement : List.of("01", "02")) {
                Path f = ravdess.resolve("03-01-" + e.getKey() + "-01-" + statement + "-01-03.flac");
                assumeTrue(Files.isRegularFile(f), "missing " + f);
                args.add(f.toString());
                truth.add(e.getValue());
            }
        }
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(truth.size(), lines.size());
        Set<String> labels = new HashSet<>();
        int correct = 0;
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode o = json.readTree(lines.get(i));
            String label = o.get("label").asText();
            assertFalse(label.equals("no_speech"), lines.get(i));
            labels.add(label);
            if (label.equals(truth.get(i))) correct++;
        }
        assertTrue(labels.size() >= 4, "14 files of 7 emotions got only " + labels.size() + " distinct labels: "
                + labels);
        assertTrue(correct >= 4, "only " + correct + " of 14 held-out files right (chance: 2)");
    }
}
