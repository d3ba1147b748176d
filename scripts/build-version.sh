#!/bin/sh
# Prints the version of this build as a Java properties line, gpudoctor.version=..., derived from
# git so that every commit builds a higher Debian version than the one before (apt upgrades):
#
#   <base>~dev<UTC commit time, YYYYMMDDhhmmss>+g<short hash>     e.g. 0.1.0~dev20261207155930+gfeaf9ee
#
# <base> is the Maven version without -SNAPSHOT. "~" sorts before the release, so 0.1.0 itself is
# newer than every 0.1.0~dev build. The commit time, not a commit count, orders builds so that a
# shallow clone (CI's usual) gets the same version as a full one. A commit on a tag v<base> builds
# <base> exactly. Uncommitted changes add .dirty after the hash. Without git (a source tarball) the
# version is <base>~dev0+nogit, which every git build outranks, and says so. GPU_DOCTOR_VERSION, when
# set, is taken as it is (the container build, which has no .git: pass this script's output).
#
# Usage: build-version.sh <maven version> [directory inside the source tree]
set -eu
if [ -n "${GPU_DOCTOR_VERSION:-}" ]; then
  echo "gpudoctor.version=${GPU_DOCTOR_VERSION}"
  exit 0
fi
base=$(printf %s "$1" | sed 's/-SNAPSHOT$//')
cd "${2:-.}"
# A checkout owned by another user (CI's clone, a build as root) is still this source tree.
g() { git -c safe.directory='*' "$@"; }
if ! command -v git >/dev/null 2>&1 || ! g rev-parse --git-dir >/dev/null 2>&1; then
  echo "gpudoctor.version=${base}~dev0+nogit"
  exit 0
fi
hash=$(g rev-parse --short=7 HEAD)
if g describe --tags --exact-match --match "v${base}" HEAD >/dev/null 2>&1; then
  version="$base"
else
  stamp=$(TZ=UTC0 g log -1 --format=%cd --date=format-local:%Y%m%d%H%M%S HEAD)
  version="${base}~dev${stamp}+g${hash}"
fi
if ! g diff --quiet HEAD -- 2>/dev/null; then
  version="${version}.dirty"
fi
echo "gpudoctor.version=${version}"
