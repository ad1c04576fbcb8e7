#!/usr/bin/env bash
# Makes the local base images paas and its tests run apps on. No registry is reachable, so
# they are imported from rootfs tarballs built here. Each image is made only when missing.
#
#   scripts/make-base-images.sh            paas/busybox:latest (busybox-static, ~2 MB)
#   scripts/make-base-images.sh --python   also paas/python:bookworm (debootstrap, ~230 MB)
#
# The Debian rootfs tarball is cached under /var/cache/paas/ so it is built once per machine.
set -euo pipefail
. "$(dirname "$0")/lib/common.sh"

BUSYBOX_IMAGE=paas/busybox:latest
PYTHON_IMAGE=paas/python:bookworm
CACHE_DIR=/var/cache/paas
PYTHON_ROOTFS="$CACHE_DIR/python-bookworm-rootfs.tar.gz"

with_python=false
for arg in "$@"; do
    case "$arg" in
    --python) with_python=true ;;
    -h | --help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$arg'; expected --python" ;;
    esac
done

command -v docker >/dev/null || die "the docker client is missing; install docker.io"
docker_answers || die "the Docker Engine does not answer on $DOCKER_SOCK; start dockerd first"

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

WORK_DIRS=()
trap 'rm -rf "${WORK_DIRS[@]}"' EXIT
# Sets WORK_DIR to a new temporary directory that is removed when the script ends.
new_work_dir() { WORK_DIR=$(mktemp -d); WORK_DIRS+=("$WORK_DIR"); }

make_busybox() {
    if image_exists "$BUSYBOX_IMAGE"; then
        info "$BUSYBOX_IMAGE exists"
        return 0
    fi
    local busybox
    busybox=$(command -v busybox || true)
    [ -n "$busybox" ] && "$busybox" --list >/dev/null 2>&1 || die "busybox not found; install busybox-static"
    if command -v ldd >/dev/null && ldd "$busybox" >/dev/null 2>&1; then
        die "$busybox is dynamically linked and would not run in an empty image; install busybox-static"
    fi

    local root
    new_work_dir
    root=$WORK_DIR
    mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,tmp,root,var/www,proc,sys,dev}
    chmod 1777 "$root/tmp"
    cp "$busybox" "$root/bin/busybox"
    local applet
    # --list-full gives each applet's usual place (usr/bin/wget); fall back to bin/ for all.
    if "$busybox" --list-full >/dev/null 2>&1; then
        for applet in $("$busybox" --list-full); do
            [ "$applet" = bin/busybox ] && continue
            mkdir -p "$root/$(dirname "$applet")"
            ln -sf /bin/busybox "$root/$applet"
        done
    fi
    for applet in $("$busybox" --list); do
        [ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
    done
    printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$root/etc/passwd"
    printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
    tar -C "$root" -c . | docker import \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'CMD ["/bin/sh"]' \
        - "$BUSYBOX_IMAGE" >/dev/null
    info "made $BUSYBOX_IMAGE"
}

make_python() {
    if image_exists "$PYTHON_IMAGE"; then
        info "$PYTHON_IMAGE exists"
        return 0
    fi
    if [ ! -s "$PYTHON_ROOTFS" ]; then
        command -v debootstrap >/dev/null || die "debootstrap not found; install debootstrap"
        mkdir -p "$CACHE_DIR"
        local root
        new_work_dir
        root=$WORK_DIR
        info "debootstrap bookworm with python3-minimal (about 30 s, once per machine)"
        debootstrap --variant=minbase --include=python3-minimal bookworm "$root" \
            "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" >"$CACHE_DIR/debootstrap.log" 2>&1 ||
            die "debootstrap failed; see $CACHE_DIR/debootstrap.log"
        rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
        tar -C "$root" -czf "$PYTHON_ROOTFS.tmp" .
        mv -f "$PYTHON_ROOTFS.tmp" "$PYTHON_ROOTFS"
        info "cached rootfs at $PYTHON_ROOTFS"
    fi
    docker import \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'CMD ["/usr/bin/python3"]' \
        "$PYTHON_ROOTFS" "$PYTHON_IMAGE" >/dev/null
    info "made $PYTHON_IMAGE"
}

make_busybox
if $with_python; then make_python; fi
