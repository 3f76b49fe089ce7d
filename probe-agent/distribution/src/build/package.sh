#!/bin/sh
# Builds the probe's archive and Debian package from the built shimwatch.jar, the launcher and the
# generated manual page and completions, then copies both into the module's class-path resources
# (org/shimwatch/probe/dist/) with distribution.properties naming them, for the server to serve.
#
# usage: package.sh VERSION TARGET_DIR SHIMWATCH_JAR DOCS_DIR LAUNCHER JAR_TOOL PYTHON_PROBE
#
# dpkg-deb is part of dpkg, which every Debian and Ubuntu system has; without it the build stops
# here with a message, rather than making a distribution the server would serve without its package.
set -eu

version=$1
target=$2
jar=$3
docs=$4
launcher=$5
jartool=$6
python_probe=$7

fail() {
  echo "package.sh: $*" >&2
  exit 1
}

[ -f "$jar" ] || fail "$jar not found: build the probe first (mvn -pl probe-agent/distribution -am package)"
for f in shimwatch.1 shimwatch.bash _shimwatch; do
  [ -f "$docs/$f" ] || fail "$docs/$f not found: the manual page and completions are generated first"
done
[ -f "$python_probe" ] || fail "$python_probe not found: the Python probe ships beside the Java one"
command -v dpkg-deb >/dev/null 2>&1 ||
  fail "dpkg-deb not found: it makes the Debian package (Debian/Ubuntu: apt-get install dpkg)"

# Files carry one fixed time, so that the same sources give the same archive and package.
: "${SOURCE_DATE_EPOCH:=$(git -C "$(dirname "$0")" log -1 --format=%ct 2>/dev/null || echo 1767225600)}"
export SOURCE_DATE_EPOCH

# Debian orders 0.1.0~SNAPSHOT before 0.1.0, as Maven orders 0.1.0-SNAPSHOT.
debversion=$(printf '%s' "$version" | tr '-' '~')
# The shim is built for x86-64 Linux only.
arch=amd64

stage=$target/stage
rm -rf "$stage"
mkdir -p "$stage/extract"
(cd "$stage/extract" && "$jartool" xf "$jar" linux-x86-64/libshimwatch.so)
so=$stage/extract/linux-x86-64/libshimwatch.so
[ -f "$so" ] || fail "$jar holds no linux-x86-64/libshimwatch.so"
gzip -9n <"$docs/shimwatch.1" >"$stage/shimwatch.1.gz"

# The archive: bin/shimwatch, lib/, share/ (manual page, bash and zsh completion, and the Python
# probe for clients that run in their own Python interpreter, EMX Python on OS/2 among them).
name=shimwatch-$version
root=$stage/archive/$name
install -d "$root/bin" "$root/lib" "$root/share/man/man1" \
  "$root/share/bash-completion/completions" "$root/share/zsh/site-functions" "$root/share/shimwatch"
install -m 0755 "$launcher" "$root/bin/shimwatch"
install -m 0644 "$jar" "$root/lib/shimwatch.jar"
install -m 0644 "$so" "$root/lib/libshimwatch.so"
install -m 0644 "$stage/shimwatch.1.gz" "$root/share/man/man1/shimwatch.1.gz"
install -m 0644 "$docs/shimwatch.bash" "$root/share/bash-completion/completions/shimwatch"
install -m 0644 "$docs/_shimwatch" "$root/share/zsh/site-functions/_shimwatch"
install -m 0644 "$python_probe" "$root/share/shimwatch/shimwatch_probe.py"
archive=$target/$name.tar.gz
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
  -C "$stage/archive" -cf - "$name" | gzip -9n >"$archive"

# The Debian package: /usr/bin/shimwatch, /usr/lib/shimwatch/, the manual page and completions.
# Nothing is written outside these paths, and nothing in anyone's home: removing the package
# leaves each user's state folder as it was.
deb=$stage/deb
install -d "$deb/DEBIAN" "$deb/usr/bin" "$deb/usr/lib/shimwatch" "$deb/usr/share/man/man1" \
  "$deb/usr/share/bash-completion/completions" "$deb/usr/share/zsh/vendor-completions" \
  "$deb/usr/share/doc/shimwatch" "$deb/usr/share/shimwatch"
install -m 0755 "$launcher" "$deb/usr/bin/shimwatch"
install -m 0644 "$jar" "$deb/usr/lib/shimwatch/shimwatch.jar"
install -m 0644 "$so" "$deb/usr/lib/shimwatch/libshimwatch.so"
install -m 0644 "$stage/shimwatch.1.gz" "$deb/usr/share/man/man1/shimwatch.1.gz"
install -m 0644 "$docs/shimwatch.bash" "$deb/usr/share/bash-completion/completions/shimwatch"
install -m 0644 "$docs/_shimwatch" "$deb/usr/share/zsh/vendor-completions/_shimwatch"
install -m 0644 "$python_probe" "$deb/usr/share/shimwatch/shimwatch_probe.py"
cat >"$deb/usr/share/doc/shimwatch/README.Debian" <<EOF
shimwatch $version

Choose what may be sent (nothing is, until you do):   shimwatch consent --level 2
Run a client through the shim:                        shimwatch run -- CLIENT ARGS...
Settings, what is sent and how to take it back:       man shimwatch
A client that runs in its own Python interpreter:     python /usr/share/shimwatch/shimwatch_probe.py run -- SCRIPT ARGS...
EOF
find "$deb" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
size=$(du -sk --exclude=DEBIAN "$deb" | cut -f1)
# Java 17 or newer: Debian's runtimes provide javaN-runtime-headless for every N up to their own,
# so java17-runtime-headless is met by 17, 21, 25 and later alike; default-jre-headless comes
# first so that apt picks the distribution's default where none is installed.
cat >"$deb/DEBIAN/control" <<EOF
Package: shimwatch
Version: $debversion
Architecture: $arch
Maintainer: Shimwatch project <maintainers@shimwatch.invalid>
Installed-Size: $size
Depends: default-jre-headless (>= 2:1.17) | java17-runtime-headless
Section: net
Priority: optional
Description: Shimwatch probe: compatibility reports for socket shims
 Runs a network client through the Shimwatch socket shim (LD_PRELOAD) and,
 only with the user's consent, sends the shim's maintainer a report on how it
 went: the system, the TCP/IP stack and, at higher levels, how select() and
 poll() behaved and any crash. Nothing is collected before the user chooses
 a consent level; DO_NOT_TRACK=1 turns everything off.
EOF
package=$target/shimwatch_${debversion}_$arch.deb
dpkg-deb --root-owner-group -Zxz --build "$deb" "$package" >/dev/null

# Both as class-path resources of this module, named in distribution.properties.
resources=$target/classes/org/shimwatch/probe/dist
mkdir -p "$resources"
cp "$archive" "$package" "$resources/"
{
  echo "# The probe's downloads in this jar; written by package.sh."
  echo "version=$version"
  echo "archive=${archive##*/}"
  echo "archive.sha256=$(sha256sum "$archive" | cut -d' ' -f1)"
  echo "package=${package##*/}"
  echo "package.sha256=$(sha256sum "$package" | cut -d' ' -f1)"
} >"$resources/distribution.properties"
echo "package.sh: ${archive##*/} ($(du -k "$archive" | cut -f1) KiB), ${package##*/} ($(du -k "$package" | cut -f1) KiB)"
