def log = new File(basedir, "build.log").text
def rpm = new File(basedir, "target/wrongly-verified-hello-1.0.0-1.noarch.rpm").canonicalPath
assert log.contains("Signed ") : "the package was signed before it was verified"
assert log.contains("verify: 1 of 1 packages failed verification:") : "the goal failed the build"
assert log.contains(rpm + ":") : "the message names the file"
assert log.contains("Header V4 RSA/SHA256 signature (RSAHEADER), key ID 13663cf87696f379: NOKEY (none of the given"
        + " keys has this key ID)") : "the message names the signature and the reason"
assert !log.contains("Verified ")
return true
