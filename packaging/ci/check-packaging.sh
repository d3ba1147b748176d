#!/usr/bin/env bash
# Checks what packaging/ ships, after `mvn -B verify` built the .deb (packaging/target):
#   1. the systemd unit: systemd-analyze security exposure at most 4.5 (the figure is printed);
#   2. lintian: no error and no warning beyond the package's own overrides;
#   3. dpkg -i, the installed commands and unit, an upgrade to the next commit's version with
#      apt-get install ./newer.deb, dpkg --purge: nothing left behind;
#   4. the Kubernetes manifests against the Kubernetes and Prometheus operator schemas.
# Runs as root on a Debian machine where systemd need not be running. Installs what it lacks.
set -euo pipefail
cd "$(dirname "$0")/../.."

readonly MAX_EXPOSURE=4.5
readonly UNIT=packaging/systemd/gpu-doctor.service

need=()
command -v systemd-analyze >/dev/null || need+=(systemd)
command -v lintian >/dev/null || need+=(lintian)
command -v adduser >/dev/null || need+=(adduser)
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
command -v git >/dev/null || need+=(git)
if [ ${#need[@]} -gt 0 ]; then
  echo "packaging: installing ${need[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}"
fi

fail() { echo "packaging: FAIL: $*" >&2; exit 1; }

# 1. The unit's exposure.
exposure=$(systemd-analyze security --offline=true "$UNIT" 2>&1 \
  | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
[ -n "$exposure" ] || fail "systemd-analyze security printed no exposure level for $UNIT"
echo "packaging: systemd-analyze security exposure of gpu-doctor.service: $exposure (at most $MAX_EXPOSURE)"
awk -v e="$exposure" -v m="$MAX_EXPOSURE" 'BEGIN { exit !(e <= m) }' \
  || fail "exposure $exposure is above $MAX_EXPOSURE"

# 2. lintian.
debs=(packaging/target/gpu-doctor_*_all.deb)
[ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] || fail "expected one packaging/target/gpu-doctor_*_all.deb (run mvn verify first)"
deb=${debs[0]}
echo "packaging: $deb, $(stat -c %s "$deb") bytes"
lintian --fail-on error,warning --display-info "$deb" || fail "lintian (above)"

# 3. Install, use, purge.
dpkg-query -W gpu-doctor >/dev/null 2>&1 && fail "gpu-doctor is installed already: this check needs a machine without it"
getent passwd gpu-doctor >/dev/null && fail "a gpu-doctor user exists already: this check needs a machine without it"
mapfile -t shipped < <(dpkg-deb --fsys-tarfile "$deb" | tar -t | sed -n 's#^\./\(.*[^/]\)$#/\1#p')
trap 'dpkg --purge gpu-doctor >/dev/null 2>&1 || true' EXIT
dpkg -i "$deb"

getent passwd gpu-doctor | grep -q ':/nonexistent:/usr/sbin/nologin$' \
  || fail "gpu-doctor user: $(getent passwd gpu-doctor || echo missing)"
[ "$(id -u gpu-doctor)" -lt 1000 ] || fail "gpu-doctor is not a system user"
dpkg-query --control-show gpu-doctor conffiles | grep -qx /etc/gpu-doctor/config.yml \
  || fail "/etc/gpu-doctor/config.yml is not a conffile"
systemd-analyze verify /usr/lib/systemd/system/gpu-doctor.service || fail "systemd-analyze verify"

/usr/bin/gpu-doctor version
# postinst made the class-data-sharing archive for the installed jar; -Xshare:on fails unless the
# JVM can map it for that jar.
jsa=/usr/share/gpu-doctor/gpu-doctor.jsa
[ -s "$jsa" ] || fail "postinst made no $jsa"
case "$(stat -c '%U %a' "$jsa")" in
  "root "?[0145][0145]) ;;
  *) fail "$jsa must be root's and writable by no one else: $(stat -c '%U %a' "$jsa")" ;;
esac
java -Xshare:on -XX:SharedArchiveFile="$jsa" -jar /usr/share/gpu-doctor/gpu-doctor.jar version >/dev/null \
  || fail "the JVM cannot use $jsa for the installed jar"
rc=0; gpu-doctor diagnose >/dev/null || rc=$?
[ "$rc" -le 1 ] || fail "gpu-doctor diagnose exited $rc"
echo "packaging: gpu-doctor diagnose exited $rc (0 or 1 is a diagnosis)"
gpu-doctor diagnose --simulate dgx-h100 >/dev/null || fail "gpu-doctor diagnose --simulate dgx-h100 exited $?"

# As the service would run it: its user, its JAVA_OPTS, the cache directory systemd makes for
# it; JNA must load its native stub from there (jna.debug_load.jna logs where).
cache=/var/cache/gpu-doctor
install -d -o gpu-doctor -g gpu-doctor -m 700 "$cache"
java_opts=$(sed -n 's/^Environment="JAVA_OPTS=\(.*\)"$/\1/p' /usr/lib/systemd/system/gpu-doctor.service)
[ -n "$java_opts" ] || fail "no JAVA_OPTS in the installed unit"
jna_log=$(setpriv --reuid=gpu-doctor --regid=gpu-doctor --init-groups env -i PATH=/usr/bin:/bin HOME=/nonexistent \
  JAVA_OPTS="$java_opts -Djna.debug_load.jna=true" gpu-doctor diagnose 2>&1 >/dev/null) || [ $? -le 1 ] \
  || fail "gpu-doctor diagnose as the gpu-doctor user with the unit's JAVA_OPTS: $jna_log"
grep -q "Found jnidispatch at $cache/" <<<"$jna_log" || fail "JNA did not load its stub from $cache: $jna_log"

# An upgrade upgrades: the version the next commit gets (scripts/build-version.sh in a clone with
# one more commit, a second later) sorts above this one, and apt installs it over this one. The
# newer .deb is this one with only its Version changed: what is checked is the version scheme and
# apt's upgrade path, not a second build.
installed=$(dpkg-query -W -f '${Version}' gpu-doctor)
next_repo=$(mktemp -d)
git clone -q . "$next_repo/src"
head_time=$(git -C "$next_repo/src" log -1 --format=%ct)
GIT_COMMITTER_DATE="@$((head_time + 1)) +0000" GIT_AUTHOR_DATE="@$((head_time + 1)) +0000" \
  git -C "$next_repo/src" -c user.name=ci -c user.email=ci@localhost commit -q --allow-empty -m "next"
next=$(sh scripts/build-version.sh "$(sed 's/~dev.*//' <<<"$installed")" "$next_repo/src" | sed 's/^gpudoctor.version=//')
dpkg --compare-versions "$next" gt "$installed" || fail "the next commit's version $next does not sort above $installed"
dpkg-deb -R "$deb" "$next_repo/pkg"
sed -i "s/^Version: .*/Version: $next/" "$next_repo/pkg/DEBIAN/control"
dpkg-deb -b -Zxz "$next_repo/pkg" "$next_repo/gpu-doctor_${next}_all.deb" >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$next_repo/gpu-doctor_${next}_all.deb" >/dev/null \
  || fail "apt-get install of $next over $installed"
[ "$(dpkg-query -W -f '${Version}' gpu-doctor)" = "$next" ] || fail "apt left $(dpkg-query -W -f '${Version}' gpu-doctor), not $next"
rm -rf "$next_repo"
echo "packaging: upgraded $installed -> $next with apt-get install ./newer.deb"

dpkg --purge gpu-doctor
trap - EXIT
left=()
for f in "${shipped[@]}" "$jsa" /etc/gpu-doctor "$cache" /etc/systemd/system/multi-user.target.wants/gpu-doctor.service \
         $(find /var/lib/systemd/deb-systemd-helper-enabled /var/lib/systemd/deb-systemd-helper-masked \
                -name '*gpu-doctor*' 2>/dev/null); do
  if [ -e "$f" ] || [ -L "$f" ]; then left+=("$f"); fi
done
if getent passwd gpu-doctor >/dev/null; then left+=("user gpu-doctor"); fi
if getent group gpu-doctor >/dev/null; then left+=("group gpu-doctor"); fi
if dpkg-query -W gpu-doctor >/dev/null 2>&1; then left+=("gpu-doctor in dpkg's database"); fi
[ ${#left[@]} -eq 0 ] || fail "dpkg --purge left: ${left[*]}"
echo "packaging: installed, ran, purged; nothing left"

# 4. Kubernetes manifests, offline; the validator must also reject a known-bad manifest.
(cd packaging/kubernetes/validate && npm ci --no-audit --no-fund --silent)
node packaging/kubernetes/validate/validate.mjs packaging/kubernetes/*.yaml || fail "Kubernetes manifests (above)"
if node packaging/kubernetes/validate/validate.mjs packaging/kubernetes/validate/testdata/bad.yaml >/dev/null 2>&1; then
  fail "the manifest validator accepted testdata/bad.yaml"
fi
echo "packaging: all checks passed"
