#!/usr/bin/env bash
# Installs the Debian packages the test suites need and a clean machine lacks:
# Go and VMware's govmomi (the interop tests, and govc built from govmomi's source by install-govc.sh, which needs
# kr/pretty), Ansible with its community.vmware modules and pyVmomi (the Ansible interop test), docker-compose
# (validates docker-compose.yml), and redis-server, postgresql and nginx (test/support/services.ts starts each on a
# free loopback port in a directory of its own, never the system's instance: apps/api/test/redis.test.ts's replicas
# share sessions in Redis, and test/topology.test.ts runs docker-compose.yml's topology, nginx in front of API replicas
# sharing Redis and PostgreSQL), chromium for the Playwright suite
# in e2e/ (no browser download is possible here) and a Japanese font so that its screenshots of the Japanese UI
# show the text.
set -euo pipefail

packages=(golang-go golang-github-vmware-govmomi-dev golang-github-kr-pretty-dev ansible python3-pyvmomi docker-compose redis-server
  postgresql nginx chromium fonts-ipafont-gothic)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  # --no-install-recommends: docker-compose would otherwise pull in a Docker engine.
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
$sudo bash "$(dirname "$0")/install-govc.sh"
