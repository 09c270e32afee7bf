import io.rpmkit.read.RpmReader
import io.rpmkit.testing.RealRpm

def rpm = basedir.toPath().resolve("target/snapshot-version-3.0-0.SNAPSHOT.20261124100000.noarch.rpm")
def pkg = RpmReader.read(rpm)
assert pkg.version() == "3.0"
assert pkg.release() == "0.SNAPSHOT.20261124100000"
assert pkg.license().get() == "MIT" : "license comes from the pom's <licenses>"
assert pkg.files().isEmpty()

def installed = new File(localRepositoryPath, "io/rpmkit/it/snapshot-version/3.0-SNAPSHOT")
assert installed.listFiles().any { it.name.endsWith("-el9.rpm") } : "attached with its classifier: " + installed.list()

if (RealRpm.findOnPath("rpm")) {
    def order = RealRpm.ok("rpm", "--eval", "%{lua: print(rpm.vercmp('3.0-0.SNAPSHOT.20261124100000', '3.0-1'))}")
    assert order.strip() == "-1" : "a snapshot sorts before the final release: " + order
    assert RealRpm.run("rpm", "-K", "--nosignature", rpm.toString()).exitCode() == 0
} else {
    println "!!! SKIPPED the real-rpm check of snapshot-version: rpm is not installed"
}
return true
