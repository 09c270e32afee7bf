# shellcheck shell=sh
# %preun of tectonic-worker. $1: how many instances remain after this
# transaction (0 on erase, 1 or more on upgrade). Must succeed without a
# running systemd (containers, chroots), hence every `|| :`.

if [ "$1" -eq 0 ]; then
    # Erase, not upgrade: disable, and stop only where systemd runs (as
    # %systemd_preun does); a chroot has nothing to stop.
    if [ -d /run/systemd/system ]; then
        systemctl --no-reload disable --now kubelet.path kubelet.service wait-for-dns.service >/dev/null 2>&1 || :
    else
        systemctl --no-reload disable kubelet.path kubelet.service wait-for-dns.service >/dev/null 2>&1 || :
    fi
fi
