#!/usr/bin/env bash
# Installs paas on this host and starts everything it needs, ready for `git push`.
#
#   sudo scripts/install.sh [--domain example.com]
#
# Run as root on Debian 12 with a Swift toolchain on PATH or under /opt/swift. Safe to run
# again: each step only acts when something is missing or different.
set -euo pipefail
REPO_ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$REPO_ROOT/scripts/lib/common.sh"

PAAS_USER=paas
STATE_ROOT=/var/lib/paas
SETTINGS="$STATE_ROOT/settings.json"
PROXY_DIR="$STATE_ROOT/proxy"
NGINX=/usr/sbin/nginx
NGINX_CONF=/etc/nginx/conf.d/paas.conf
SUDOERS=/etc/sudoers.d/paas
BIN_DIR=/usr/local/bin
PACKAGES=(git openssh-server docker.io nginx-light libgit2-dev libcurl4-openssl-dev libsqlite3-dev
    busybox-static sudo curl ca-certificates procps)

domain=""
while [ $# -gt 0 ]; do
    case "$1" in
    --domain) [ $# -ge 2 ] || die "--domain needs a value, e.g. --domain example.com"; domain=$2; shift 2 ;;
    --domain=*) domain=${1#--domain=}; shift ;;
    -h | --help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1'; usage: sudo $0 [--domain example.com]" ;;
    esac
done
require_root
valid_domain() { [[ "$1" =~ ^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$ ]]; }
if [ -n "$domain" ] && ! valid_domain "$domain"; then
    die "'$domain' is not a domain name; expected letters, digits, dots and dashes, e.g. example.com"
fi

# Writes stdin to $1 (mode $2) only when the content differs; atomically. Returns 0 if changed.
write_if_changed() {
    local target=$1 mode=$2 tmp
    tmp=$(mktemp "$(dirname "$target")/.paas-install.XXXXXX")
    cat >"$tmp"
    if [ -f "$target" ] && cmp -s "$tmp" "$target"; then
        rm -f "$tmp"
        return 1
    fi
    chmod "$mode" "$tmp"
    mv -f "$tmp" "$target"
    return 0
}

# ---------------------------------------------------------------------------------------------
section "Packages"
apt_install_missing "${PACKAGES[@]}"

# ---------------------------------------------------------------------------------------------
section "Docker Engine"
ensure_dockerd

# ---------------------------------------------------------------------------------------------
section "Build paas (release)"
# The Swift runtime and Foundation are linked in (--static-swift-stdlib): every ssh command
# starts a paas process, and resolving Swift's shared libraries at each start costs ~8 ms.
SWIFT=$(find_swift)
info "using $SWIFT"
(
    cd "$REPO_ROOT"
    "$SWIFT" build -c release --static-swift-stdlib --product paas
    "$SWIFT" build -c release --static-swift-stdlib --product paas-pre-receive
    "$SWIFT" build -c release --static-swift-stdlib --product paas-nginx
)
BUILT=$(cd "$REPO_ROOT" && "$SWIFT" build -c release --static-swift-stdlib --show-bin-path)
for product in paas paas-pre-receive paas-nginx; do
    [ -x "$BUILT/$product" ] || die "the build did not produce $BUILT/$product"
    if cmp -s "$BUILT/$product" "$BIN_DIR/$product"; then
        info "$BIN_DIR/$product is up to date"
    else
        tmp=$(mktemp "$BIN_DIR/.$product.XXXXXX")
        cp "$BUILT/$product" "$tmp"
        chmod 0755 "$tmp"
        mv -f "$tmp" "$BIN_DIR/$product"
        info "installed $BIN_DIR/$product"
    fi
done
# `paas upgrade` leaves the bundle's version stamp beside the binaries; binaries built here
# report the version compiled into them.
if [ -e "$BIN_DIR/paas-release.json" ]; then
    rm -f "$BIN_DIR/paas-release.json"
    info "removed $BIN_DIR/paas-release.json (a version stamp from an earlier paas upgrade)"
fi

# ---------------------------------------------------------------------------------------------
section "User $PAAS_USER and state root $STATE_ROOT"
if ! id "$PAAS_USER" >/dev/null 2>&1; then
    useradd --system --user-group --home-dir "$STATE_ROOT" --no-create-home --shell /bin/sh \
        --comment "paas git push" "$PAAS_USER"
    info "created user $PAAS_USER"
fi
if ! id -nG "$PAAS_USER" | tr ' ' '\n' | grep -qx docker; then
    usermod -aG docker "$PAAS_USER"
    info "added $PAAS_USER to group docker"
fi
# useradd leaves the account locked ('!'), and sshd refuses keys of locked accounts.
if [ "$(getent shadow "$PAAS_USER" | cut -d: -f2)" != '*' ]; then
    usermod -p '*' "$PAAS_USER"
    info "unlocked $PAAS_USER for key logins (no password)"
fi
install -d -o "$PAAS_USER" -g "$PAAS_USER" -m 0750 "$STATE_ROOT"
install -d -o "$PAAS_USER" -g "$PAAS_USER" -m 0700 "$STATE_ROOT/.ssh"
install -d -o "$PAAS_USER" -g "$PAAS_USER" -m 0750 "$PROXY_DIR"
if [ ! -e "$STATE_ROOT/.ssh/authorized_keys" ]; then
    install -o "$PAAS_USER" -g "$PAAS_USER" -m 0600 /dev/null "$STATE_ROOT/.ssh/authorized_keys"
fi

# Keep the installed domain on a re-run without --domain.
current_domain=""
if [ -f "$SETTINGS" ]; then
    current_domain=$(sed -n 's/.*"domain"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$SETTINGS" | head -n1)
fi
if [ -z "$domain" ]; then
    domain=$current_domain
fi
if [ -z "$domain" ]; then
    domain=$(hostname -f 2>/dev/null || true)
    case "$domain" in "" | localhost | localhost.*) domain=paas.localhost ;; esac
fi
valid_domain "$domain" ||
    die "'$domain' is not a domain name; expected letters, digits, dots and dashes, e.g. example.com"

if [ ! -f "$SETTINGS" ]; then
    write_if_changed "$SETTINGS" 0644 <<JSON || true
{
  "domain" : "$domain",
  "nginx" : {
    "listen" : "80",
    "pidFile" : "/run/nginx.pid",
    "reload" : ["$NGINX", "-s", "reload"],
    "sudo" : true,
    "test" : ["$NGINX", "-t"]
  }
}
JSON
    chown "$PAAS_USER:$PAAS_USER" "$SETTINGS"
    info "wrote $SETTINGS (domain $domain)"
elif [ "$domain" != "$current_domain" ]; then
    sed "s/\(\"domain\"[[:space:]]*:[[:space:]]*\"\)[^\"]*\"/\1$domain\"/" "$SETTINGS" |
        write_if_changed "$SETTINGS" 0644 || true
    chown "$PAAS_USER:$PAAS_USER" "$SETTINGS"
    info "changed the domain in $SETTINGS from '$current_domain' to '$domain'"
else
    info "$SETTINGS is current (domain $domain)"
fi

# ---------------------------------------------------------------------------------------------
section "nginx"
nginx_changed=false
if write_if_changed "$NGINX_CONF" 0644 <<CONF; then
# Written by paas's install.sh: the server blocks paas writes for its apps.
include $PROXY_DIR/*.conf;
CONF
    nginx_changed=true
    info "wrote $NGINX_CONF"
fi
"$NGINX" -t -q || die "nginx -t failed; fix the configuration it names and run this again"
nginx_running() {
    local pid
    pid=$(cat /run/nginx.pid 2>/dev/null || true)
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}
if has_systemd; then
    systemctl enable --now nginx >/dev/null 2>&1 || systemctl start nginx
    if $nginx_changed; then systemctl reload nginx; fi
    info "nginx running (systemd)"
elif nginx_running; then
    if $nginx_changed; then
        "$NGINX" -s reload 2>/dev/null
        info "nginx running, reloaded"
    else
        info "nginx running"
    fi
else
    "$NGINX"
    info "started nginx"
fi

# paas runs as its own user and may only check and reload nginx as root, nothing else.
sudoers_tmp=$(mktemp)
cat >"$sudoers_tmp" <<SUDO
# Written by paas's install.sh: the paas user may check and reload nginx, nothing else.
$PAAS_USER ALL=(root) NOPASSWD: $NGINX -t, $NGINX -s reload
SUDO
visudo -cqf "$sudoers_tmp" || die "the generated sudoers rule did not pass visudo -c"
if write_if_changed "$SUDOERS" 0440 <"$sudoers_tmp"; then info "wrote $SUDOERS"; else info "$SUDOERS is current"; fi
rm -f "$sudoers_tmp"

# ---------------------------------------------------------------------------------------------
section "sshd"
ensure_sshd_prerequisites
/usr/sbin/sshd -t || die "sshd -t rejected /etc/ssh/sshd_config; fix it and run this again"
if has_systemd; then
    systemctl enable --now ssh >/dev/null 2>&1 || systemctl start ssh
    info "sshd running (systemd)"
else
    sshd_pid=$(cat /run/sshd.pid 2>/dev/null || true)
    if [ -n "$sshd_pid" ] && kill -0 "$sshd_pid" 2>/dev/null; then
        info "sshd running (pid $sshd_pid)"
    else
        /usr/sbin/sshd
        info "started sshd"
    fi
fi

# ---------------------------------------------------------------------------------------------
section "Plugins"
# After the state root and settings.json exist, and before apps are restored: restoring fires
# proxy-update, which the nginx plugin answers.
installed_plugins=$(PAAS_ROOT="$STATE_ROOT" "$BIN_DIR/paas" plugin:list --format json) ||
    die "paas plugin:list failed; run 'paas plugin:list' to see why"
for plugin in nginx maintenance; do
    if printf '%s' "$installed_plugins" | grep -Eq "\"name\"[[:space:]]*:[[:space:]]*\"$plugin\""; then
        PAAS_ROOT="$STATE_ROOT" "$BIN_DIR/paas" plugin:install --replace "$REPO_ROOT/plugins/$plugin" >/dev/null ||
            die "paas plugin:install --replace $REPO_ROOT/plugins/$plugin failed"
        info "plugin $plugin updated"
    else
        PAAS_ROOT="$STATE_ROOT" "$BIN_DIR/paas" plugin:install "$REPO_ROOT/plugins/$plugin" >/dev/null ||
            die "paas plugin:install $REPO_ROOT/plugins/$plugin failed"
        info "plugin $plugin installed"
    fi
done
# Installed as root; paas runs plugins as $PAAS_USER, which must own their folders and data.
chown -R "$PAAS_USER:$PAAS_USER" "$STATE_ROOT/plugins"

# ---------------------------------------------------------------------------------------------
section "Base images"
"$REPO_ROOT/scripts/make-base-images.sh"

# ---------------------------------------------------------------------------------------------
section "Restore running apps"
# After a reboot Docker restarts the app containers (restart policy unless-stopped) on new
# ports; `paas ps:restore` points nginx at them again. With systemd it runs at every boot.
if has_systemd; then
    unit=/etc/systemd/system/paas-restore.service
    cat >"$unit.tmp" <<UNIT
[Unit]
Description=paas: re-sync the proxy with the app containers after a boot
After=docker.service nginx.service
Wants=docker.service nginx.service

[Service]
Type=oneshot
ExecStart=$BIN_DIR/paas ps:restore

[Install]
WantedBy=multi-user.target
UNIT
    if ! cmp -s "$unit.tmp" "$unit"; then mv "$unit.tmp" "$unit"; systemctl daemon-reload; else rm -f "$unit.tmp"; fi
    systemctl enable --quiet paas-restore.service
    info "paas-restore.service runs ps:restore at boot"
else
    info "no systemd: run 'paas ps:restore' after a reboot (install.sh runs it now)"
fi
if [ -x "$BIN_DIR/paas" ]; then
    "$BIN_DIR/paas" ps:restore || warn "paas ps:restore failed; run it again by hand to see why"
fi

host=$(hostname -f 2>/dev/null || hostname)
cat <<DONE

paas is installed (domain: $domain, state: $STATE_ROOT).

Add your ssh key:
    cat ~/.ssh/id_ed25519.pub | sudo paas ssh-keys:add alice

Then, in your app's git repository:
    git remote add paas $PAAS_USER@$host:myapp
    git push paas main
DONE
