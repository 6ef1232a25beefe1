package org.emoscope.app.service;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import java.util.function.Consumer;

/**
 * Plays mono float samples through a Java Sound {@link SourceDataLine} on a thread of its own (JavaFX media cannot
 * play FLAC; this plays whatever was decoded). {@link #positionSeconds()} follows what has actually been heard.
 */
public final class Player {

    private final float[] samples;
    private final int rate;
    private volatile SourceDataLine line;
    private volatile boolean stopped;
    private volatile double startSeconds;
    private volatile double endedAt = Double.NaN;
    private Thread thread;

    public Player(float[] samples, int rate) {
        this.samples = samples;
        this.rate = rate;
    }

    /**
     * Starts playing from {@code fromSeconds} and returns at once: the line is opened and fed on a thread of its
     * own. {@code onEnd} runs on that thread when the end is reached or {@link #stop()} is called;
     * {@code onError} instead when there is no audio output (with a message saying so).
     */
    public synchronized void play(double fromSeconds, Runnable onEnd, Consumer<String> onError) {
        stop();
        stopped = false;
        line = null;
        startSeconds = Math.max(0, Math.min(fromSeconds, samples.length / (double) rate));
        int from = (int) Math.round(startSeconds * rate);
        thread = new Thread(() -> {
            AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
            SourceDataLine l;
            try {
                l = AudioSystem.getSourceDataLine(format);
                l.open(format, rate / 5 * 2);
            } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
                stopped = true;
                onError.accept(explain(e, rate));
                return;
            }
            synchronized (this) {
                if (stopped) {
                    l.close();
                    onEnd.run();
                    return;
                }
                line = l;
                l.start();
            }
            run(l, from, onEnd);
        }, "emoscope-playback");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(SourceDataLine l, int from, Runnable onEnd) {
        byte[] buf = new byte[rate / 50 * 2];
        try {
            for (int i = from; i < samples.length && !stopped; ) {
                int n = Math.min(buf.length / 2, samples.length - i);
                for (int k = 0; k < n; k++) {
                    int v = Math.round(Math.max(-1f, Math.min(1f, samples[i + k])) * 32767);
                    buf[2 * k] = (byte) v;
                    buf[2 * k + 1] = (byte) (v >> 8);
                }
                l.write(buf, 0, 2 * n);
                i += n;
            }
            if (!stopped) l.drain();
        } finally {
            endedAt = startSeconds + l.getLongFramePosition() / (double) rate;
            l.stop();
            l.close();
            stopped = true;
            onEnd.run();
        }
    }

    /**
     * What went wrong opening the sound output, in the app's words: Java Sound's own text ("No line matching
     * interface SourceDataLine supporting format PCM_SIGNED ...") names its classes, not the user's problem.
     */
    static String explain(Exception e, int rate) {
        String format = String.format(java.util.Locale.ROOT, "mono sound at %s kHz",
                new java.text.DecimalFormat("0.###", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT))
                        .format(rate / 1000.0));
        if (e instanceof IllegalArgumentException)
            return "No sound output found: the system offers no speakers or headphones that can play " + format
                    + ". Connect or enable an output device (or start the sound server), then press Play again.";
        if (e instanceof SecurityException)
            return "The sound output may not be used from this app (a security policy forbids it).";
        return "The sound output is busy or could not be opened (another program may be holding it). "
                + "Close that program or pick another output in the system's sound settings, then press Play again.";
    }

    /** Seconds into the samples that are being heard now (the start position when not playing). */
    public double positionSeconds() {
        if (!Double.isNaN(endedAt)) return endedAt;
        SourceDataLine l = line;
        if (l == null) return startSeconds;
        return startSeconds + l.getLongFramePosition() / (double) rate;
    }

    public boolean playing() {
        return !stopped;
    }

    /** Stops playback; returns at once. */
    public synchronized void stop() {
        stopped = true;
        SourceDataLine l = line;
        if (l != null) {
            l.stop();
            l.flush();
        }
    }
}
