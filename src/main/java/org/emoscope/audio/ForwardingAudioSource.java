package org.emoscope.audio;

import java.io.IOException;
import java.util.Objects;

/**
 * An {@link AudioSource} that passes every call to another; subclasses override what they watch or change (usually
 * {@link #read}), for example to count samples, remember a failure or timestamp reads.
 */
public abstract class ForwardingAudioSource implements AudioSource {

    /** The source calls are passed to. */
    protected final AudioSource source;

    protected ForwardingAudioSource(AudioSource source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    @Override
    public int sampleRate() {
        return source.sampleRate();
    }

    @Override
    public int read(float[] buffer, int offset, int length) throws IOException {
        return source.read(buffer, offset, length);
    }

    @Override
    public String description() {
        return source.description();
    }

    @Override
    public String warning() {
        return source.warning();
    }

    @Override
    public long lengthSamples() {
        return source.lengthSamples();
    }

    @Override
    public boolean isLive() {
        return source.isLive();
    }

    @Override
    public void close() {
        source.close();
    }
}
