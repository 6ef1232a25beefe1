package org.emoscope.audio;

import java.util.Arrays;
import java.util.function.Predicate;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Control;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.Line;
import javax.sound.sampled.LineListener;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.TargetDataLine;

/**
 * A capture line without hardware. It accepts the formats a predicate allows, then delivers the bytes it was given,
 * and afterwards either blocks until closed (like a live device with nothing more to say) or, when told the device
 * is gone, returns 0 bytes at once forever with the line inactive.
 */
final class FakeTargetDataLine implements TargetDataLine {

    private final Predicate<AudioFormat> accepts;
    private final AudioFormat[] advertised;
    private byte[] data = new byte[0];
    private int position;
    private boolean gone;
    private RuntimeException failure;
    private AudioFormat format;
    private int bufferSize;
    private boolean open;
    private boolean running;

    FakeTargetDataLine(Predicate<AudioFormat> accepts, AudioFormat... advertised) {
        this.accepts = accepts;
        this.advertised = advertised;
    }

    /** Bytes to deliver, in the format the line will be opened in. */
    synchronized FakeTargetDataLine deliver(byte[] bytes) {
        this.data = bytes;
        this.position = 0;
        return this;
    }

    /** After the delivered bytes, behave like an unplugged device. */
    synchronized FakeTargetDataLine disappearAfterData() {
        this.gone = true;
        return this;
    }

    /** After the delivered bytes, throw this from read. */
    synchronized FakeTargetDataLine failAfterData(RuntimeException e) {
        this.failure = e;
        return this;
    }

    @Override
    public synchronized void open(AudioFormat format, int bufferSize) throws LineUnavailableException {
        if (!accepts.test(format)) throw new LineUnavailableException("format not supported: " + format);
        this.format = format;
        this.bufferSize = bufferSize;
        this.open = true;
    }

    @Override
    public void open(AudioFormat format) throws LineUnavailableException {
        open(format, 4096);
    }

    @Override
    public void open() throws LineUnavailableException {
        throw new LineUnavailableException("a format is required");
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
        if (position < data.length) {
            int n = Math.min(len, data.length - position);
            n -= n % format.getFrameSize();
            System.arraycopy(data, position, b, off, n);
            position += n;
            return n;
        }
        if (failure != null) throw failure;
        if (gone) {
            running = false;
            return 0;
        }
        while (open && running) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
        return 0;
    }

    @Override
    public synchronized void start() {
        running = true;
    }

    @Override
    public synchronized void stop() {
        running = false;
        notifyAll();
    }

    @Override
    public synchronized void close() {
        open = false;
        running = false;
        notifyAll();
    }

    @Override
    public synchronized boolean isOpen() {
        return open;
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }

    @Override
    public synchronized boolean isActive() {
        return running;
    }

    @Override
    public synchronized AudioFormat getFormat() {
        return format;
    }

    @Override
    public synchronized int getBufferSize() {
        return bufferSize;
    }

    @Override
    public Line.Info getLineInfo() {
        return new DataLine.Info(TargetDataLine.class, Arrays.copyOf(advertised, advertised.length), 0, 1 << 20);
    }

    @Override
    public void drain() {
    }

    @Override
    public void flush() {
    }

    @Override
    public int available() {
        return 0;
    }

    @Override
    public int getFramePosition() {
        return 0;
    }

    @Override
    public long getLongFramePosition() {
        return 0;
    }

    @Override
    public long getMicrosecondPosition() {
        return 0;
    }

    @Override
    public float getLevel() {
        return AudioSystem.NOT_SPECIFIED;
    }

    @Override
    public Control[] getControls() {
        return new Control[0];
    }

    @Override
    public boolean isControlSupported(Control.Type control) {
        return false;
    }

    @Override
    public Control getControl(Control.Type control) {
        throw new IllegalArgumentException("no controls");
    }

    @Override
    public void addLineListener(LineListener listener) {
    }

    @Override
    public void removeLineListener(LineListener listener) {
    }
}
