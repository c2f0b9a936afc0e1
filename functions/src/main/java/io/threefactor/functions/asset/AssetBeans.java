package io.threefactor.functions.asset;

import io.threefactor.functions.image.ImageConfig;
import io.threefactor.functions.image.ImageProcessor;
import io.threefactor.functions.image.RenditionSpec;
import io.threefactor.functions.storage.Stores;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Wires the process-image workflow: uploads get resized (uncropped) variants at the configured widths. */
@ApplicationScoped
public class AssetBeans {

    @Produces
    @Singleton
    ProcessImageWorkflow processImageWorkflow(AssetStore store, Stores stores, ImageProcessor processor,
            ImageConfig images) {
        return new ProcessImageWorkflow(store, stores, processor,
                new RenditionSpec(Optional.empty(), images.variantWidths()));
    }
}
