import io.rpmkit.format.SignatureTag
import io.rpmkit.read.RpmReader
import io.rpmkit.read.VerificationKeys
import io.rpmkit.testing.RealRpm

def keyId = "13663CF87696F379"
def name = "sign-v6-1.0-1.noarch.rpm"
def rpm = basedir.toPath().resolve("target/" + name)
def publicKey = basedir.toPath().resolve("TEST-ONLY-signing-key.public.asc")

// Build 1 signed the v6 package, build 2 added a SHA-512 signature, build 3 was refused.
def log = new File(basedir, "build.log").text
def signed = log.readLines().findAll { it.contains("Signed ") }
assert signed.size() == 2 : "one line per signing: " + signed
assert signed[0].endsWith(name + " (sign-v6-1.0-1.noarch): RSA/SHA256, key ID " + keyId
        + ", header signature at 2026-12-01T00:00:00Z")
assert signed[1].endsWith(name + " (sign-v6-1.0-1.noarch): RSA/SHA512, key ID " + keyId
        + ", header signature at 2026-12-01T00:00:00Z, 2 header signatures now")
assert log.contains(": rpm.sign.legacy 'true' cannot be met by a v6 package (RPMFORMAT 6): its signature header has"
        + " no room for a signature over header and payload, which only rpm before 4.14 needs; sign it without"
        + " rpm.sign.legacy, or build the package with rpmFormat 4")

def pkg = RpmReader.read(rpm)
assert new File(rpm.toString()).bytes[4] == 4 : "the v6 lead kept"
assert pkg.verifyDigests().allOk() : pkg.verifyDigests().failures()
assert pkg.signature().strings(SignatureTag.OPENPGP).size() == 2
assert pkg.contains(SignatureTag.RSAHEADER) && !pkg.contains(SignatureTag.PGP)
def report = pkg.verifySignatures(VerificationKeys.load("test key", [publicKey]))
assert report.allOk() && report.checks().size() == 3 : report

def leftovers = new File(basedir, "target").listFiles().findAll { it.name.startsWith(".") }
assert leftovers.isEmpty() : "no temporary file is left: " + leftovers

if (RealRpm.findOnPath("rpmkeys")) {
    // rpm 4.18 reads RSAHEADER, the first signature (SHA-256), and ignores OPENPGP.
    def db = basedir.toPath().resolve("target/rpmdb")
    RealRpm.ok("rpmkeys", "--dbpath", db.toString(), "--import", publicKey.toString())
    def check = RealRpm.run("rpm", "-Kv", "--dbpath", db.toString(), rpm.toString())
    assert check.exitCode() == 0 : check.output()
    assert check.output().contains("Header V4 RSA/SHA256 Signature, key ID " + keyId.substring(8).toLowerCase()
            + ": OK") : check.output()
} else {
    println "!!! SKIPPED the real-rpm check of sign-v6: rpm is not installed"
}
return true
