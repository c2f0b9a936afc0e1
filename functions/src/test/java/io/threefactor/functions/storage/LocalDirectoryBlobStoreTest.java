package io.threefactor.functions.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDirectoryBlobStoreTest extends BlobStoreContract {

    @TempDir
    Path root;

    @Override
    BlobStore store() {
        return new LocalDirectoryBlobStore(root, "");
    }

    @Test
    void writesPlainFilesAndServesFileUrlsByDefault() throws Exception {
        store().put("documents/x.json", "{}".getBytes(), "application/json");
        assertEquals("{}", Files.readString(root.resolve("documents/x.json")));
        assertTrue(store().url("documents/x.json").startsWith("file:"), store().url("documents/x.json"));
        assertEquals("https://cdn.example/documents/x.json",
                new LocalDirectoryBlobStore(root, "https://cdn.example").url("documents/x.json"));
    }
}
