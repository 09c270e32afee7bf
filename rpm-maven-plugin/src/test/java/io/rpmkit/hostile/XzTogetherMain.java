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
 * Writes packages at the same time in one JVM, as {@code mvn -T} does: {@code XzTogetherMain DIR COUNT
 * MIB LEVEL shared|alone}, each writer with the one {@link HeapShare} or with its own. Exits 0 when every
 * package is written, 2 with each failure's message otherwise.
 */
public final class XzTogetherMain {
    private XzTogetherMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        long size = Long.parseLong(args[2]) << 20;
        int level = Integer.parseInt(args[3]);
        HeapShare shared = args[4].equals("shared") ? new HeapShare() : null;
        CountDownLatch start = new CountDownLatch(count);
        ExecutorService builds = Executors.newFixedThreadPool(count);
        List<Future<?>> written = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = "together" + i;
            RpmWriter writer = new RpmWriter(Console.SILENT, shared != null ? shared : new HeapShare());
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
        builds.shutdown();
        System.exit(failed == 0 ? 0 : 2);
    }
}
