def log = new File(basedir, "build.log").text
[
    "validating package vocabulary-mistakes",
    "requires[0] '(java-17-headless or java-21-headless' is not a rich dependency rpm reads: at character 1,"
            + " the '(' is never closed: add a ')'",
    "requires[1] '(a unless b)' is not a rich dependency rpm reads: at character 1, an 'unless' group cannot be"
            + " joined by 'and' or 'if'",
    "orderWithRequires[0] '(a or b)': rich dependencies are allowed in requires, recommends, suggests,"
            + " supplements, enhances and conflicts only",
    "triggers[0]: priority 'high' is not a whole number",
    "trigger 'filetriggerin': prefix 'usr/lib/plugins' is not an absolute path",
    "entry '/usr/bin/tool': caps 'cap_net_bind_servce=ep' is not what libcap's cap_from_text reads: at"
            + " character 1, 'cap_net_bind_servce' is not a capability libcap knows",
].each { assert log.contains(it) : "build.log lacks: " + it }

def target = new File(basedir, "target")
def leftovers = target.exists() ? target.listFiles().findAll { it.name.contains(".rpm") } : []
assert leftovers.isEmpty() : "no package or part of one is left: " + leftovers
return true
