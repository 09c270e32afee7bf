import java.nio.file.Files

def log = new File(basedir, "build.log").text
[
    "validating package bad-configuration",
    "version '1.0-beta' contains '-'",
    "compression 'brotli' is unknown: use gzip, xz, zstd or none",
    "entry 'etc/app': path 'etc/app' is relative: use an absolute path such as /etc/app",
    "entry '/opt/app': path is listed twice",
    "entry '/opt/../etc': path '/opt/../etc' contains '..'",
    "entries[4] '/opt/x': mode '10000' is not a mode",
    "does not exist: give an existing file",
    "requires[0] 'systemd >=' is not a dependency",
    "scriptlet 'post': interpreter 'bash' is not an absolute path",
].each { assert log.contains(it) : "build.log lacks: " + it }

def target = new File(basedir, "target")
def leftovers = target.exists() ? target.listFiles().findAll { it.name.contains(".rpm") } : []
assert leftovers.isEmpty() : "no package or part of one is left: " + leftovers
return true
