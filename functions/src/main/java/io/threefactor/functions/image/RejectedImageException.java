package io.threefactor.functions.image;

/** The bytes are not an acceptable image; the reason is shown to the coach, so it says what is wrong. */
public class RejectedImageException extends RuntimeException {

    public RejectedImageException(String reason) {
        super(reason);
    }

    public RejectedImageException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
