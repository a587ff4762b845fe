#!/usr/bin/env bash
# Builds VMware's govc from Debian's source package golang-github-vmware-govmomi (the -dev package has the library
# but not the command), at the version of the installed golang-github-vmware-govmomi-dev, into .tmp/govc/govc.
# Debian's apt configuration is left alone: the deb-src entry lives in a folder of this script's own.
set -euo pipefail
cd "$(dirname "$0")/.."

out="$PWD/.tmp/govc"
[ -x "$out/govc" ] && exit 0
version=$(dpkg-query -W -f='${Version}' golang-github-vmware-govmomi-dev)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/apt/lists/partial" "$work/src"
cat >"$work/apt/debian-src.sources" <<SOURCES
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
apt_opts=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$work/apt" -o "Dir::State::Lists=$work/apt/lists")
apt-get "${apt_opts[@]}" update -qq
(cd "$work/src" && apt-get "${apt_opts[@]}" source --download-only -qq "golang-github-vmware-govmomi=$version")
gopath="$work/gopath"
pkg="$gopath/src/github.com/vmware/govmomi"
mkdir -p "$pkg"
tar -xf "$work"/src/golang-github-vmware-govmomi_*.orig.tar.* -C "$pkg" --strip-components=1 --wildcards '*/govc/*'
# The library from the -dev package beside govc, in one GOPATH root (Go refuses `internal` imports across roots).
for entry in /usr/share/gocode/src/github.com/vmware/govmomi/*; do
  [ -e "$pkg/$(basename "$entry")" ] || ln -s "$entry" "$pkg/$(basename "$entry")"
done
mkdir -p "$out"
(cd "$pkg/govc" && GO111MODULE=off GOPATH="$gopath:/usr/share/gocode" go build -o "$out/govc" .)
"$out/govc" version
