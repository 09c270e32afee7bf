import io.rpmkit.read.PackageVerification
import io.rpmkit.read.RpmReader
import io.rpmkit.read.VerificationKeys
import io.rpmkit.repo.Dnf
import io.rpmkit.repo.RepodataReader
import io.rpmkit.testing.RealRpm
import io.rpmkit.testing.RpmGeneration
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption
import java.nio.file.attribute.PosixFilePermissions
import org.opentest4j.TestAbortedException

def base = basedir.toPath()
def name = "released-hello-1.0.0-1.noarch.rpm"
def nevra = "released-hello-1.0.0-1.noarch"
def publicKey = base.resolve("TEST-ONLY-signing-key.public.asc")
def fingerprint = "443E1FC072677BD9A971EAF313663CF87696F379"
def repo = base.resolve("target/yum-repository")
def work = Files.createDirectories(base.resolve("target/verify"))

// The build log: the passphrase never; the package signed as written and verified; the repository of it.
def log = new File(basedir, "build.log").text
assert !log.contains("test-only-passphrase-not-secret-4Kq9") : "the build log shows the passphrase"
def verified = log.readLines().findAll { it.contains("Verified ") }
assert verified.size() == 1 : "one line per verification: " + verified
assert verified[0].contains(name + " (" + nevra + "): Header V4 RSA/SHA256 signature (RSAHEADER), key ID"
        + " 13663cf87696f379, certificate " + fingerprint.toLowerCase() + ": OK") : verified[0]
def written = log.readLines().find { it.contains("Wrote ") && it.contains(name) }
assert written?.contains("signed RSA/SHA256, key ID 13663CF87696F379") : "signed as it is written: " + written
assert log.contains("Wrote the metadata of 1 package to ") : "the repository holds the one package"

// The repository holds the package as built and verified, byte for byte; our reader verifies it with the key.
def repodata = RepodataReader.read(repo)
assert repodata.packages()*.location() == ["packages/" + name]
def packaged = repo.resolve("packages/" + name)
assert Files.mismatch(packaged, base.resolve("target/" + name)) == -1L : "the repository's copy is the verified file"
def keys = VerificationKeys.load("keys", [publicKey])
def verification = PackageVerification.verify(RpmReader.read(packaged), keys)
assert verification.passes() : verification.problems()

// Publish as the README's CI jobs do: the repository directory with the public key beside its packages.
def publish = { Path to ->
    Files.walk(repo).withCloseable { all ->
        all.each { Path from ->
            def copy = to.resolve(repo.relativize(from).toString())
            if (Files.isDirectory(from)) {
                Files.createDirectories(copy)
            } else {
                Files.copy(from, copy, StandardCopyOption.REPLACE_EXISTING)
            }
        }
    }
    Files.copy(publicKey, to.resolve(publicKey.fileName.toString()), StandardCopyOption.REPLACE_EXISTING)
    return to
}
// The generation's tools or a loud skip (requireTool prints why).
def available = { RpmGeneration generation, String tool ->
    try {
        generation.requireTool(tool)
        return true
    } catch (TestAbortedException e) {
        println "!!! SKIPPED the ${tool} check of release-pipeline on ${generation}: ${e.message}"
        return false
    }
}

// rpm -K, the key imported into a throwaway database: rpm 4.18 and rpm 6.1 both say OK.
[RpmGeneration.RPM_4_18, RpmGeneration.RPM_6_1].each { generation ->
    if (available(generation, "rpmkeys")) {
        def check = generation.checkSignatures(packaged, publicKey, Files.createDirectories(work.resolve("rpmdb-" + generation.name())))
        assert check.exitCode() == 0 : check.output()
        def line = generation.signatureLine(false, "RSA/SHA256", "7696F379", fingerprint) + ": OK"
        assert check.output().contains(line) : generation.toString() + ": " + check.output()
    }
}

// repomd.xml.asc is a good signature by the release key, and by no means one over other bytes.
if (RealRpm.findOnPath("gpg")) {
    def gnupg = Files.createDirectories(work.resolve("gnupg"))
    Files.setPosixFilePermissions(gnupg, PosixFilePermissions.fromString("rwx------"))
    def home = "--homedir=" + gnupg
    RealRpm.ok("gpg", home, "--batch", "--import", publicKey.toString())
    def repomd = repo.resolve("repodata/repomd.xml")
    def asc = repo.resolve("repodata/repomd.xml.asc")
    def good = RealRpm.run("gpg", home, "--batch", "--status-fd", "1", "--verify", asc.toString(), repomd.toString())
    assert good.exitCode() == 0 : good.output()
    assert good.output().contains("[GNUPG:] VALIDSIG " + fingerprint) : good.output()
    def changed = Files.writeString(work.resolve("repomd.xml"), Files.readString(repomd).replace("<revision>", "<revision>1"))
    def bad = RealRpm.run("gpg", home, "--batch", "--status-fd", "1", "--verify", asc.toString(), changed.toString())
    assert bad.exitCode() != 0 && bad.output().contains("[GNUPG:] BADSIG") : bad.output()
} else {
    println "!!! SKIPPED the gpg check of repomd.xml.asc in release-pipeline: gpg is not installed"
}

// dnf 4.14 (host) and dnf5 (sid) install from the published directory, checking repomd.xml.asc and the package.
[RpmGeneration.RPM_4_18, RpmGeneration.RPM_6_1].each { generation ->
    def dnfTool = generation.isHost() ? "dnf" : "dnf5"
    if (available(generation, dnfTool)) {
        def site = generation.workDir(Files.createDirectories(work.resolve("site-" + generation.name())))
        def published = publish(Files.createDirectories(site.resolve("public")))
        def dnf = Dnf.unsigned(generation, site.resolve("dnf"), published).withKey(published.resolve(publicKey.fileName.toString()))
        assert dnf.config().contains("gpgcheck=1\nrepo_gpgcheck=1\n")
        def result = dnf.install("released-hello")
        assert result.exitCode() == 0 : result.output()
        assert result.output().contains(generation.isHost() ? "Importing GPG key" : "Importing OpenPGP key") : result.output()
        // Beside the package, the key dnf imported into the root's rpm database to check it.
        def installed = dnf.installed()
        assert installed.findAll { !it.startsWith("gpg-pubkey-") } == [nevra] : installed
        assert installed.count { it.startsWith("gpg-pubkey-") && it.contains("7696f379") } == 1 : installed
        assert Files.readString(dnf.root().resolve("usr/share/released-hello/hello.txt")) == "released hello\n"
    }
}
return true
