package org.emoscope.train;

import org.emoscope.model.SpeakerPrior;
import org.emoscope.model.SpeakerStatistics;
import org.emoscope.train.augment.AugmentationSpec;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Speaker normalisation for training and evaluation (speaker-level cepstral mean and variance normalisation): each
 * speaker's frames are standardised by that speaker's own statistics, which removes what is constant about a voice
 * and a recording channel (vocal-tract colouring, level, microphone). A network trained on a handful of speakers
 * otherwise learns to tell the speakers apart instead of the emotions.
 *
 * <p>No labels are used. A speaker's statistics are taken over the voiced frames ({@link SpeakerStatistics}) of
 * their un-augmented recordings (all their items when none is un-augmented). For a test speaker that means their
 * test recordings, unlabelled, as in the literature's "speaker-normalised" protocols; the app instead estimates
 * them while it listens, starting from the average training speaker ({@link SpeakerPrior}).
 */
public final class SpeakerNormalizer {

    private SpeakerNormalizer() {
    }

    /** Each speaker's statistics, keyed by {@link org.emoscope.train.corpus.Utterance#speakerKey()}. */
    public static Map<String, SpeakerStatistics.Estimate> estimates(List<Item> items, double gateC0) {
        Map<String, List<Item>> bySpeaker = new LinkedHashMap<>();
        for (Item i : items) bySpeaker.computeIfAbsent(i.utterance().speakerKey(), k -> new ArrayList<>()).add(i);
        Map<String, SpeakerStatistics.Estimate> out = new LinkedHashMap<>();
        for (var e : bySpeaker.entrySet()) {
            List<Item> clean = e.getValue().stream()
                    .filter(i -> AugmentationSpec.ORIGINAL_KEY.equals(i.augmentation())).toList();
            List<float[][]> clips = (clean.isEmpty() ? e.getValue() : clean).stream().map(Item::frames).toList();
            SpeakerStatistics s = SpeakerStatistics.over(clips, gateC0);
            if (s.frames() == 0) throw new IllegalArgumentException("speaker " + e.getKey() + " has no frames");
            out.put(e.getKey(), s.estimate());
        }
        return out;
    }

    /**
     * The voice of every item as {@code analyze} would know it from that recording alone: the item's own voiced
     * frames blended with {@code prior}.
     */
    public static List<SpeakerStatistics.Estimate> fileVoices(List<Item> items, SpeakerPrior prior) {
        List<SpeakerStatistics.Estimate> out = new ArrayList<>(items.size());
        for (Item i : items) {
            SpeakerStatistics s = SpeakerStatistics.over(List.<float[][]>of(i.frames()), prior.gateC0());
            out.add(s.estimate(prior));
        }
        return out;
    }

    /** The voice of every item, in order, looked up in {@code estimates}. */
    public static List<SpeakerStatistics.Estimate> voices(List<Item> items,
                                                          Map<String, SpeakerStatistics.Estimate> estimates) {
        List<SpeakerStatistics.Estimate> out = new ArrayList<>(items.size());
        for (Item i : items) {
            SpeakerStatistics.Estimate e = estimates.get(i.utterance().speakerKey());
            if (e == null) throw new IllegalArgumentException("no statistics for " + i.utterance().speakerKey());
            out.add(e);
        }
        return out;
    }

    /**
     * The items' frames standardised by their voices, computed when asked for (a view: training sets are too large
     * to copy).
     */
    public static List<float[][]> normalizedFrames(List<Item> items, List<SpeakerStatistics.Estimate> voices) {
        return new AbstractList<>() {
            @Override
            public float[][] get(int index) {
                SpeakerStatistics.Estimate voice = voices.get(index);
                float[][] src = items.get(index).frames();
                float[][] out = new float[src.length][];
                for (int t = 0; t < src.length; t++) {
                    out[t] = new float[src[t].length];
                    voice.standardise(src[t], out[t]);
                }
                return out;
            }

            @Override
            public int size() {
                return items.size();
            }
        };
    }
}
