# shellcheck shell=sh
# %post of tectonic-worker, after the generated systemd commands (presets on
# first install). $1: how many instances are installed after this transaction.
# Must succeed without a running firewalld (containers, chroots, image builds).

# A running firewalld reads service files only when reloaded. A reload also
# drops rules added without --permanent; INSTALL.md says so.
if firewall-cmd --state >/dev/null 2>&1; then
    firewall-cmd --reload >/dev/null 2>&1 || :
fi
