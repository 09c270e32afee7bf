import io.rpmkit.read.PackageVerification
import io.rpmkit.read.RpmReader
import io.rpmkit.read.VerificationKeys

def name = "verified-hello-1.0.0-1.noarch.rpm"
def rpm = basedir.toPath().resolve("target/" + name)

// Build 1 verified in the lifecycle, build 2 from the command line: one line each.
def log = new File(basedir, "build.log").text
def verified = log.readLines().findAll { it.contains("Verified ") }
assert verified.size() == 2 : "one line per verification: " + verified
verified.each {
    assert it.contains(name + " (verified-hello-1.0.0-1.noarch): Header V4 RSA/SHA256 signature (RSAHEADER), key ID"
            + " 13663cf87696f379, certificate 443e1fc072677bd9a971eaf313663cf87696f379: OK; ") : it
}

// Our reader agrees, and refuses it with only the other key.
def pkg = RpmReader.read(rpm)
def key = VerificationKeys.load("keys", [basedir.toPath().resolve("TEST-ONLY-signing-key.public.asc")])
assert PackageVerification.verify(pkg, key).passes()
def other = VerificationKeys.load("keys", [basedir.toPath().resolve("other-key.asc")])
assert PackageVerification.verify(pkg, other).problems().size() == 1
return true
