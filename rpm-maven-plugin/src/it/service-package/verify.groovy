import io.rpmkit.read.RpmReader
import io.rpmkit.testing.RealRpm
import io.rpmkit.testing.RecordingTools
import java.nio.file.Files

def first = basedir.toPath().resolve("target/hello-service-1.0.0-1.noarch.rpm")
def second = basedir.toPath().resolve("target/hello-service-1.0.0-2.noarch.rpm")
assert Files.isRegularFile(first) && Files.isRegularFile(second)

// What the package holds: every path with its type, mode, owner and flags, nothing more.
def pkg = RpmReader.read(first)
def listed = pkg.files().collect { f ->
    String.format("%s %o %s:%s%s%s", f.path(), f.mode(), f.user(), f.group(), f.isConfig() ? " config" : "",
            f.isGhost() ? " ghost" : "")
}.sort()
assert listed == [
        "/etc/hello-service 40755 root:root",
        "/etc/hello-service/hello.conf 100640 root:hello config",
        "/usr/lib/systemd/system/hello-service.service 100644 root:root",
        "/usr/lib/sysusers.d/hello-service.conf 100644 root:root",
        "/usr/share/hello-service 40755 root:root",
        "/usr/share/hello-service/bin 40755 root:root",
        "/usr/share/hello-service/bin/hello-service 100755 root:root",
        "/usr/share/hello-service/lib 40755 root:root",
        "/usr/share/hello-service/lib/apiguardian-api-1.1.2.jar 100644 root:root",
        "/usr/share/hello-service/lib/hello-service.jar 100644 root:root",
        "/var/lib/hello-service 40750 hello:hello",
        "/var/log/hello-service 40750 hello:hello",
        "/var/log/hello-service/hello-service.log 100644 hello:hello ghost",
].sort() : listed.join("\n")
assert pkg.verifyDigests().allOk()

if (!RealRpm.findOnPath("rpm") || !RealRpm.findOnPath("busybox")) {
    println "!!! SKIPPED the install, upgrade and erase of service-package: rpm or busybox is not installed"
    return true
}
// A throwaway root where systemd runs, with recording stand-ins for systemctl and the account tools
// (getent, groupadd, useradd, which keep /etc/passwd and /etc/group as the real ones would).
def root = new RealRpm.Root(basedir.toPath().resolve("target/root")).withShell()
RecordingTools.install(root)
int[] seen = [0]
def commands = { -> RecordingTools.commandsSince(root, seen) }
def conf = root.dir().resolve("etc/hello-service/hello.conf")

def out = root.rpmOk("-i", "--nodeps", first.toString())
assert !out.contains("does not exist") : "every owner resolves: " + out
assert commands() == ["getent group hello", "groupadd -f -r hello", "getent passwd hello",
        "useradd -r -g hello -d /var/lib/hello-service -s /sbin/nologin hello",
        "systemctl --no-reload preset hello-service.service"] : "first install: the user, then the preset"
assert root.rpmOk("-V", "--nodeps", "hello-service").isBlank() : "rpm -V is clean after install"
def uid = Files.readAllLines(root.dir().resolve("etc/passwd")).find { it.startsWith("hello:") }.split(":")[2] as int
assert Files.getAttribute(root.dir().resolve("var/lib/hello-service"), "unix:uid") == uid : "owned by the new user"

Files.writeString(conf, "port=9090\n")
root.rpmOk("-U", "--nodeps", second.toString())
assert commands() == ["getent group hello", "getent passwd hello", "systemctl daemon-reload",
        "systemctl try-restart hello-service.service"] : "upgrade: the user exists; reload, restart"
assert Files.readString(conf) == "port=9090\n" : "the admin's config survives the upgrade"
assert !Files.exists(root.dir().resolve("etc/hello-service/hello.conf.rpmnew")) : "the shipped config did not change"
assert root.rpmOk("-q", "hello-service").strip() == "hello-service-1.0.0-2.noarch"

root.rpmOk("-e", "hello-service")
assert commands() == ["systemctl --no-reload disable --now hello-service.service", "systemctl daemon-reload"]
assert Files.readString(root.dir().resolve("etc/hello-service/hello.conf.rpmsave")) == "port=9090\n"
assert !Files.exists(root.dir().resolve("usr/share/hello-service")) : "erase removes what the package owned"
assert !Files.exists(root.dir().resolve("var/lib/hello-service"))
assert Files.isDirectory(root.dir().resolve("usr/lib/systemd/system")) : "the base system's directories stay"
return true
