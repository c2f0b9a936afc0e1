package io.threefactor.functions.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A function of the template running as Lambda runs it: the deployment package unzipped as the task root (the
 * working directory: {@code /var/task}), AWS's runtime interface client ({@code AWSLambda}, what AWS's Java base
 * images start) loading the template's handler, the JVM sized by the function's memory as the managed runtime does,
 * the template's variables plus Lambda's reserved ones, and its Runtime API and function URL on loopback.
 */
public final class LambdaRun implements AutoCloseable {

    /** The runtime client and what it needs; the package brings everything else. */
    private static final List<String> RUNTIME_JARS = List.of("aws-lambda-java-runtime-interface-client",
            "aws-lambda-java-core", "aws-lambda-java-serialization", "utils-lite");

    private final LambdaFunctionUrl url;
    private final ArtifactProcess process;

    private LambdaRun(LambdaFunctionUrl url, ArtifactProcess process) {
        this.url = url;
        this.process = process;
    }

    /**
     * @param deployment values of the variables the template takes from parameters or secrets, and the local
     *                   stand-ins' settings (an S3 endpoint, keys); every template variable must get a value
     */
    public static LambdaRun start(LambdaTemplate.Function function, Path taskRoot, Map<String, String> deployment,
            Path log) {
        Map<String, String> env = new LinkedHashMap<>();
        List<String> unset = new ArrayList<>();
        function.variables().forEach((name, value) -> {
            String v = deployment.containsKey(name) ? deployment.get(name) : value;
            if (v == null) {
                unset.add(name);
            } else {
                env.put(name, v);
            }
        });
        if (!unset.isEmpty()) {
            throw new IllegalArgumentException("the template sets " + unset + " from the deployment: give values");
        }
        deployment.forEach(env::putIfAbsent);
        LambdaFunctionUrl url = new LambdaFunctionUrl(function.logicalId(), function.timeoutSeconds());
        env.put("AWS_LAMBDA_RUNTIME_API", url.runtimeApi());
        env.put("_HANDLER", function.handler());
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("TZ", ":UTC");
        // The managed Java runtime's own options: heap from the configured memory, serial GC, CDS.
        List<String> jvm = List.of("-XX:MaxHeapSize=" + (function.memoryMb() * 85 / 100) + "m", "-XX:+UseSerialGC",
                "-Xshare:auto", "-cp", runtimeClasspath());
        ArtifactProcess process = ArtifactProcess.start(jvm,
                List.of("com.amazonaws.services.lambda.runtime.api.client.AWSLambda", function.handler()),
                taskRoot, env, log);
        return new LambdaRun(url, process);
    }

    /** Unzips the deployment package into a fresh task root. */
    public static Path unzip(Path zip) {
        try {
            Path root = Files.createTempDirectory("tf-lambda-task");
            try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
                for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                    Path target = root.resolve(e.getName()).normalize();
                    if (!target.startsWith(root)) {
                        throw new IllegalStateException("zip entry outside the task root: " + e.getName());
                    }
                    if (e.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(z, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String runtimeClasspath() {
        List<String> entries = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> RUNTIME_JARS.stream().anyMatch(name -> Path.of(p).getFileName().toString().startsWith(name)))
                .collect(Collectors.toList());
        if (entries.stream().noneMatch(p -> p.contains("aws-lambda-java-runtime-interface-client"))) {
            throw new IllegalStateException("AWS's runtime interface client is not on the test classpath (-Plambda)");
        }
        return String.join(File.pathSeparator, entries);
    }

    public LambdaFunctionUrl url() {
        return url;
    }

    public ArtifactProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
        url.close();
    }
}
