package org.emoscope.app.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.sound.sampled.LineUnavailableException;

import org.junit.jupiter.api.Test;

/** Playback failures are told in the app's words, not in Java Sound's. */
class PlayerTest {

    @Test
    void noOutputIsSaidPlainly() {
        // what AudioSystem.getSourceDataLine throws on a machine with no sound output
        String raw = "No line matching interface SourceDataLine supporting format PCM_SIGNED 16000.0 Hz, 16 bit, "
                + "mono, 2 bytes/frame, little-endian is supported.";
        String said = Player.explain(new IllegalArgumentException(raw), 16000);
        assertTrue(said.startsWith("No sound output found"), said);
        assertTrue(said.contains("16 kHz"), said);
        assertFalse(said.contains("SourceDataLine") || said.contains("PCM_SIGNED"), said);
        assertTrue(Player.explain(new IllegalArgumentException(raw), 22050).contains("22.05 kHz"));
        String busy = Player.explain(new LineUnavailableException("line with format PCM_SIGNED not supported"), 16000);
        assertTrue(busy.contains("busy"), busy);
        assertFalse(busy.contains("PCM_SIGNED"), busy);
    }

    @Test
    void playingWithoutAnOutputReportsInTheAppsWords() throws InterruptedException {
        java.util.concurrent.CompletableFuture<String> outcome = new java.util.concurrent.CompletableFuture<>();
        Player p = new Player(new float[1600], 16000);
        p.play(0, () -> outcome.complete("played"), outcome::complete);
        String result;
        try {
            result = outcome.get(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e);
        } finally {
            p.stop();
        }
        // with a sound output this plays 0.1 s of silence; without one it must not quote Java Sound
        assertFalse(result.contains("SourceDataLine") || result.contains("PCM_SIGNED"), result);
    }
}
