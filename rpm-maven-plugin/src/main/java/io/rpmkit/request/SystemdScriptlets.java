package io.rpmkit.request;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.rpmkit.Quoting;
import io.rpmkit.format.Comparison;
import io.rpmkit.format.DependencyKind;
import io.rpmkit.format.InstallContext;
import io.rpmkit.format.ScriptletPhase;
import io.rpmkit.spec.Dependency;
import io.rpmkit.spec.Scriptlet;

/**
 * The scriptlets of a package's systemd units, with the semantics of systemd's rpm macros
 * ({@code %systemd_post}, {@code %systemd_preun}, {@code %systemd_postun[_with_restart]}) written out
 * in plain shell, so that they need neither systemd-update-helper (systemd 249+) nor its file
 * triggers, which EL7 and EL8 lack:
 * <ul>
 * <li>%post, first install only: {@code systemctl --no-reload preset}, so the presets decide what
 * starts at boot; never on upgrade, where the administrator's choice stands;</li>
 * <li>%preun, erase only: {@code systemctl --no-reload disable}, {@code --now} (stop) only where
 * systemd runs;</li>
 * <li>%postun: where systemd runs, {@code daemon-reload}, and on upgrade {@code try-restart} of the
 * units that ask for it.</li>
 * </ul>
 * Every command ends in {@code || :} and checks for a running systemd, so the scriptlets succeed in
 * a chroot, a container or an image build. The generated lines come before the user's own script for
 * the same phase, so that the user's script's exit status stays the scriptlet's.
 */
final class SystemdScriptlets {
    /** systemd's unit name characters (unit-name.c) and the unit types a package installs. */
    private static final Pattern UNIT = Pattern.compile(
            "[A-Za-z0-9:_.\\\\-]+(@[A-Za-z0-9:_.\\\\-]*)?\\.(service|socket|timer|path|target|mount|automount|slice)");
    private static final Set<String> SHELLS = Set.of("/bin/sh", "/bin/bash", "/usr/bin/sh", "/usr/bin/bash");
    private static final String RUNNING = "[ -d /run/systemd/system ]";

    private SystemdScriptlets() {
    }

    /** The units as checked names, recording every problem. */
    static List<UnitRequest> check(List<UnitRequest> units, List<String> problems) {
        List<UnitRequest> valid = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            UnitRequest unit = units.get(i);
            String label = Quoting.label("systemdUnits", i, unit.name());
            if (unit.name() == null || !UNIT.matcher(unit.name()).matches()) {
                problems.add(label + ": not a unit file name: use e.g. hello.service, hello.socket, hello.timer or"
                        + " hello.path");
            } else if (seen.contains(unit.name())) {
                problems.add(label + ": is listed twice: list each unit once");
            } else {
                seen.add(unit.name());
                valid.add(unit);
            }
        }
        return valid;
    }

    /**
     * The package's scriptlets with the units' commands put in front of the user's own, and the
     * requires those commands need.
     */
    static List<Scriptlet> compose(List<UnitRequest> units, List<Scriptlet> userScriptlets, List<String> problems) {
        if (units.isEmpty()) {
            return userScriptlets;
        }
        Map<ScriptletPhase, String> generated = generate(units);
        Map<ScriptletPhase, Scriptlet> byPhase = new EnumMap<>(ScriptletPhase.class);
        List<Scriptlet> composed = new ArrayList<>();
        for (Scriptlet scriptlet : userScriptlets) {
            if (generated.containsKey(scriptlet.phase()) && !byPhase.containsKey(scriptlet.phase())) {
                byPhase.put(scriptlet.phase(), scriptlet);
            } else {
                composed.add(scriptlet);
            }
        }
        generated.forEach((phase, body) -> {
            Scriptlet own = byPhase.get(phase);
            if (own == null) {
                composed.add(new Scriptlet(phase, Scriptlet.DEFAULT_INTERPRETER, body));
            } else if (!SHELLS.contains(own.interpreter())) {
                problems.add(Quoting.label("scriptlet", phase.settingName()) + ": interpreter "
                        + Quoting.quote(own.interpreter()) + " cannot run the systemd commands generated for"
                        + " systemdUnits: use /bin/sh or /bin/bash, or leave systemdUnits out");
            } else {
                composed.add(new Scriptlet(phase, own.interpreter(), body + "\n\n" + own.body()));
            }
        });
        return composed;
    }

    /** {@code Requires(post,preun,postun): systemd}, as {@code %systemd_requires} states it. */
    static Dependency requires() {
        return new Dependency(DependencyKind.REQUIRES, "systemd", Comparison.ANY, "",
                Set.of(InstallContext.POST, InstallContext.PREUN, InstallContext.POSTUN));
    }

    private static Map<ScriptletPhase, String> generate(List<UnitRequest> units) {
        String all = String.join(" ", units.stream().map(UnitRequest::name).toList());
        List<String> restarted = units.stream().filter(u -> u.restartOnUpgrade() == null || u.restartOnUpgrade())
                .map(UnitRequest::name).toList();
        Map<ScriptletPhase, String> scripts = new EnumMap<>(ScriptletPhase.class);
        scripts.put(ScriptletPhase.POST, String.join("\n",
                "# systemd units (%systemd_post): on first install the presets decide what starts at boot.",
                "if [ \"$1\" -eq 1 ]; then",
                "    systemctl --no-reload preset " + all + " >/dev/null 2>&1 || :",
                "fi"));
        scripts.put(ScriptletPhase.PREUN, String.join("\n",
                "# systemd units (%systemd_preun): on erase disable them, and stop them where systemd runs.",
                "if [ \"$1\" -eq 0 ]; then",
                "    if " + RUNNING + "; then",
                "        systemctl --no-reload disable --now " + all + " >/dev/null 2>&1 || :",
                "    else",
                "        systemctl --no-reload disable " + all + " >/dev/null 2>&1 || :",
                "    fi",
                "fi"));
        List<String> postun = new ArrayList<>(List.of(
                "# systemd units (%systemd_postun" + (restarted.isEmpty() ? "" : "_with_restart")
                        + "): where systemd runs, reread the units"
                        + (restarted.isEmpty() ? "." : ", and restart the running ones on upgrade."),
                "if " + RUNNING + "; then",
                "    systemctl daemon-reload >/dev/null 2>&1 || :"));
        if (!restarted.isEmpty()) {
            postun.addAll(List.of(
                    "    if [ \"$1\" -ge 1 ]; then",
                    "        systemctl try-restart " + String.join(" ", restarted) + " >/dev/null 2>&1 || :",
                    "    fi"));
        }
        postun.add("fi");
        scripts.put(ScriptletPhase.POSTUN, String.join("\n", postun));
        return scripts;
    }
}
