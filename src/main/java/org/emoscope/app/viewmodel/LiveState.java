package org.emoscope.app.viewmodel;

/** Where live analysis is. */
public enum LiveState {
    /** Not listening. */
    IDLE,
    /** Opening the microphone. */
    STARTING,
    /** Listening and analysing. */
    RUNNING,
    /** No usable microphone (none found, or it went away): the device list is polled every 2 s. */
    WAITING_FOR_DEVICE
}
