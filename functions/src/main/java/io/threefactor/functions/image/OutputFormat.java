package io.threefactor.functions.image;

/** Formats renditions are written in. */
public enum OutputFormat {
    JPEG("jpeg", "jpg", "image/jpeg"),
    WEBP("webp", "webp", "image/webp");

    public final String imageIoName;
    public final String extension;
    public final String contentType;

    OutputFormat(String imageIoName, String extension, String contentType) {
        this.imageIoName = imageIoName;
        this.extension = extension;
        this.contentType = contentType;
    }
}
