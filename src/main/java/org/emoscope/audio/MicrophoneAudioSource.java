package org.emoscope.audio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.TargetDataLine;

/**
 * Live audio from a microphone (a Java Sound {@link TargetDataLine}) as mono samples at a chosen rate. The device is
 * opened in 16-bit mono at that rate if it allows; otherwise in the first format it accepts among common rates
 * (48, 44.1, 32, 22.05, 96, 11.025, 8 kHz), mono or stereo, and converted with a streaming {@link Resampler}. The
 * device buffer holds about 40 ms.
 *
 * <p>{@link #read} blocks until audio arrives; {@link #close()} from another thread makes it return -1. If the device
 * delivers nothing for 2 s (unplugged, disabled), {@link #read} throws an {@link AudioDeviceException} instead of
 * waiting forever.
 */
public final class MicrophoneAudioSource implements AudioSource {

    /** How long a device may deliver nothing before it is reported as gone. */
    static final Duration STALL_TIMEOUT = Duration.ofSeconds(2);

    private static final int BUFFER_MILLIS = 40;
    private static final int[] FALLBACK_RATES = {48000, 44100, 32000, 22050, 96000, 11025, 8000};
    private static final long EMPTY_READ_PAUSE_MILLIS = 10;
    private static final float[] NONE = new float[0];

    private final TargetDataLine line;
    private final PcmFormat format;
    private final Resampler resampler;
    private final String name;
    private final int sampleRate;
    private final long stallNanos;
    private final int maxReadFrames;
    private byte[] bytes = new byte[0];
    /** Bytes of an incomplete frame left from the previous read, at the start of {@link #bytes}. */
    private int carry;
    private float[] mono = NONE;
    private float[] pending = NONE;
    private int pendingPosition;
    private volatile boolean closed;

    /**
     * Wraps a line that is already open in {@code lineFormat} and started.
     *
     * @param stallTimeout how long the line may deliver nothing before {@link #read} fails
     */
    MicrophoneAudioSource(TargetDataLine line, AudioFormat lineFormat, String name, int sampleRate,
                          Duration stallTimeout) {
        this.line = Objects.requireNonNull(line, "line");
        this.format = PcmFormat.of(lineFormat);
        if (format == null) throw new IllegalArgumentException("not a PCM format: " + lineFormat);
        this.name = name;
        this.sampleRate = sampleRate;
        this.stallNanos = stallTimeout.toNanos();
        this.resampler = format.sampleRate() == sampleRate ? null : new Resampler(format.sampleRate(), sampleRate);
        int bufferFrames = line.getBufferSize() / format.frameSize();
        this.maxReadFrames = Math.max(1, bufferFrames / 2);
    }

    /**
     * Opens and starts a microphone.
     *
     * @param deviceName a {@link CaptureDevice#name()} from {@link Microphones#list()}, or null for the default device
     * @param sampleRate the rate to deliver, Hz (e.g. 16000)
     * @throws AudioDeviceException     if there is no microphone ("No microphone found: ..."), the named one does not
     *                                  exist, or it cannot be opened (busy, or no usable format)
     * @throws IllegalArgumentException if {@code sampleRate} is not positive
     */
    public static MicrophoneAudioSource open(String deviceName, int sampleRate) throws AudioDeviceException {
        if (sampleRate <= 0) throw new IllegalArgumentException("sampleRate must be positive: " + sampleRate);
        String label = deviceName == null || deviceName.isBlank() ? "Default microphone" : deviceName;
        TargetDataLine line = Microphones.line(deviceName);
        AudioFormat format = openLine(line, sampleRate, label);
        try {
            line.start();
        } catch (RuntimeException e) {
            line.close();
            throw new AudioDeviceException(label + ": the microphone cannot be started (" + e.getMessage() + ")", e);
        }
        return new MicrophoneAudioSource(line, format, label, sampleRate, STALL_TIMEOUT);
    }

