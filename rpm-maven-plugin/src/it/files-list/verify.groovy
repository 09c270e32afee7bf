import io.rpmkit.read.RpmReader
import io.rpmkit.testing.RealRpm
import java.nio.file.Files

// The same paths, modes, owners and flags as service-package's entries and rules give (its jar aside).
def rpm = basedir.toPath().resolve("target/hello-service-1.0.0-1.noarch.rpm")
def pkg = RpmReader.read(rpm)
def listed = pkg.files().collect { f ->
    String.format("%s %o %s:%s%s%s", f.path(), f.mode(), f.user(), f.group(), f.isConfig() ? " config" : "",
            f.isGhost() ? " ghost" : "")
}.sort()
assert listed == [
        "/etc/hello-service 40755 root:hello",
        "/etc/hello-service/hello.conf 100640 root:hello config",
        "/usr/lib/systemd/system/hello-service.service 100644 root:root",
        "/usr/share/hello-service 40755 root:root",
        "/usr/share/hello-service/bin 40755 root:root",
        "/usr/share/hello-service/bin/hello-service 100755 root:root",
        "/usr/share/hello-service/lib 40755 root:root",
        "/usr/share/hello-service/lib/apiguardian-api-1.1.2.jar 100644 root:root",
        "/var/lib/hello-service 40750 hello:hello",
        "/var/log/hello-service 40750 hello:hello",
        "/var/log/hello-service/hello-service.log 100644 hello:hello ghost",
].sort() : listed.join("\n")
assert pkg.verifyDigests().allOk()
def noreplace = pkg.files().find { it.path() == "/etc/hello-service/hello.conf" }.flags() & (1 << 4)
assert noreplace != 0 : "%config(noreplace)"
if (RealRpm.findOnPath("rpm")) {
    def check = RealRpm.run("rpm", "-K", "--nosignature", rpm.toString())
    assert check.exitCode() == 0 : check.output()
} else {
    println "!!! SKIPPED the real-rpm check of files-list: rpm is not installed"
}
return true
