package io.threefactor.functions.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What every {@link BlobStore} does; each implementation's test supplies a store. */
abstract class BlobStoreContract {

    abstract BlobStore store();

    @Test
    void putGetExistsAndOverwrite() {
        BlobStore store = store();
        String key = "images/" + BlobKeys.sha256("a".getBytes(StandardCharsets.UTF_8)) + ".jpg";
        assertFalse(store.exists(key));
        assertTrue(store.get(key).isEmpty());

        store.put(key, "first".getBytes(StandardCharsets.UTF_8), "image/jpeg");
        assertTrue(store.exists(key));
        assertArrayEquals("first".getBytes(StandardCharsets.UTF_8), store.get(key).orElseThrow());

        store.put(key, "second".getBytes(StandardCharsets.UTF_8), "image/jpeg");
        assertArrayEquals("second".getBytes(StandardCharsets.UTF_8), store.get(key).orElseThrow());
        assertTrue(store.url(key).endsWith("/" + key), store.url(key));
    }

    @Test
    void refusesKeysThatLeaveTheStore() {
        for (String key : new String[] {"../etc/passwd", "a/../../b", "/abs", "a//b", "", "a/./b"}) {
            assertThrows(IllegalArgumentException.class, () -> store().get(key), key);
        }
    }

    @Test
    void contentAddressedKeysAreTheSha256OfTheBytes() {
        byte[] bytes = "hello".getBytes(StandardCharsets.UTF_8);
        assertEquals("images/2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824.jpg",
                BlobKeys.contentAddressed("images", bytes, "jpg"));
    }
}