    /**
     * Opens {@code line} in the first acceptable 16-bit format: {@code sampleRate} first, then the fallback rates;
     * mono before stereo; little- before big-endian.
     *
     * @return the format the line was opened in
     * @throws AudioDeviceException if the line accepts none of them
     */
    static AudioFormat openLine(TargetDataLine line, int sampleRate, String label) throws AudioDeviceException {
        DataLine.Info info = line.getLineInfo() instanceof DataLine.Info d ? d : null;
        String lastError = "it supports none of the usual 16-bit formats";
        for (AudioFormat candidate : candidateFormats(sampleRate)) {
            if (info != null && !info.isFormatSupported(candidate)) continue;
            try {
                int frames = Math.round(candidate.getSampleRate() * BUFFER_MILLIS / 1000f);
                line.open(candidate, frames * candidate.getFrameSize());
                return candidate;
            } catch (LineUnavailableException | IllegalArgumentException | IllegalStateException e) {
                lastError = e.getMessage();
            }
        }
        throw new AudioDeviceException(label + ": the microphone cannot be opened (" + lastError
                + "); it may be in use by another program");
    }

    private static List<AudioFormat> candidateFormats(int sampleRate) {
        Set<Integer> rates = new LinkedHashSet<>();
        rates.add(sampleRate);
        for (int rate : FALLBACK_RATES) rates.add(rate);
        List<AudioFormat> formats = new ArrayList<>();
        for (int rate : rates) {
            for (int channels = 1; channels <= 2; channels++) {
                formats.add(new AudioFormat(rate, 16, channels, true, false));
                formats.add(new AudioFormat(rate, 16, channels, true, true));
            }
        }
        return formats;
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    /**
     * {@inheritDoc}
     *
     * @throws AudioDeviceException if the device fails or has delivered nothing for 2 s
     */
    @Override
    public int read(float[] buffer, int offset, int length) throws AudioDeviceException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) return 0;
        long lastProgress = System.nanoTime();
        while (pendingPosition == pending.length) {
            if (closed) return -1;
            int request = requestBytes(length);
            int n;
            try {
                n = line.read(bytes, carry, request);
            } catch (RuntimeException e) {
                if (closed) return -1;
                throw new AudioDeviceException(name + ": the microphone failed (" + e.getMessage() + ")", e);
            }
            if (closed) return -1;
            if (n > 0) {
                convert(n);
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > stallNanos) {
                long millis = Duration.ofNanos(stallNanos).toMillis();
                String seconds = millis % 1000 == 0 ? String.valueOf(millis / 1000) : String.valueOf(millis / 1000.0);
                throw new AudioDeviceException(name + ": the microphone stopped delivering audio for more than "
                        + seconds + " s"
                        + (line.isOpen() ? "" : " and its line was closed") + "; was it unplugged or disabled?");
            } else if (!pause()) {
                return -1;
            }
        }
        int n = Math.min(length, pending.length - pendingPosition);
        for (int i = 0; i < n; i++) {
            buffer[offset + i] = Math.max(-1f, Math.min(1f, pending[pendingPosition + i]));
        }
        pendingPosition += n;
        return n;
    }

    /** Bytes to ask the line for: about what {@code length} output samples need, at most half the buffer. */
    private int requestBytes(int length) {
        long frames = (long) Math.ceil(length * (double) format.sampleRate() / sampleRate);
        int request = (int) Math.max(1, Math.min(frames, maxReadFrames)) * format.frameSize();
        if (bytes.length < carry + request) bytes = Arrays.copyOf(bytes, carry + request);
        return request;
    }

    private void convert(int newBytes) {
        int available = carry + newBytes;
        int frames = available / format.frameSize();
        if (mono.length < frames) mono = new float[frames];
        format.toMono(bytes, 0, frames, mono, 0);
        int used = frames * format.frameSize();
        System.arraycopy(bytes, used, bytes, 0, available - used);
        carry = available - used;
        pending = resampler == null ? Arrays.copyOf(mono, frames) : resampler.process(mono, 0, frames);
        pendingPosition = 0;
    }

    /** Sleeps briefly after an empty read; false if interrupted (the interrupt flag is kept). */
    private static boolean pause() {
        try {
            Thread.sleep(EMPTY_READ_PAUSE_MILLIS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The device name, or "Default microphone". */
    @Override
    public String description() {
        return name;
    }

    /** The format the device was opened in, e.g. "16-bit PCM, 48000 Hz, stereo". */
    public String captureFormat() {
        return format.describe();
    }

    @Override
    public boolean isLive() {
        return true;
    }

    /** Stops and releases the device; a {@link #read} blocked in another thread returns -1. */
    @Override
    public void close() {
        closed = true;
        line.stop();
        line.close();
    }
}
