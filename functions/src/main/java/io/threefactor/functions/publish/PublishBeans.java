package io.threefactor.functions.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.threefactor.functions.image.AspectRatio;
import io.threefactor.functions.image.ImageConfig;
import io.threefactor.functions.image.ImageProcessor;
import io.threefactor.functions.image.RenditionSpec;
import io.threefactor.functions.storage.Stores;
import io.threefactor.functions.text.RichTextSanitizer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Wires the publish-program workflow. */
@ApplicationScoped
public class PublishBeans {

    @Produces
    @Singleton
    PublishProgramWorkflow publishProgramWorkflow(ProgramStore store, Stores stores, ImageProcessor processor,
            ImageConfig images, ObjectMapper json) {
        ProgramImagePublisher publisher = new ProgramImagePublisher(stores, processor, spec(images.cover()),
                spec(images.exercise()));
        return new PublishProgramWorkflow(store, publisher, new DocumentBuilder(new RichTextSanitizer()),
                stores.published(), json);
    }

    static RenditionSpec spec(ImageConfig.Shape shape) {
        return new RenditionSpec(Optional.of(AspectRatio.parse(shape.aspect())), shape.widths());
    }
}
