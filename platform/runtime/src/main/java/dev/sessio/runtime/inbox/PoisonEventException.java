package dev.sessio.runtime.inbox;

/** A record that can never be processed (malformed envelope or payload): not retried, sent to the dead-letter topic. */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String message) {
        super(message);
    }
}
