package io.rpmkit.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/**
 * Recording stand-ins for the tools scriptlets call (getent, groupadd, useradd, usermod,
 * systemd-tmpfiles, systemctl), for a throwaway root where systemd runs; each appends its command line
 * to /commands.log.
 */
public final class RecordingTools {
    private RecordingTools() {
    }

    /**
     * Stand-ins that record their arguments (quoted where they hold a space) in /commands.log and keep
     * /etc/passwd and /etc/group as the real tools would, so that getent sees what groupadd made.
     */
    public static void install(RealRpm.Root root) throws Exception {
        Files.createDirectories(root.dir().resolve("run/systemd/system"));
        Files.createDirectories(root.dir().resolve("etc"));
        Files.writeString(root.dir().resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        Files.writeString(root.dir().resolve("etc/group"), "root:x:0:\n");
        String record = "#!/bin/sh\nline=${0##*/}\nfor a in \"$@\"; do case \"$a\" in *' '*) line=\"$line '$a'\" ;;"
                + " *) line=\"$line $a\" ;; esac; done\necho \"$line\" >> /commands.log\n";
        Map<String, String> tools = Map.of(
                "usr/bin/getent", record + "[ \"$1\" = passwd ] && db=/etc/passwd || db=/etc/group\n"
                        + "awk -F: -v k=\"$2\" '$1 == k || $3 == k { print; found = 1 } END { exit !found }' \"$db\"\n",
                "usr/sbin/groupadd", record + "gid=\nwhile [ $# -gt 1 ]; do [ \"$1\" = -g ] && gid=$2; shift; done\n"
                        + "[ -n \"$gid\" ] || gid=$((990 + $(wc -l < /etc/group)))\n"
                        + "echo \"$1:x:$gid:\" >> /etc/group\n",
                "usr/sbin/useradd", record + "uid=; g=; d=; s=; c=\nwhile [ $# -gt 1 ]; do case \"$1\" in"
                        + " -u) uid=$2 ;; -g) g=$2 ;; -d) d=$2 ;; -s) s=$2 ;; -c) c=$2 ;; esac; shift; done\n"
                        + "[ -n \"$uid\" ] || uid=$((990 + $(wc -l < /etc/passwd)))\n"
                        + "gid=$(awk -F: -v k=\"$g\" '$1 == k { print $3 }' /etc/group)\n"
                        + "echo \"$1:x:$uid:$gid:$c:$d:$s\" >> /etc/passwd\n",
                "usr/sbin/usermod", record + "awk -F: -v OFS=: -v g=\"$3\" -v u=\"$4\" '$1 == g { $4 = ($4 == \"\" ? u"
                        + " : $4 \",\" u) } { print }' /etc/group > /etc/group.new && mv /etc/group.new /etc/group\n",
                "usr/bin/systemd-tmpfiles", record + "exit 0\n",
                "usr/bin/systemctl", record + "exit 0\n");
        for (Map.Entry<String, String> tool : tools.entrySet()) {
            Path file = Files.createDirectories(root.dir().resolve(tool.getKey()).getParent())
                    .resolve(Path.of(tool.getKey()).getFileName());
            Files.writeString(file, tool.getValue());
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** The commands logged since the last call; {@code seen[0]} keeps the count between calls. */
    public static List<String> commandsSince(RealRpm.Root root, int[] seen) throws Exception {
        Path log = root.dir().resolve("commands.log");
        List<String> all = Files.exists(log) ? Files.readAllLines(log) : List.of();
        List<String> fresh = List.copyOf(all.subList(seen[0], all.size()));
        seen[0] = all.size();
        return fresh;
    }
}
