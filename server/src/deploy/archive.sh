#!/bin/sh
# Builds target/shimwatch-server-VERSION.tar.gz: the server jar, its launcher, an example
# configuration, the systemd unit and the nginx example, under shimwatch-server-VERSION/.
#
# usage: archive.sh VERSION TARGET_DIR
set -eu
version=$1
target=$2
deploy=$(cd "$(dirname "$0")" && pwd)
jar=$target/shimwatch-server.jar
[ -f "$jar" ] || { echo "archive.sh: $jar not found: the server jar is built first" >&2; exit 1; }

# Files carry one fixed time, so that the same sources give the same archive.
: "${SOURCE_DATE_EPOCH:=$(git -C "$deploy" log -1 --format=%ct 2>/dev/null || echo 1767225600)}"

name=shimwatch-server-$version
stage=$target/server-archive
root=$stage/$name
rm -rf "$stage"
install -d "$root/bin" "$root/lib" "$root/etc"
install -m 0755 "$deploy/bin/shimwatch-server" "$root/bin/shimwatch-server"
install -m 0644 "$jar" "$root/lib/shimwatch-server.jar"
install -m 0644 "$deploy/shimwatch-server.env" "$root/etc/shimwatch-server.env"
install -m 0644 "$deploy/shimwatch-server.service" "$root/etc/shimwatch-server.service"
install -m 0644 "$deploy/nginx-shimwatch.conf" "$root/etc/nginx-shimwatch.conf"
cat >"$root/README.txt" <<TXT
Shimwatch server $version

  bin/shimwatch-server          starts the server (Java 17 or later); settings from the environment;
                                also backup, restore, export and import (see its head)
  lib/shimwatch-server.jar      the server
  etc/shimwatch-server.env      example settings (loopback behind nginx, PostgreSQL commented)
  etc/shimwatch-server.service  systemd unit, hardened (its head says how to install it)
  etc/nginx-shimwatch.conf      nginx in front, terminating TLS

The project's README, section "Deploy", goes from this archive to a running service.
TXT
chmod 0644 "$root/README.txt"
out=$target/$name.tar.gz
tar --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner \
  -C "$stage" -cf - "$name" | gzip -9n >"$out"
echo "archive.sh: $out"
