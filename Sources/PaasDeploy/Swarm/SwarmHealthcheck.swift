import AppSpec
import DockerEngine

/// The Docker health check a Swarm task of a web process gets: the app's first app.json HTTP
/// check if it has one (path and expected content), else "the port accepts connections". Swarm
/// only counts a started task as running, and only then stops the old one, once it passes.
///
/// The check runs inside the app's image with whatever it has: python3, curl, nc (busybox has
/// it), bash or wget, in that order (busybox-static's wget crashes resolving names in some
/// images, so it comes last). The port, path and content reach it through the environment,
/// never inside the script's text.
public enum SwarmHealthcheck {
    /// The check for a web process listening on `port` inside, and the env vars it reads.
    public static func make(checks: [HealthCheck], port: Int, attempts: Int) -> (HealthcheckSpec, [String: String]) {
        let http = checks.first { $0.path != nil && $0.type != .liveness } ?? checks.first { $0.path != nil }
        var env = ["PAAS_CHECK_PORT": String(http?.port ?? port), "PAAS_CHECK_PATH": "", "PAAS_CHECK_CONTENT": ""]
        if let http, let path = http.path {
            env["PAAS_CHECK_PATH"] = path.hasPrefix("/") ? path : "/" + path
            env["PAAS_CHECK_CONTENT"] = http.content ?? ""
        }
        let second: Int64 = 1_000_000_000
        let spec = HealthcheckSpec(
            test: ["CMD-SHELL", script], interval: second, timeout: 5 * second, startPeriod: 10 * second,
            retries: max(1, attempts))
        return (spec, env)
    }

    /// Checks 127.0.0.1:$PAAS_CHECK_PORT: a connection when $PAAS_CHECK_PATH is empty, else a
    /// GET of the path answered 2xx/3xx whose body holds $PAAS_CHECK_CONTENT. The port must be
    /// digits, and no value is ever pasted into the text of another shell.
    static let script = """
        p="$PAAS_CHECK_PORT"; case "$p" in ''|*[!0-9]*) exit 1;; esac; u="http://127.0.0.1:$p$PAAS_CHECK_PATH"; \
        if [ -z "$PAAS_CHECK_PATH" ]; then \
        if command -v python3 >/dev/null 2>&1; then \
        exec python3 -c 'import os,socket; socket.create_connection(("127.0.0.1",int(os.environ["PAAS_CHECK_PORT"])),3)'; fi; \
        if command -v nc >/dev/null 2>&1; then nc -w 3 127.0.0.1 "$p" </dev/null >/dev/null 2>&1; exit $?; fi; \
        if command -v bash >/dev/null 2>&1; then exec bash -c ': </dev/tcp/127.0.0.1/"$PAAS_CHECK_PORT"'; fi; \
        if command -v curl >/dev/null 2>&1; then curl -s -o /dev/null -m 3 "$u/"; [ $? -eq 7 ] && exit 1 || exit 0; fi; \
        exit 1; fi; \
        if command -v python3 >/dev/null 2>&1; then b=$(python3 -c 'import os,urllib.request as r; \
        e=os.environ; print(r.urlopen("http://127.0.0.1:"+e["PAAS_CHECK_PORT"]+e["PAAS_CHECK_PATH"],timeout=5).read().decode("utf-8","replace"))') \
        || exit 1; \
        elif command -v curl >/dev/null 2>&1; then b=$(curl -fsS -m 5 "$u") || exit 1; \
        elif command -v nc >/dev/null 2>&1; then \
        b=$(printf 'GET %s HTTP/1.0\\r\\nHost: 127.0.0.1\\r\\n\\r\\n' "$PAAS_CHECK_PATH" | nc -w 5 127.0.0.1 "$p") || exit 1; \
        set -- $(printf '%s' "$b" | head -n 1); case "$2" in 2??|3??) ;; *) exit 1;; esac; \
        elif command -v wget >/dev/null 2>&1; then b=$(wget -q -T 5 -O - "$u") || exit 1; \
        else exit 1; fi; \
        [ -z "$PAAS_CHECK_CONTENT" ] || case "$b" in *"$PAAS_CHECK_CONTENT"*) exit 0;; *) exit 1;; esac
        """
}
