# shellcheck shell=sh
# %post of tectonic-worker. $1: how many instances are installed after this
# transaction (1 on first install). Must succeed without a running systemd
# or firewalld (containers, chroots, image builds), hence every `|| :`.

if [ "$1" -eq 1 ]; then
    # First install: the presets decide what starts at boot (%systemd_post).
    systemctl --no-reload preset kubelet.path kubelet.service wait-for-dns.service >/dev/null 2>&1 || :
fi

# A running firewalld reads service files only when reloaded. A reload also
# drops rules added without --permanent; INSTALL.md says so.
if firewall-cmd --state >/dev/null 2>&1; then
    firewall-cmd --reload >/dev/null 2>&1 || :
fi
