import io.rpmkit.format.SignatureTag
import io.rpmkit.read.PackageVerification
import io.rpmkit.read.RpmReader
import io.rpmkit.read.VerificationKeys
import io.rpmkit.testing.RealRpm

def name = "verified-hello-1.0.0-1.noarch.rpm"
def rpm = basedir.toPath().resolve("target/" + name)
def signature = "signature (RSAHEADER), key ID 13663cf87696f379, certificate 443e1fc072677bd9a971eaf313663cf87696f379: OK"

// Build 1 verified in the lifecycle, build 2 added a signature, build 3 verified both from the command line.
def log = new File(basedir, "build.log").text
def verified = log.readLines().findAll { it.contains("Verified ") }
assert verified.size() == 2 : "one line per verification: " + verified
assert verified[0].contains(name + " (verified-hello-1.0.0-1.noarch): Header V4 RSA/SHA256 " + signature + "; ")
assert log.contains(name + " (verified-hello-1.0.0-1.noarch): RSA/SHA512, key ID 13663CF87696F379, header signature"
        + " at 2026-12-01T00:00:00Z, 2 header signatures now")
assert verified[1].contains("Header V4 RSA/SHA256 " + signature.replace("RSAHEADER", "OPENPGP") + "; Header V4"
        + " RSA/SHA512 " + signature.replace("RSAHEADER", "OPENPGP") + "; Header V4 RSA/SHA256 " + signature + "; ")

// Our reader agrees: both in OPENPGP, the first in RSAHEADER; refused with only the other key.
def pkg = RpmReader.read(rpm)
assert pkg.signature().strings(SignatureTag.OPENPGP).size() == 2
def key = VerificationKeys.load("keys", [basedir.toPath().resolve("TEST-ONLY-signing-key.public.asc")])
assert PackageVerification.verify(pkg, key).passes()
def other = VerificationKeys.load("keys", [basedir.toPath().resolve("other-key.asc")])
assert PackageVerification.verify(pkg, other).problems().size() == 3

if (RealRpm.findOnPath("rpmkeys")) {
    // rpm 4 checks RSAHEADER, the first signature, and ignores OPENPGP.
    def db = basedir.toPath().resolve("target/rpmdb")
    RealRpm.ok("rpmkeys", "--dbpath", db.toString(), "--import",
            basedir.toPath().resolve("TEST-ONLY-signing-key.public.asc").toString())
    def check = RealRpm.run("rpm", "-Kv", "--dbpath", db.toString(), rpm.toString())
    assert check.exitCode() == 0 : check.output()
    assert check.output().contains("Header V4 RSA/SHA256 Signature, key ID 7696f379: OK") : check.output()
} else {
    println "!!! SKIPPED the real-rpm check of verify-signatures: rpm is not installed"
}
return true
