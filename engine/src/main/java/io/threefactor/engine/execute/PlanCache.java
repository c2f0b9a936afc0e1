package io.threefactor.engine.execute;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.threefactor.engine.parse.PreparedDocument;

/**
 * Two bounded caches: prepared documents by (schema generation, role, query, operation name), and plans by
 * (prepared document, values of its plan-shaping variables). A metadata reload bumps the generation, so stale
 * entries are never hit and age out.
 */
public final class PlanCache {

    record DocumentKey(long generation, String role, String query, String operationName) { }

    record PlanKey(PreparedDocument document, String shapingSignature) { }

    final Cache<DocumentKey, PreparedDocument> documents;
    final Cache<PlanKey, Plan> plans;

    public PlanCache(long maxDocuments, long maxPlans) {
        this.documents = Caffeine.newBuilder().maximumSize(maxDocuments).build();
        this.plans = Caffeine.newBuilder().maximumSize(maxPlans).build();
    }
}
