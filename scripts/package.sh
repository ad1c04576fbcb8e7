#!/usr/bin/env bash
# Makes a release bundle, paas-VERSION.tar.gz, that `paas upgrade` installs.
#
#   scripts/package.sh [--version V] [--out DIR] [--bin-dir DIR] [--minimum-version V]
#                      [--migrations DIR] [--plugins DIR]
#
# By default it builds the release binaries (`swift build -c release --static-swift-stdlib`),
# takes the version from them, the plugins from plugins/ and the SQL migrations from
# migrations/ when that folder exists, and writes the bundle to the current folder.
# --bin-dir packages binaries built already (tests package their debug build this way).
# The bundle holds manifest.json, SHA256SUMS, bin/ (with paas-release.json, the version stamp
# the binaries report), plugins/ and migrations/. See docs/upgrade.md.
set -euo pipefail
REPO_ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$REPO_ROOT/scripts/lib/common.sh"

version="" out=$PWD bin_dir="" minimum="0.1.0" plugins_dir="$REPO_ROOT/plugins" migrations_dir=""
[ -d "$REPO_ROOT/migrations" ] && migrations_dir="$REPO_ROOT/migrations"
while [ $# -gt 0 ]; do
    [ $# -ge 2 ] || case "$1" in -h | --help) ;; *) die "$1 needs a value (see --help)" ;; esac
    case "$1" in
    --version) version=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --bin-dir) bin_dir=$2; shift 2 ;;
    --minimum-version) minimum=$2; shift 2 ;;
    --migrations) migrations_dir=$2; shift 2 ;;
    --plugins) plugins_dir=$2; shift 2 ;;
    -h | --help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
    esac
done
valid_version() { [[ "$1" =~ ^[0-9]+(\.[0-9]+){0,3}(-[A-Za-z0-9.]+)?$ ]]; }

if [ -z "$bin_dir" ]; then
    SWIFT=$(find_swift)
    (
        cd "$REPO_ROOT"
        for product in paas paas-pre-receive paas-nginx; do
            "$SWIFT" build -c release --static-swift-stdlib --product "$product"
        done
    )
    bin_dir=$(cd "$REPO_ROOT" && "$SWIFT" build -c release --static-swift-stdlib --show-bin-path)
fi
for product in paas paas-pre-receive; do
    [ -x "$bin_dir/$product" ] || die "$bin_dir/$product is missing; build it first (or leave out --bin-dir)"
done
[ -d "$plugins_dir" ] || die "no plugins folder at $plugins_dir"
[ -z "$migrations_dir" ] || [ -d "$migrations_dir" ] || die "no migrations folder at $migrations_dir"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# `paas version` of a build that carries no stamp: the compiled version and schema. Its own
# state root, so that packaging never touches an installed paas.
built=$(PAAS_ROOT="$work/root" "$bin_dir/paas" version --format json) || die "$bin_dir/paas version failed"
json_field() { printf '%s' "$built" | sed -n "s/.*\"$1\"[[:space:]]*:[[:space:]]*\"\{0,1\}\([^\",}]*\).*/\1/p" | head -n1; }
[ -n "$version" ] || version=$(json_field version)
valid_version "$version" || die "'$version' is not a version; expected MAJOR.MINOR.PATCH like 0.2.0"
valid_version "$minimum" || die "'$minimum' is not a version; expected MAJOR.MINOR.PATCH like 0.1.0"
schema=$(json_field schemaVersion)
[[ "$schema" =~ ^[0-9]+$ ]] || die "cannot read the schema version from: $built"

top="$work/paas-$version"
mkdir -p "$top/bin" "$top/plugins" "$top/migrations"
binaries=()
for product in paas paas-pre-receive paas-nginx; do
    if [ -x "$bin_dir/$product" ]; then
        cp "$bin_dir/$product" "$top/bin/$product"
        chmod 0755 "$top/bin/$product"
        binaries+=("$product")
    fi
done
migrations=()
if [ -n "$migrations_dir" ]; then
    for file in "$migrations_dir"/*.sql; do
        [ -e "$file" ] || continue
        cp "$file" "$top/migrations/"
        migrations+=("$(basename "$file")")
    done
fi
# A bundle carries every SQL migration of the releases before it: each counts once in the schema.
schema=$((schema + ${#migrations[@]}))
plugins=()
for dir in "$plugins_dir"/*/; do
    [ -f "$dir/plugin.json" ] || continue
    cp -R "${dir%/}" "$top/plugins/"
    plugins+=("$(basename "$dir")")
done
json_list() { local first=1 item; printf '['; for item in "$@"; do [ $first = 1 ] || printf ', '; printf '"%s"' "$item"; first=0; done; printf ']'; }
printf '{"version": "%s", "schemaVersion": %d}\n' "$version" "$schema" >"$top/bin/paas-release.json"
binaries+=("paas-release.json")
cat >"$top/manifest.json" <<JSON
{
  "format": 1,
  "version": "$version",
  "schemaVersion": $schema,
  "minimumVersion": "$minimum",
  "binaries": $(json_list "${binaries[@]}"),
  "plugins": $(json_list "${plugins[@]}"),
  "migrations": $(json_list "${migrations[@]}")
}
JSON
(cd "$top" && find . -type f ! -name SHA256SUMS | LC_ALL=C sort | sed 's|^\./||' | xargs -d '\n' sha256sum >SHA256SUMS)

stamped=$(PAAS_ROOT="$work/root" "$top/bin/paas" version --format json) || die "the packaged paas does not run"
printf '%s' "$stamped" | grep -q "\"$version\"" || die "the packaged paas says $stamped, not $version"

mkdir -p "$out"
bundle="$out/paas-$version.tar.gz"
tar -C "$work" -c "paas-$version" | gzip -1 >"$bundle.tmp"
mv -f "$bundle.tmp" "$bundle"
info "wrote $bundle (version $version, schema $schema, ${#migrations[@]} SQL migration(s), plugins: ${plugins[*]})"
echo "$bundle"
