package io.filterplayground.engine.fuzz;

import io.filterplayground.engine.error.EngineException;
import io.filterplayground.engine.wasm.LoadedModule;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs inputs against a target, each on a worker thread under a time limit, and sorts the outcomes:
 * a result, one clear error (an EngineException with a one-line message), or a finding (any other
 * exception or error, a message over several lines, a hang). Findings are written under {@code
 * target/fuzz-findings/<target>/} with their stack trace, to be kept in the regression folder.
 */
final class Fuzzer {
    /** What a run of the fuzzer did. */
    record Report(
            String target,
            long seed,
            long tried,
            long results,
            long clearErrors,
            long skipped,
            Map<String, Path> findings,
            long millis) {
        @Override
        public String toString() {
            return String.format(
                    "fuzz %s (seed %d): %,d inputs in %.1f s: %,d results, %,d clear errors, %,d"
                            + " skipped, %d findings %s",
                    target,
                    seed,
                    tried,
                    millis / 1000.0,
                    results,
                    clearErrors,
                    skipped,
                    findings.size(),
                    findings.keySet());
        }
    }

    /** The outcome of one input: null when it was a result or a clear error. */
    record Verdict(boolean clearError, String finding, String detail) {}

    private final FuzzTarget target;
    private ExecutorService worker = newWorker();

    Fuzzer(FuzzTarget target) {
        this.target = target;
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(
                r -> {
                    Thread t = new Thread(r, "fuzz-worker");
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Mutates the target's seeds for {@code millis}; findings are kept under {@code out}. */
    Report fuzz(long seed, long millis, Path out) throws IOException {
        Mutator mutator = new Mutator(seed, target.seeds(), target.dictionary());
        long start = System.currentTimeMillis();
        long tried = 0;
        long results = 0;
        long clear = 0;
        long skipped = 0;
        Map<String, Path> findings = new LinkedHashMap<>();
        while (System.currentTimeMillis() - start < millis) {
            byte[] input = mutator.next();
            if (target.skip(input)) {
                skipped++;
                continue;
            }
            tried++;
            Verdict v = check(input);
            if (v.finding() != null) {
                findings.computeIfAbsent(v.finding(), k -> keep(input, v, out));
            } else if (v.clearError()) {
                clear++;
            } else {
                results++;
            }
        }
        worker.shutdownNow();
        return new Report(
                target.name(),
                seed,
                tried,
                results,
                clear,
                skipped,
                findings,
                System.currentTimeMillis() - start);
    }

    /** Runs one input and judges what it did. */
    Verdict check(byte[] input) {
        Future<?> f =
                worker.submit(
                        () -> {
                            target.run(input);
                            return null;
                        });
        try {
            f.get(target.limitMillis(), TimeUnit.MILLISECONDS);
            return new Verdict(false, null, null);
        } catch (TimeoutException e) {
            f.cancel(true);
            worker.shutdownNow();
            worker = newWorker(); // the stuck thread is abandoned
            return new Verdict(false, "hang", "no answer within " + target.limitMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Verdict(false, "interrupted", "");
        } catch (ExecutionException e) {
            Throwable t = e.getCause();
            if (t instanceof EngineException ee
                    && ee.getMessage() != null
                    && !ee.getMessage().isBlank()
                    && !ee.getMessage().contains("\n")) {
                return new Verdict(true, null, null);
            }
            return new Verdict(false, signature(t), stackTrace(t));
        }
    }

    /** The exception's type and where it was thrown: one finding per distinct place. */
    private static String signature(Throwable t) {
        StackTraceElement[] s = t.getStackTrace();
        String where = s.length == 0 ? "?" : s[0].getClassName() + "." + s[0].getMethodName();
        if (t instanceof EngineException) {
            return t.getClass().getSimpleName() + " with a message over several lines";
        }
        return t.getClass().getName() + " at " + where;
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    private Path keep(byte[] input, Verdict v, Path out) {
        try {
            Path dir = out.resolve(target.name());
            Files.createDirectories(dir);
            String name = LoadedModule.sha256(input).substring(0, 16);
            Path file = dir.resolve(name + "." + target.extension());
            Files.write(file, input);
            Files.writeString(dir.resolve(name + ".txt"), v.finding() + "\n\n" + v.detail());
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The inputs of a regression folder, by file name. */
    static List<Path> corpus(Path dir, String extension) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (var s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith("." + extension)).sorted().forEach(files::add);
            }
        }
        return files;
    }
}
