#!/bin/bash
# Run by kubelet.service before the kubelet: a worker that misses its cluster
# settings would start a kubelet that cannot join, so say what to fill in and
# refuse. Lists every missing setting at once.
#
# TECTONIC_WORKER_SYSCONFIG and KUBECONFIG_PATH replace the two paths (tests).
set -uo pipefail

sysconfig="${TECTONIC_WORKER_SYSCONFIG:-/etc/sysconfig/tectonic-worker}"
kubeconfig="${KUBECONFIG_PATH:-/etc/kubernetes/kubeconfig}"
problems=()

# Judge the file alone, not values the caller's environment happens to hold.
unset KUBERNETES_DNS_SERVICE_IP CLUSTER_DOMAIN
if [ -r "$sysconfig" ]; then
    # shellcheck source=/dev/null
    . "$sysconfig"
    for name in KUBERNETES_DNS_SERVICE_IP CLUSTER_DOMAIN; do
        if [ -z "${!name:-}" ]; then
            problems+=("set $name in $sysconfig")
        fi
    done
else
    problems+=("$sysconfig is missing or unreadable: it must set KUBERNETES_DNS_SERVICE_IP and CLUSTER_DOMAIN")
fi

if [ ! -f "$kubeconfig" ]; then
    problems+=("copy the cluster's kubeconfig to $kubeconfig (mode 0600)")
fi

if [ ${#problems[@]} -gt 0 ]; then
    echo "tectonic-worker is not configured, the kubelet will not start:" >&2
    for problem in "${problems[@]}"; do
        echo "  - $problem" >&2
    done
    echo "See /usr/share/doc/tectonic-worker/INSTALL.md." >&2
    exit 1
fi
