import io.rpmkit.format.DependencyKind
import io.rpmkit.read.RpmReader
import io.rpmkit.testing.RealRpm
import java.nio.file.Files

def rpm = basedir.toPath().resolve("target/hello-service-2.1.0-1.noarch.rpm")
assert Files.isRegularFile(rpm)
def pkg = RpmReader.read(rpm)

assert pkg.name() == "hello-service"
assert pkg.version() == "2.1.0"
assert pkg.release() == "1"
assert pkg.summary().get() == "Says hello as a service"
assert pkg.description().get() == "A sample service packaged by the integration test."
assert pkg.license().get() == "Apache-2.0"
assert pkg.url().get() == "https://example.com/hello"
assert pkg.buildTime().get().toString() == "2026-11-24T10:00:00Z"
assert pkg.verifyDigests().allOk()

def files = pkg.files().collectEntries { [it.path(), it] }
assert files.keySet() == [
        "/etc/hello", "/etc/hello/hello.conf", "/usr/bin/hello", "/usr/share/hello", "/usr/share/hello/current",
        "/usr/share/hello/lib", "/usr/share/hello/lib/a.txt", "/usr/share/hello/lib/sub",
        "/usr/share/hello/lib/sub/b.txt", "/var/lib/hello.state"] as Set : "the tree's excludes drop skip.tmp"
assert files["/usr/bin/hello"].mode() == 0100755
assert files["/etc/hello"].mode() == 040755
assert files["/usr/share/hello/current"].mode() == 0120777
assert files["/usr/share/hello/current"].linkTo() == "lib"
assert files["/etc/hello/hello.conf"].isConfig()
assert files["/var/lib/hello.state"].isGhost()
assert files["/var/lib/hello.state"].mode() == 0100600

def contents = [:]
pkg.forEachPayloadEntry { entry -> contents["/" + entry.name()] = new String(entry.content().readAllBytes(), "UTF-8") }
assert contents["/etc/hello/hello.conf"] == "greeting=Hello from the template\nversion=2.1.0\nrelease=1\nshell=\${HOME}\n"
assert !contents.containsKey("/var/lib/hello.state") : "a ghost is not in the payload"

def requires = pkg.dependencies(DependencyKind.REQUIRES).collect { it.toString() }
assert requires.contains("bash >= 4.0")
assert pkg.dependencies(DependencyKind.RECOMMENDS).collect { it.name() } == ["less"]
def post = pkg.scriptlets().find { it.phase().name() == "POST" }
assert post.body() == 'echo "installed $1"'
assert pkg.scriptlets().find { it.phase().name() == "POSTUN" }.body() == 'echo "removed $1"'
assert pkg.changelog()[0].text() == "- Packaged by the integration test"

def log = new File(basedir, "build.log").text
assert log.contains("Name        : hello-service")

if (RealRpm.findOnPath("rpm")) {
    def check = RealRpm.run("rpm", "-K", "--nosignature", rpm.toString())
    assert check.exitCode() == 0 : check.output()
    assert RealRpm.query(rpm, "%{NAME}-%{VERSION}-%{RELEASE}") == "hello-service-2.1.0-1"
} else {
    println "!!! SKIPPED the real-rpm check of basic-package: rpm is not installed"
}
return true
