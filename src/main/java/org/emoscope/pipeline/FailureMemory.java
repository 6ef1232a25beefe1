package org.emoscope.pipeline;

import org.emoscope.audio.AudioSource;
import org.emoscope.audio.ForwardingAudioSource;

import java.io.IOException;

/**
 * Passes reads through and keeps the first {@link IOException}: TarsosDSP rethrows a read failure as an
 * {@link Error} holding only its text, and the session reports the original (e.g. an
 * {@link org.emoscope.audio.AudioDecodeException} naming the file).
 */
final class FailureMemory extends ForwardingAudioSource {
    private volatile IOException failure;

    FailureMemory(AudioSource source) {
        super(source);
    }

    IOException failure() {
        return failure;
    }

    @Override
    public int read(float[] buffer, int offset, int length) throws IOException {
        try {
            return source.read(buffer, offset, length);
        } catch (IOException e) {
            if (failure == null) failure = e;
            throw e;
        }
    }
}
