import io.rpmkit.format.DependencyKind
import io.rpmkit.read.RpmReader
import io.rpmkit.testing.RealRpm
import java.nio.file.Files

def rpm = basedir.toPath().resolve("target/hello-daemon-1.0.0-1.noarch.rpm")
assert Files.isRegularFile(rpm)
def pkg = RpmReader.read(rpm)
assert pkg.verifyDigests().allOk()

def files = pkg.files().collectEntries { [it.path(), it] }
assert files.keySet() == ["/usr/lib/systemd/system/hello.service", "/usr/lib/sysusers.d/hello-daemon.conf",
        "/usr/lib/tmpfiles.d/hello-daemon.conf", "/var/lib/hello"] as Set
assert files["/var/lib/hello"].user() == "hello" && files["/var/lib/hello"].mode() == 040750

def contents = [:]
pkg.forEachPayloadEntry { entry -> contents["/" + entry.name()] = new String(entry.content().readAllBytes(), "UTF-8") }
assert contents["/usr/lib/sysusers.d/hello-daemon.conf"].endsWith('\nu hello - "Hello service" /var/lib/hello\n')
assert contents["/usr/lib/tmpfiles.d/hello-daemon.conf"] == "d /run/hello 0750 hello hello -\n"

def provides = pkg.dependencies(DependencyKind.PROVIDES).collect { it.toString() }
assert provides.contains("user(hello) = dSBoZWxsbyAtICJIZWxsbyBzZXJ2aWNlIiAvdmFyL2xpYi9oZWxsbwAA")
assert provides.contains("group(hello)")
def requires = pkg.dependencies(DependencyKind.REQUIRES).collectEntries { [it.name(), it.contexts()] }
assert requires["shadow-utils"] == ["pre"]
assert requires["systemd"] == ["post", "preun", "postun"]

def pre = pkg.scriptlets().find { it.phase().name() == "PRE" }.body()
assert pre.contains("useradd -r -g 'hello' -d '/var/lib/hello' -s '/sbin/nologin' -c 'Hello service' 'hello'")
def post = pkg.scriptlets().find { it.phase().name() == "POST" }.body()
assert post.indexOf("systemd-tmpfiles --create hello-daemon.conf") < post.indexOf("systemctl --no-reload preset")

if (RealRpm.findOnPath("rpm")) {
    def check = RealRpm.run("rpm", "-K", "--nosignature", rpm.toString())
    assert check.exitCode() == 0 : check.output()
} else {
    println "!!! SKIPPED the real-rpm check of service-user: rpm is not installed"
}
return true
