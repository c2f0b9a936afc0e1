package io.threefactor.functions.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.Optional;

/** {@code threefactor.storage.*}: where uploads are read and public files written. */
@ConfigMapping(prefix = "threefactor.storage")
public interface StorageConfig {

    /** {@code local} (a directory per bucket) or {@code s3}. */
    @WithDefault("local")
    Kind kind();

    Bucket uploads();

    @WithName("public")
    Bucket published();

    Local local();

    S3 s3();

    enum Kind { local, s3 }

    interface Bucket {
        /** Bucket name (s3) or sub-directory of the local root. */
        String name();

        /** URL prefix readers use for this bucket's objects; default: derived from the store. */
        Optional<String> baseUrl();

        /** S3 only: canned ACL sent with each new object, e.g. {@code public-read}; unset sends none. */
        Optional<String> acl();
    }

    interface Local {
        @WithDefault(".threefactor/storage")
        String root();
    }

    interface S3 {
        /** Endpoint override for S3-compatible servers; unset means AWS. */
        Optional<String> endpoint();

        @WithDefault("us-east-1")
        String region();

        @WithDefault("true")
        boolean pathStyle();

        /** Static credentials; unset means the SDK's default chain (env, profile, IAM role). */
        Optional<String> accessKeyId();

        Optional<String> secretAccessKey();
    }
}
