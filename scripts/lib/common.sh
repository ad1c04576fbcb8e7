# Shared helpers for paas's setup scripts. Source it; do not run it.
# Every function is safe to call again: it only acts when something is missing.

DOCKER_SOCK=/var/run/docker.sock

# Builds the given products as installed (release, the Swift runtime linked in) and prints the
# folder they are in; with PAAS_BIN_DIR set, builds nothing and prints it (binaries built before).
release_bin_dir() {
    if [ -n "${PAAS_BIN_DIR:-}" ]; then
        echo "$PAAS_BIN_DIR"
        return
    fi
    local product
    for product in "$@"; do swift build -c release --static-swift-stdlib --product "$product" >/dev/null; done
    swift build -c release --static-swift-stdlib --show-bin-path
}

# Prints a section header.
section() { printf '\n==> %s\n' "$*"; }
# Prints a progress line.
info() { printf '    %s\n' "$*"; }
# Prints a warning to stderr.
warn() { printf 'warning: %s\n' "$*" >&2; }
# Prints an error to stderr and exits.
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Exits unless running as root.
require_root() {
    [ "$(id -u)" -eq 0 ] || die "run this as root ($0 ...); it installs packages and starts daemons"
}

# True when PID 1 is systemd (then services are started with systemctl).
has_systemd() { [ "$(ps -p 1 -o comm= 2>/dev/null)" = systemd ]; }

# Installs the Debian packages given that are not installed yet (checked with dpkg -s).
apt_install_missing() {
    local missing=() pkg
    for pkg in "$@"; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    if [ "${#missing[@]}" -eq 0 ]; then
        info "packages already installed: $*"
        return 0
    fi
    info "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q </dev/null
    apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
}

# True when the Docker Engine answers on its socket.
docker_answers() {
    [ -S "$DOCKER_SOCK" ] && curl -sf --max-time 3 --unix-socket "$DOCKER_SOCK" http://localhost/_ping >/dev/null 2>&1
}

# Starts dockerd unless the socket already answers; waits up to 30 s for it.
ensure_dockerd() {
    if docker_answers; then
        info "Docker Engine answers on $DOCKER_SOCK"
    else
        if has_systemd; then
            info "starting docker with systemctl"
            systemctl start docker
        else
            info "starting dockerd (log: /var/log/paas-dockerd.log)"
            # setsid: dockerd must outlive this script and its terminal.
            setsid dockerd >>/var/log/paas-dockerd.log 2>&1 </dev/null &
        fi
        local i
        for i in $(seq 1 60); do
            docker_answers && break
            sleep 0.5
        done
        docker_answers || die "dockerd did not answer on $DOCKER_SOCK within 30 s; see /var/log/paas-dockerd.log"
        info "Docker Engine is up"
    fi
    # A daemon started before the docker group existed leaves the socket root-only.
    if getent group docker >/dev/null && [ "$(stat -c %G "$DOCKER_SOCK")" != docker ]; then
        chgrp docker "$DOCKER_SOCK" && chmod 660 "$DOCKER_SOCK"
        info "gave group docker access to $DOCKER_SOCK"
    fi
}

# Stops and disables the service Debian's docker-registry package sets up with its default
# config (every address, htpasswd auth): paas and its tests run registries with their own config.
disable_default_registry() {
    if has_systemd; then
        if systemctl is-enabled --quiet docker-registry 2>/dev/null || systemctl is-active --quiet docker-registry 2>/dev/null; then
            systemctl disable --now docker-registry >/dev/null 2>&1 || true
            info "stopped and disabled the default docker-registry service"
        fi
    elif [ -x /etc/init.d/docker-registry ] && [ -f /var/run/docker-registry.pid ] &&
        kill -0 "$(cat /var/run/docker-registry.pid)" 2>/dev/null; then
        /etc/init.d/docker-registry stop >/dev/null 2>&1 || true
        info "stopped the default docker-registry service"
    fi
}

# Makes sure sshd can start: privilege separation dir and host keys.
ensure_sshd_prerequisites() {
    mkdir -p /run/sshd
    chmod 0755 /run/sshd
    ssh-keygen -A >/dev/null
}

# Prints the path of the swift driver: on PATH, or the toolchain under /opt/swift.
find_swift() {
    local candidate
    for candidate in "$(command -v swift 2>/dev/null || true)" /opt/swift/usr/bin/swift /opt/swift/bin/swift; do
        if [ -n "$candidate" ] && [ -x "$candidate" ]; then
            echo "$candidate"
            return 0
        fi
    done
    die "swift not found on PATH or under /opt/swift; install a Swift 6 toolchain first"
}
