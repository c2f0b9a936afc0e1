package io.threefactor.functions.storage;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Object keys: content-addressed (sha256 of the bytes), and a guard against keys that escape a directory. */
public final class BlobKeys {

    private static final Pattern SAFE_KEY = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

    private BlobKeys() {
    }

    /** {@code <prefix>/<sha256 hex>.<extension>}: equal bytes, equal key; so re-publishing writes nothing new. */
    public static String contentAddressed(String prefix, byte[] bytes, String extension) {
        return prefix + "/" + sha256(bytes) + "." + extension;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    /** Relative, slash-separated, no {@code .}/{@code ..} segments. */
    public static String requireSafe(String key) {
        if (key == null || !SAFE_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not a valid storage key: " + key);
        }
        for (String segment : key.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("not a valid storage key: " + key);
            }
        }
        return key;
    }
}
