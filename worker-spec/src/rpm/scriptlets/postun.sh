# shellcheck shell=sh
# %postun of tectonic-worker, after the generated systemd commands (a
# daemon-reload where systemd runs; the kubelet is never restarted on upgrade).
# $1: how many instances remain after this transaction (0 on erase, 1 or more
# on upgrade). Must succeed without a running firewalld (containers, chroots).

# Make a running firewalld see the new or removed service file. After an
# erase, a reload while a zone still names the service would fail (firewalld
# 1.x then falls back to its stock configuration), so leave that to the
# administrator.
if firewall-cmd --state >/dev/null 2>&1; then
    if [ "$1" -eq 0 ] && grep -qs 'name="tectonic-worker"' /etc/firewalld/zones/*.xml /etc/firewalld/policies/*.xml; then
        echo "tectonic-worker: firewalld zones still use the removed service tectonic-worker;" \
            "remove it (firewall-cmd --permanent --remove-service=tectonic-worker) and run firewall-cmd --reload" >&2
    else
        firewall-cmd --reload >/dev/null 2>&1 || :
    fi
fi
