package org.emoscope.train.augment;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The copies made of every training file: one row per variant, the original included explicitly as
 * {@link AugmentationSpec#original()}.
 *
 * @param name     identifier for reports, e.g. {@code "paper"}
 * @param variants recipes with distinct keys
 */
public record AugmentationPlan(String name, List<AugmentationSpec> variants) {

    /** @throws IllegalArgumentException if there are no variants or two share a key */
    public AugmentationPlan {
        Objects.requireNonNull(name, "name");
        variants = List.copyOf(variants);
        if (variants.isEmpty()) throw new IllegalArgumentException("a plan needs at least one variant");
        HashSet<String> keys = new HashSet<>();
        for (AugmentationSpec v : variants)
            if (!keys.add(v.key())) throw new IllegalArgumentException("repeated variant " + v.key());
    }

    /** Only the original signal. */
    public static AugmentationPlan none() {
        return new AugmentationPlan("none", List.of(AugmentationSpec.original()));
    }

    /**
     * The paper's recipe, three rows per file: the original, a copy with added noise, and a copy shifted up by
     * 0.7 semitones. The paper does not state the noise level; white noise at an SNR drawn from 10..30 dB over the
     * active part is used here (a peak-relative noise amplitude as common in SER code gives SNRs of roughly that
     * range on speech).
     */
    public static AugmentationPlan paper(long seed) {
        return new AugmentationPlan("paper", List.of(
                AugmentationSpec.original(),
                AugmentationSpec.of(seed, new AddNoise(AddNoise.Colour.WHITE, 10, 30, AddNoise.Reference.ACTIVE)),
                AugmentationSpec.of(seed, PitchShift.of(0.7))));
    }

    /**
     * Richer default for training, six rows per file: the paper's three, then pitch -2..+2 semitones with pink
     * noise at 15..35 dB SNR, stretch 0.8..1.25 with gain -6..+6 dB, and a zero-filled shift of up to 250 ms with
     * white noise at 20..40 dB SNR.
     */
    public static AugmentationPlan training(long seed) {
        return new AugmentationPlan("training", List.of(
                AugmentationSpec.original(),
                AugmentationSpec.of(seed, new AddNoise(AddNoise.Colour.WHITE, 10, 30, AddNoise.Reference.ACTIVE)),
                AugmentationSpec.of(seed, PitchShift.of(0.7)),
                AugmentationSpec.of(seed, new PitchShift(-2, 2),
                        new AddNoise(AddNoise.Colour.PINK, 15, 35, AddNoise.Reference.ACTIVE)),
                AugmentationSpec.of(seed, new TimeStretch(0.8, 1.25), new Gain(-6, 6)),
                AugmentationSpec.of(seed, TimeShift.upTo(250, TimeShift.Fill.ZERO),
                        new AddNoise(AddNoise.Colour.WHITE, 20, 40, AddNoise.Reference.ACTIVE))));
    }

    /**
     * Rooms and channels a user's recording may come through, for invariance to them: the original, reverberation
     * (synthetic RIRs, RT60 0.4 s; 0.8 s with pink noise at 15..30 dB SNR), a telephone line (300-3,400 Hz, 8 kHz,
     * G.711 µ-law), pink noise at 5..20 dB SNR, and 8..14 dB of gain with clipping. The robustness test conditions
     * (RT60 0.3/0.6/0.9 s, other RIR draws) are not among them.
     */
    public static AugmentationPlan channel(long seed) {
        return new AugmentationPlan("channel", List.of(
                AugmentationSpec.original(),
                AugmentationSpec.of(seed, new Reverb(0.4)),
                AugmentationSpec.of(seed, new Reverb(0.8),
                        new AddNoise(AddNoise.Colour.PINK, 15, 30, AddNoise.Reference.ACTIVE)),
                AugmentationSpec.of(seed, new TelephoneLine()),
                AugmentationSpec.of(seed, new AddNoise(AddNoise.Colour.PINK, 5, 20, AddNoise.Reference.ACTIVE)),
                AugmentationSpec.of(seed, new Gain(8, 14))));
    }
}
