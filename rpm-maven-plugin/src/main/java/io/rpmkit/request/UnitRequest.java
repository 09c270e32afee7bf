package io.rpmkit.request;

/**
 * A systemd unit the package ships, as a user configures it.
 *
 * @param name the unit's file name, e.g. {@code hello.service}, {@code hello.timer}
 * @param restartOnUpgrade whether an upgrade try-restarts it ({@code %systemd_postun_with_restart});
 *     null for the default, yes; no is {@code %systemd_postun}
 */
public record UnitRequest(String name, Boolean restartOnUpgrade) {
}
