#!/usr/bin/env bash
# Installs paas on this host and starts everything it needs, ready for `git push`.
#
#   scripts/install.sh [--domain example.com] [--proxy haproxy|nginx]     (as root)
#
# The proxy is HAProxy unless --proxy nginx says otherwise (a re-run keeps the one installed):
# HAProxy is switched at runtime, nginx is reloaded on every switch (see README).
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
HAPROXY=/usr/sbin/haproxy
HAPROXY_DIR="$STATE_ROOT/haproxy"
SUDOERS=/etc/sudoers.d/paas
BIN_DIR=/usr/local/bin
PACKAGES=(git openssh-server docker.io libgit2-dev libcurl4-openssl-dev libsqlite3-dev
    busybox-static sudo curl ca-certificates procps openssl)

domain=""
proxy=""
while [ $# -gt 0 ]; do
    case "$1" in
    --domain) [ $# -ge 2 ] || die "--domain needs a value, e.g. --domain example.com"; domain=$2; shift 2 ;;
    --domain=*) domain=${1#--domain=}; shift ;;
    --proxy) [ $# -ge 2 ] || die "--proxy needs a value: haproxy or nginx"; proxy=$2; shift 2 ;;
    --proxy=*) proxy=${1#--proxy=}; shift ;;
    -h | --help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1'; usage: $0 [--domain example.com] [--proxy haproxy|nginx]" ;;
    esac
done
require_root
if [ -z "$proxy" ]; then
    # A re-run keeps the proxy that is enabled; a new install gets HAProxy.
    if [ -e "$STATE_ROOT/plugins/enabled/nginx" ] && [ ! -e "$STATE_ROOT/plugins/enabled/haproxy" ]; then
        proxy=nginx
    else
        proxy=haproxy
    fi
fi
case "$proxy" in
haproxy) PACKAGES+=(haproxy) ;;
nginx) PACKAGES+=(nginx-light) ;;
*) die "unknown proxy '$proxy'; expected haproxy or nginx" ;;
esac
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
disable_default_registry

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
    "$SWIFT" build -c release --static-swift-stdlib --product paas-haproxy
)
BUILT=$(cd "$REPO_ROOT" && "$SWIFT" build -c release --static-swift-stdlib --show-bin-path)
for product in paas paas-pre-receive paas-nginx paas-haproxy; do
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
# paas run as root acts as the state root's owner: a folder that root made there earlier (by a
# paas run before this install, for example) must become the paas user's, or paas can't use it.
for dir in "$STATE_ROOT"/*/; do
    [ -d "$dir" ] && [ "$(stat -c %U "$dir")" = root ] && chown -R "$PAAS_USER:$PAAS_USER" "$dir" &&
        info "gave ${dir%/} to $PAAS_USER"
done
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
  "haproxy" : {
    "http" : "80",
    "https" : "443",
    "masterSocket" : "$HAPROXY_DIR/master.sock",
    "socket" : "$HAPROXY_DIR/admin.sock",
    "start" : "scripts/install.sh as root (or: $HAPROXY -W -D -S $HAPROXY_DIR/master.sock,uid,$PAAS_USER,mode,600 -p $HAPROXY_DIR/haproxy.pid -f $HAPROXY_DIR/haproxy.cfg -f $HAPROXY_DIR/apps)"
  },
  "nginx" : {
    "listen" : "80",
    "pidFile" : "/run/nginx.pid",
    "listenTLS" : "443",
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
if [ "$proxy" = nginx ]; then
    # Both cannot hold port 80.
    if has_systemd; then systemctl disable --now haproxy >/dev/null 2>&1 || true
    elif [ -f "$HAPROXY_DIR/haproxy.pid" ]; then kill "$(cat "$HAPROXY_DIR/haproxy.pid")" 2>/dev/null || true; fi
fi
if [ "$proxy" = nginx ]; then
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

fi
if [ "$proxy" = haproxy ] && [ -x "$NGINX" ]; then
    # Both cannot hold port 80.
    if has_systemd; then systemctl disable --now nginx >/dev/null 2>&1 || true
    elif [ -f /run/nginx.pid ]; then "$NGINX" -s quit 2>/dev/null || true; fi
fi
if [ "$proxy" = haproxy ]; then
section "HAProxy"
# paas owns HAProxy's files (it changes them with every switch); HAProxy runs as root to bind
# ports 80 and 443, and gives its admin and master sockets to the paas user.
install -d -o "$PAAS_USER" -g "$PAAS_USER" -m 0750 "$HAPROXY_DIR"
su -s /bin/sh "$PAAS_USER" -c "PAAS_ROOT='$STATE_ROOT' '$BIN_DIR/paas-haproxy' setup" >/dev/null ||
    die "paas-haproxy setup failed; run: sudo -u $PAAS_USER PAAS_ROOT=$STATE_ROOT $BIN_DIR/paas-haproxy setup"
"$HAPROXY" -c -q -f "$HAPROXY_DIR/haproxy.cfg" -f "$HAPROXY_DIR/apps" || die "haproxy -c rejected $HAPROXY_DIR; fix the file it names and run this again"
master_socket="$HAPROXY_DIR/master.sock,uid,$(id -u "$PAAS_USER"),mode,600"
if has_systemd; then
    write_if_changed /etc/default/haproxy 0644 <<DEFAULTS && systemctl restart haproxy || true
# Written by paas's install.sh: HAProxy serves paas's apps from $HAPROXY_DIR.
CONFIG="$HAPROXY_DIR/haproxy.cfg"
EXTRAOPTS="-S $master_socket -f $HAPROXY_DIR/apps"
DEFAULTS
    systemctl enable --now haproxy >/dev/null 2>&1 || systemctl start haproxy
    info "HAProxy running (systemd)"
elif PAAS_ROOT="$STATE_ROOT" "$BIN_DIR/paas-haproxy" ping; then
    info "HAProxy running"
else
    "$HAPROXY" -W -D -p "$HAPROXY_DIR/haproxy.pid" -S "$master_socket" -f "$HAPROXY_DIR/haproxy.cfg" -f "$HAPROXY_DIR/apps"
    info "started HAProxy"
fi

fi

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
for plugin in haproxy nginx maintenance; do
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
PAAS_ROOT="$STATE_ROOT" "$BIN_DIR/paas" proxy:set "$proxy" >/dev/null 2>&1 || true
info "proxy: $proxy (the other proxy plugin is installed, disabled)"
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
After=docker.service nginx.service haproxy.service
Wants=docker.service

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

paas is installed (domain: $domain, proxy: $proxy, state: $STATE_ROOT).

Add your ssh key:
    cat alice.pub | paas ssh-keys:add alice --role admin

Then, in your app's git repository:
    git remote add paas $PAAS_USER@$host:myapp
    git push paas main
DONE
