import io.rpmkit.read.RpmReader
import java.nio.file.Files
import java.security.MessageDigest

// Built twice by invoker.properties: on two threads into target/parallel, then serially into target/serial.
def log = new File(basedir, "build.log").text
assert log.contains("MultiThreadedBuilder implementation with a thread count of 2") : "the first build ran -T 2"
assert !log.contains("not marked as @threadSafe") : "the rpm goal is thread-safe"

def sha256 = { file -> MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)).encodeHex().toString() }
def greetings = [alpha: "Hello", beta: "Bonjour", gamma: "Hallo", delta: "Ciao"]
def compressors = [alpha: "GZIP", beta: "XZ", gamma: "ZSTD", delta: "NONE"]

greetings.each { module, greeting ->
    def target = basedir.toPath().resolve(module).resolve("target")
    def parallel = target.resolve("parallel/${module}-1.0-1.noarch.rpm")
    def serial = target.resolve("serial/${module}-1.0-1.noarch.rpm")
    assert Files.isRegularFile(parallel) && Files.isRegularFile(serial) : module
    assert sha256(parallel) == sha256(serial) : "${module}: the -T 2 package differs from the serial"

    ["parallel", "serial"].each { dir ->
        def names = target.resolve(dir).toFile().list() as List
        assert names == ["${module}-1.0-1.noarch.rpm".toString()] : "${module}/${dir}: a temporary file is left"
    }

    // Each package holds its own module's values: nothing leaked from a neighbour built at the same time.
    def pkg = RpmReader.read(parallel)
    assert pkg.name() == module
    assert pkg.payloadCompression().name() == compressors[module]
    assert pkg.verifyDigests().allOk()
    def contents = [:]
    pkg.forEachPayloadEntry { entry ->
        contents["/" + entry.name()] = new String(entry.content().readAllBytes(), "UTF-8")
    }
    def conf = contents["/etc/${module}.conf".toString()]
    assert conf.contains("module=${module}\nversion=1.0\ngreeting=${greeting} from ${module}\n")
    assert contents["/usr/share/${module}/lib/notes.txt".toString()] == "notes of ${module}: ${greeting}\n"
    assert contents["/usr/share/${module}/data.txt".toString()] == "${module} data\n"
    assert contents.keySet().every {
        it.startsWith("/usr/share/${module}") || it == "/etc/${module}.conf" || it == "/usr/bin/${module}"
    }
}
return true
