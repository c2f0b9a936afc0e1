package io.threefactor.functions.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threefactor.functions.event.Attempts;
import io.threefactor.functions.event.HasuraEvent;
import io.threefactor.functions.event.RetryableException;
import io.threefactor.functions.image.RejectedImageException;
import io.threefactor.functions.storage.BlobKeys;
import io.threefactor.functions.storage.BlobStore;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * publish-program: intent row → processing → (load, sanitise, images, documents, publication) → published | failed.
 *
 * <p>Idempotent: a published intent is left alone; a retry reuses the version its earlier attempt
 * chose, rewrites content-addressed objects it already wrote (skipped: same key, same bytes) and
 * upserts its own publication row.
 */
public final class PublishProgramWorkflow {

    private static final Logger LOG = Logger.getLogger(PublishProgramWorkflow.class);
    static final String DOCUMENT_PREFIX = "documents";

    private final ProgramStore store;
    private final ProgramImagePublisher images;
    private final DocumentBuilder documents;
    private final BlobStore publicBucket;
    private final ObjectMapper json;

    public PublishProgramWorkflow(ProgramStore store, ProgramImagePublisher images, DocumentBuilder documents,
            BlobStore publicBucket, ObjectMapper json) {
        this.store = store;
        this.images = images;
        this.documents = documents;
        this.publicBucket = publicBucket;
        this.json = json;
    }

    public PublishOutcome run(HasuraEvent event) {
        event.requireTable("public", "publish_program");
        UUID intentId = event.newUuid("id");
        return Attempts.run(event, () -> attempt(intentId, event),
                e -> fail(intentId, "gave up after the last retry: " + e.getMessage()));
    }

    private PublishOutcome attempt(UUID intentId, HasuraEvent event) {
        PublishIntent intent = store.intent(intentId).orElse(null);
        if (intent == null) {
            return PublishOutcome.noOp(intentId, "missing");
        }
        if (intent.isPublished()) {
            return PublishOutcome.noOp(intentId, intent.status());
        }
        store.updateIntent(intentId, IntentUpdate.processing());
        try {
            ProgramSource program = store.program(intent.programId()).orElse(null);
            if (program == null) {
                return fail(intentId, "program " + intent.programId() + " does not exist any more");
            }
            return publish(intentId, program);
        } catch (RejectedImageException e) {
            return fail(intentId, e.getMessage());
        } catch (RetryableException e) {
            if (!event.isLastAttempt()) {
                store.updateIntent(intentId, IntentUpdate.retrying("attempt failed, will retry: " + e.getMessage()));
            }
            throw e;
        }
    }

    private PublishOutcome publish(UUID intentId, ProgramSource program) {
        ProgramImages published = images.publish(program);
        int version = store.versionFor(program.id(), intentId);
        String slug = documents.slug(program);
        Documents docs = documents.build(program, slug, version, published);
        String landingUrl = storeDocument(docs.landing());
        String appUrl = storeDocument(docs.app());
        UUID publicationId = store.savePublication(new Publication(program.id(), intentId, slug, version,
                json.valueToTree(docs.landing()), json.valueToTree(docs.app())));
        PublishResult result = new PublishResult(publicationId, version, slug, landingUrl, appUrl,
                published.cover() == null ? null : published.cover().src(), published.count());
        store.updateIntent(intentId, IntentUpdate.published(json.valueToTree(result)));
        LOG.debugf("published program %s as %s v%d (intent %s)", program.id(), slug, version, intentId);
        return PublishOutcome.published(intentId, version);
    }

    private String storeDocument(Object document) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("documents are plain records", e);
        }
        String key = BlobKeys.contentAddressed(DOCUMENT_PREFIX, bytes, "json");
        if (!publicBucket.exists(key)) {
            publicBucket.put(key, bytes, "application/json");
        }
        return publicBucket.url(key);
    }

    private PublishOutcome fail(UUID intentId, String reason) {
        store.updateIntent(intentId, IntentUpdate.failed(reason));
        LOG.infof("publishing failed (intent %s): %s", intentId, reason);
        return PublishOutcome.failed(intentId, reason);
    }
}
