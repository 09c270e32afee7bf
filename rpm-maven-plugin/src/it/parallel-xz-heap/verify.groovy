import io.rpmkit.read.RpmReader

def log = new File(basedir, "build.log").text
assert log.contains("MultiThreadedBuilder implementation with a thread count of 2") : "the build ran -T 2"
assert !log.contains("OutOfMemoryError") && !log.contains("the heap ran out") : "a package ran the heap out"
assert log.contains("waiting for 249 MiB of heap for xz: the packages written at the same time hold 249 of the") :
        "the second package waited for the first, and said so"

["one", "two"].each { module ->
    def rpm = basedir.toPath().resolve("${module}/target/${module}-1.0-1.noarch.rpm")
    def pkg = RpmReader.read(rpm)
    assert pkg.payloadCompression().name() == "XZ" : module
    assert pkg.verifyDigests().allOk() : module
    def text = null
    pkg.forEachPayloadEntry { entry -> text = new String(entry.content().readAllBytes(), "UTF-8") }
    assert text.startsWith("line 0 of ${module}'s text") && text.length() > 2_000_000 : module
}
return true
