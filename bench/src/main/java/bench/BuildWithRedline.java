package bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.redline_rpm.Builder;
import org.redline_rpm.header.Architecture;
import org.redline_rpm.header.Os;
import org.redline_rpm.header.RpmType;

/** Packages a directory tree under /opt/bench with Redline 1.2.10's own builder (gzip only). Arguments: input-dir output-dir. */
public final class BuildWithRedline {
    public static void main(String[] args) throws Exception {
        Path input = Path.of(args[0]);
        Builder builder = new Builder();
        builder.setPackage("bench", "1", "1");
        builder.setType(RpmType.BINARY);
        builder.setPlatform(Architecture.NOARCH, Os.LINUX);
        builder.setSummary("Benchmark contents");
        builder.setDescription("Benchmark contents");
        builder.setLicense("MIT");
        builder.setBuildHost("localhost");
        builder.addDirectory("/opt/bench");
        try (Stream<Path> walk = Files.walk(input)) {
            for (Path path : (Iterable<Path>) walk.sorted()::iterator) {
                if (path.equals(input)) {
                    continue;
                }
                String name = "/opt/bench/" + input.relativize(path).toString();
                if (Files.isDirectory(path)) {
                    builder.addDirectory(name);
                } else {
                    builder.addFile(name, path.toFile());
                }
            }
        }
        builder.build(new File(args[1]));
    }
}
