package io.rpmkit.hostile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.rpmkit.Console;
import io.rpmkit.PackagingException;
import io.rpmkit.payload.HeapShare;
import io.rpmkit.write.RpmWriter;

/**
 * Writes packages at the same time in one JVM, as {@code mvn -T} does, every writer with the one
 * {@link HeapShare}: {@code XzTogetherMain DIR COUNT MIB LEVEL}. Exits 0 when every package is written,
 * 2 with each PackagingException's message, 1 on anything else.
 */
public final class XzTogetherMain {
    private XzTogetherMain() {
    }

    public static void main(String[] args) {
        try {
            System.exit(writeTogether(Path.of(args[0]), Integer.parseInt(args[1]), Long.parseLong(args[2]) << 20,
                    Integer.parseInt(args[3])));
        } catch (Throwable e) { // an OutOfMemoryError among them: the test must see it at once, not time out
            e.printStackTrace(System.out);
            System.exit(1);
        }
    }

    private static int writeTogether(Path dir, int count, long size, int level) throws Exception {
        HeapShare shared = new HeapShare();
        CountDownLatch start = new CountDownLatch(count);
        ExecutorService builds = Executors.newFixedThreadPool(count);
        try {
            List<Future<?>> written = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = "together" + i;
                RpmWriter writer = new RpmWriter(Console.SILENT, shared);
                written.add(builds.submit(() -> {
                    start.countDown();
                    start.await();
                    writer.write(XzPackageMain.spec(name, size, level), dir.resolve(name + ".rpm"));
                    return null;
                }));
            }
            int failed = 0;
            for (Future<?> build : written) {
                try {
                    build.get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof PackagingException)) {
                        throw e;
                    }
                    System.out.println(e.getCause().getMessage());
                    failed++;
                }
            }
            return failed == 0 ? 0 : 2;
        } finally {
            builds.shutdownNow();
        }
    }
}
