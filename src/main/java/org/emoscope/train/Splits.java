package org.emoscope.train;

import org.emoscope.train.corpus.Utterance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Evaluation splits. Speakers are identified by {@link Utterance#speakerKey()} (corpus and speaker), and the
 * speaker-grouped splits never put a speaker on both sides. Every method is deterministic: the same input (in the
 * same order) and seed give the same split on every run and JVM ({@link Random} is specified exactly).
 * Note that {@code emodb} and {@code emodb-2s} contain the same recordings under different corpus names: never mix
 * them.
 */
public final class Splits {

    private Splits() {
    }

    /** One fold per speaker, in speaker-key order; fold i tests on the i-th speaker and trains on all others. */
    public static List<Fold> leaveOneSpeakerOut(List<Utterance> utterances) {
        Map<String, List<Utterance>> bySpeaker = bySpeaker(utterances);
        if (bySpeaker.size() < 2) throw new IllegalArgumentException("need at least 2 speakers");
        List<Set<String>> groups = new ArrayList<>();
        for (String speaker : bySpeaker.keySet()) groups.add(Set.of(speaker));
        return folds(utterances, bySpeaker.keySet(), groups);
    }

    /**
     * One fold per corpus of {@code corpora}, in that order: fold i tests on every utterance of the i-th corpus and
     * trains on all the others.
     *
     * @throws IllegalArgumentException unless there are at least 2 corpora, each with utterances
     */
    public static List<Fold> leaveOneCorpusOut(List<Utterance> utterances, List<String> corpora) {
        if (corpora.size() < 2) throw new IllegalArgumentException("leave one corpus out needs at least 2 corpora");
        Map<String, List<Utterance>> bySpeaker = bySpeaker(utterances);
        List<Set<String>> groups = new ArrayList<>();
        for (String corpus : corpora) {
            Set<String> speakers = new TreeSet<>();
            for (Utterance u : utterances) if (u.corpus().equals(corpus)) speakers.add(u.speakerKey());
            if (speakers.isEmpty()) throw new IllegalArgumentException("no utterances of corpus " + corpus);
            groups.add(speakers);
        }
        return folds(utterances, bySpeaker.keySet(), groups);
    }

    /**
     * {@code k} folds of whole speakers, balanced by utterance count: speakers are shuffled with {@code seed}, then
     * taken from most to fewest utterances (ties in shuffled order) and each is given to the fold with the fewest
     * utterances so far (ties: fewer speakers, then lower index). Every utterance is in exactly one test fold.
     *
     * @throws IllegalArgumentException unless 2 &lt;= k &lt;= number of speakers
     */
    public static List<Fold> groupedKFold(List<Utterance> utterances, int k, long seed) {
        Map<String, List<Utterance>> bySpeaker = bySpeaker(utterances);
        if (k < 2 || k > bySpeaker.size())
            throw new IllegalArgumentException("k must be in 2.." + bySpeaker.size() + " (speakers), got " + k);
        List<String> order = new ArrayList<>(bySpeaker.keySet());
        Collections.shuffle(order, new Random(seed));
        order.sort(Comparator.comparingInt((String s) -> bySpeaker.get(s).size()).reversed());
        List<Set<String>> groups = new ArrayList<>();
        int[] load = new int[k];
        for (int f = 0; f < k; f++) groups.add(new TreeSet<>());
        for (String speaker : order) {
            int target = 0;
            for (int f = 1; f < k; f++) {
                if (load[f] < load[target]
                        || load[f] == load[target] && groups.get(f).size() < groups.get(target).size()) target = f;
            }
            groups.get(target).add(speaker);
            load[target] += bySpeaker.get(speaker).size();
        }
        return folds(utterances, bySpeaker.keySet(), groups);
    }

    /**
     * Holds out {@code n} of the fold's training speakers for early stopping; the fold's test speakers are never
     * touched. Speakers are drawn with {@code seed}, alternating between corpora (in name order) so a multi-corpus
     * fold validates on several corpora.
     *
     * @throws IllegalArgumentException unless 1 &lt;= n &lt; number of training speakers
     */
    public static ValidationSplit validationSpeakers(Fold fold, int n, long seed) {
        int available = fold.trainSpeakers().size();
        if (n < 1 || n >= available)
            throw new IllegalArgumentException("n must be in 1.." + (available - 1) + " (training speakers - 1), got " + n);
        Map<String, List<String>> byCorpus = new TreeMap<>();
        for (Utterance u : fold.train()) {
            List<String> speakers = byCorpus.computeIfAbsent(u.corpus(), c -> new ArrayList<>());
            if (!speakers.contains(u.speakerKey())) speakers.add(u.speakerKey());
        }
        Random random = new Random(seed);
        for (List<String> speakers : byCorpus.values()) {
            Collections.sort(speakers);
            Collections.shuffle(speakers, random);
        }
        Set<String> held = new TreeSet<>();
        for (int round = 0; held.size() < n; round++) {
            for (List<String> speakers : byCorpus.values()) {
                if (round < speakers.size() && held.size() < n) held.add(speakers.get(round));
            }
        }
        List<Utterance> fit = new ArrayList<>();
        List<Utterance> validation = new ArrayList<>();
        for (Utterance u : fold.train()) (held.contains(u.speakerKey()) ? validation : fit).add(u);
        List<String> fitSpeakers = new ArrayList<>(fold.trainSpeakers());
        fitSpeakers.removeAll(held);
        return new ValidationSplit(fitSpeakers, List.copyOf(held), fit, validation);
    }

    /**
     * The seed paper's protocol, reproduced on purpose: {@code rows} (already augmented, so several rows per
     * recording) shuffled with {@code seed}, the first {@code round(trainFraction * size)} for training and the
     * rest for testing. It LEAKS: the same speakers, and copies of the same recording, land on both sides, so its
     * accuracy says little about new speakers. Use it only to compare with the paper.
     *
     * @throws IllegalArgumentException unless 0 &lt; trainFraction &lt; 1
     */
    public static <T> RandomSplit<T> paperSplit(List<T> rows, double trainFraction, long seed) {
        if (!(trainFraction > 0 && trainFraction < 1))
            throw new IllegalArgumentException("trainFraction must be in (0, 1), got " + trainFraction);
        List<T> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(seed));
        int trainSize = (int) Math.round(trainFraction * shuffled.size());
        return new RandomSplit<>(shuffled.subList(0, trainSize), shuffled.subList(trainSize, shuffled.size()));
    }

    private static Map<String, List<Utterance>> bySpeaker(List<Utterance> utterances) {
        Map<String, List<Utterance>> bySpeaker = new TreeMap<>();
        for (Utterance u : utterances) bySpeaker.computeIfAbsent(u.speakerKey(), s -> new ArrayList<>()).add(u);
        return bySpeaker;
    }

    private static List<Fold> folds(List<Utterance> utterances, Set<String> speakers, List<Set<String>> testGroups) {
        List<Fold> folds = new ArrayList<>();
        for (Set<String> testSpeakers : testGroups) {
            List<Utterance> train = new ArrayList<>();
            List<Utterance> test = new ArrayList<>();
            for (Utterance u : utterances) (testSpeakers.contains(u.speakerKey()) ? test : train).add(u);
            Set<String> trainSpeakers = new TreeSet<>(speakers);
            trainSpeakers.removeAll(testSpeakers);
            folds.add(new Fold(folds.size(), List.copyOf(trainSpeakers), List.copyOf(new TreeSet<>(testSpeakers)),
                    train, test));
        }
        return folds;
    }
}
