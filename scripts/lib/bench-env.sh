# A throwaway paas installation for the benchmarks: temp PAAS_ROOT, nginx and sshd on loopback
# ports, the client key added with `paas ssh-keys:add`, every Docker object labelled
# paas.test=$BENCH_ID. Source it, call bench_setup; an EXIT trap removes exactly what it made.

. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

BENCH_SOCK=/var/run/docker.sock
BENCH_PIDS=""

# Milliseconds since the epoch, with fractions.
now_ms() { echo "$(date +%s%N) / 1000000" | awk '{ printf "%.3f\n", $1 / 1000000 }'; }
# Elapsed ms between two now_ms values.
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f\n", b - a }'; }
# Median of the numbers given as arguments.
median() {
    printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# A loopback port nothing listens on.
free_port() {
    local port
    while :; do
        # Below Linux's ephemeral range (32768+), where outgoing connections take their ports.
        port=$((20000 + RANDOM % 12000))
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
    done
}

# Waits until 127.0.0.1:$1 accepts connections (10 s).
wait_port() {
    local i
    for i in $(seq 1 200); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.05
    done
    echo "nothing listens on 127.0.0.1:$1" >&2
    return 1
}

# Engine API call: engine METHOD PATH [curl args...]
engine() {
    local method=$1 path=$2
    shift 2
    curl -sS --unix-socket "$BENCH_SOCK" -X "$method" "$@" "http://localhost/v1.41$path"
}

bench_cleanup() {
    local pid id
    for pid in $BENCH_PIDS; do kill "$pid" 2>/dev/null || true; done
    [ -n "${BENCH_ID:-}" ] || return 0
    local filter
    filter=$(jq -rn --arg l "paas.test=$BENCH_ID" '{label: [$l]} | @uri')
    for id in $(engine GET "/containers/json?all=1&filters=$filter" | jq -r '.[].Id'); do
        engine DELETE "/containers/$id?force=1&v=1" >/dev/null
    done
    for id in $(engine GET "/images/json?filters=$filter" | jq -r 'sort_by(-.Created) | .[].Id'); do
        engine DELETE "/images/$id?force=1" >/dev/null
    done
    [ -n "${BENCH_DIR:-}" ] && rm -rf "$BENCH_DIR"
}

# Sets BENCH_ID, BENCH_DIR, PAAS_ROOT, BIN, NGINX_PORT, SSH_PORT, SSH_KEY, and the functions
# bssh (ssh to the test sshd) and bpush (git push over it).
bench_setup() {
    command -v jq >/dev/null || { echo "jq is needed: apt-get install -y jq" >&2; exit 1; }
    BIN=$(release_bin_dir paas paas-pre-receive paas-nginx)
    [ -x "$BIN/paas" ] && [ -x "$BIN/paas-pre-receive" ] || { echo "build paas first (swift build)" >&2; exit 1; }
    BENCH_ID=bench-$(od -An -N5 -tx1 /dev/urandom | tr -d ' \n')
    BENCH_DIR=$(mktemp -d /tmp/paas-bench.XXXXXX)
    trap bench_cleanup EXIT
    trap 'exit 130' INT TERM
    export PAAS_ROOT=$BENCH_DIR/root PAAS_BIN_DIR=$BIN
    mkdir -p "$PAAS_ROOT/.ssh" "$PAAS_ROOT/proxy" "$BENCH_DIR/nginx/temp"

    NGINX_PORT=$(free_port)
    local nginx_conf=$BENCH_DIR/nginx/nginx.conf
    cat >"$nginx_conf" <<CONF
worker_processes 1;
error_log $BENCH_DIR/nginx/error.log warn;
pid $BENCH_DIR/nginx/nginx.pid;
events { worker_connections 256; }
http {
    access_log off;
    client_body_temp_path $BENCH_DIR/nginx/temp/body;
    proxy_temp_path $BENCH_DIR/nginx/temp/proxy;
    include $PAAS_ROOT/proxy/*.conf;
    server { listen 127.0.0.1:$NGINX_PORT default_server; return 404; }
}
CONF
    nginx -p "$BENCH_DIR/nginx" -c "$nginx_conf" -g 'daemon off;' 2>>"$BENCH_DIR/nginx/stderr.log" &
    BENCH_PIDS="$BENCH_PIDS $!"
    wait_port "$NGINX_PORT"
    jq -n --arg id "$BENCH_ID" --arg listen "127.0.0.1:$NGINX_PORT" --arg p "$BENCH_DIR/nginx" \
        --arg c "$nginx_conf" --arg pid "$BENCH_DIR/nginx/nginx.pid" --arg nginx "$(command -v nginx)" \
        --arg paas "$BIN/paas" \
        '{domain: "paas.test", labels: {"paas.test": $id}, paasBinary: $paas,
          nginx: {listen: $listen, test: [$nginx, "-p", $p, "-c", $c, "-t"],
                  reload: [$nginx, "-p", $p, "-c", $c, "-s", "reload"], sudo: false, pidFile: $pid}}' \
        >"$PAAS_ROOT/settings.json"

    SSH_PORT=$(free_port)
    SSH_KEY=$BENCH_DIR/client_ed25519
    ssh-keygen -q -t ed25519 -N '' -f "$BENCH_DIR/host_ed25519"
    ssh-keygen -q -t ed25519 -N '' -f "$SSH_KEY"
    mkdir -p /run/sshd
    cat >"$BENCH_DIR/sshd_config" <<CONF
Port $SSH_PORT
ListenAddress 127.0.0.1
HostKey $BENCH_DIR/host_ed25519
PidFile $BENCH_DIR/sshd.pid
AuthorizedKeysFile $PAAS_ROOT/.ssh/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PermitRootLogin prohibit-password
LogLevel ERROR
CONF
    /usr/sbin/sshd -D -e -f "$BENCH_DIR/sshd_config" 2>>"$BENCH_DIR/sshd.log" &
    BENCH_PIDS="$BENCH_PIDS $!"
    wait_port "$SSH_PORT"
    "$BIN/paas" ssh-keys:add bench --role admin <"$SSH_KEY.pub" >/dev/null
    "$BIN/paas" plugin:install "$PWD/plugins/nginx" >/dev/null 2>&1
}

BENCH_SSH_OPTS="-F /dev/null -o IdentitiesOnly=yes -o IdentityAgent=none -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o LogLevel=ERROR"

# ssh to the bench sshd as root with the bench key: bssh WORDS...
bssh() {
    # shellcheck disable=SC2086
    ssh $BENCH_SSH_OPTS -p "$SSH_PORT" -i "$SSH_KEY" root@127.0.0.1 "$@"
}

# git push from the repo in $1 to app $2 over the bench sshd.
bpush() {
    GIT_SSH_COMMAND="ssh $BENCH_SSH_OPTS -p $SSH_PORT -i $SSH_KEY" git -C "$1" push -q "root@127.0.0.1:$2" main
}

# Replaces (or appends) the section between <!-- bench:NAME --> markers in docs/benchmarks.md
# with the contents of file $2.
write_section() {
    local name=$1 body=$2 doc=docs/benchmarks.md
    [ -f "$doc" ] || printf '# Benchmarks\n\nWritten by the scripts in scripts/; rerun them to refresh.\n' >"$doc"
    awk -v name="$name" -v body="$body" '
        BEGIN { start = "<!-- bench:" name " -->"; stop = "<!-- /bench:" name " -->" }
        function dump() { print start; while ((getline line < body) > 0) print line; print stop }
        $0 == start { skip = 1; dump(); done = 1; next }
        $0 == stop { skip = 0; next }
        !skip { print }
        END { if (!done) { print ""; dump() } }
    ' "$doc" >"$doc.new" && mv "$doc.new" "$doc"
}

# One line describing this machine.
machine() {
    echo "$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME"), Docker $(engine GET /version | jq -r .Version)"
}
