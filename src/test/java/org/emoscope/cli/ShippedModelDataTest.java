package org.emoscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.emoscope.model.DefaultModel;
import org.emoscope.model.EmotionModel;
import org.emoscope.train.corpus.Corpora;
import org.emoscope.train.corpus.Corpus;
import org.emoscope.train.corpus.LabelSet;
import org.emoscope.train.corpus.Utterance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
 * The shipped model on real recordings of speakers it was not trained on (the speakers its bundle records as held out
 * for early stopping): different emotions must give different labels, and more must be right than chance gives.
 * Skipped when the corpora are not beside the project.
 */
@Tag("data")
@Timeout(600)
class ShippedModelDataTest {

    /** Recordings per held-out speaker and class. */
    private static final int PER_CLASS = 2;

    @Test
    void differentEmotionsGetDifferentLabels() throws Exception {
        Path data = Path.of(System.getProperty("emoscope.data", "../shared/corpora"));
        assumeTrue(Files.isDirectory(data), "no corpora here (" + data.toAbsolutePath() + "): skipped");
        Path bundle = DefaultModel.locate();
        EmotionModel model = EmotionModel.load(bundle);
        assumeFalse(model.untrained(), "the shipped model is untrained: skipped");
        assumeTrue(model.metadata().get("validation_speakers") instanceof List<?>, "no held-out speakers recorded");
        LabelSet labels = LabelSet.named(String.valueOf(model.metadata().get("label_set")));
        List<String> args = new ArrayList<>(List.of("analyze", "-q"));
        List<String> truth = new ArrayList<>();
        for (Object key : (List<?>) model.metadata().get("validation_speakers")) {
            String speaker = String.valueOf(key);
            Corpus corpus = Corpora.get(speaker.substring(0, speaker.indexOf(':')));
            Path root = data.resolve(corpus.folder());
            assumeTrue(Files.isDirectory(root), "no " + corpus.displayName() + " here: skipped");
            Map<String, Integer> taken = new HashMap<>();
            for (Utterance u : corpus.reader().scan(root).utterances()) {
                if (!u.speakerKey().equals(speaker) || labels.indexOf(u.emotion()).isEmpty()) continue;
                String label = labels.labels().get(labels.indexOf(u.emotion()).getAsInt());
                if (taken.merge(label, 1, Integer::sum) > PER_CLASS) continue;
                args.add(u.file().toString());
                truth.add(label);
            }
        }
        assumeTrue(truth.size() >= 20, "too few held-out recordings found: " + truth.size());
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(truth.size(), lines.size());
        Set<String> predicted = new HashSet<>();
        int correct = 0;
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode o = json.readTree(lines.get(i));
            String label = o.get("label").asText();
            assertFalse(label.equals("no_speech"), lines.get(i));
            predicted.add(label);
            if (label.equals(truth.get(i))) correct++;
        }
        assertTrue(predicted.size() >= 4, truth.size() + " files of " + new HashSet<>(truth).size()
                + " emotions got only " + predicted.size() + " distinct labels: " + predicted);
        double chance = truth.size() / (double) labels.labels().size();
        assertTrue(correct >= 2 * chance, "only " + correct + " of " + truth.size() + " held-out files right (chance: "
                + Math.round(chance) + ")");
    }
}
